package cn.jiesu.core.hotspot;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Which open hotspots belong together: a street's hotspot and its district's of the same topic are usually one
 * incident seen at two levels (the street's opens at its 3rd appeal, the district's an appeal or two later, holding
 * the same appeals), so the case system dispatches one work order, not two. Street and district are still counted and
 * tested apart; this only names the other level's open hotspot.
 */
public final class HotspotNesting {
    private HotspotNesting() {}

    /** For a street key, the id of the open district hotspot of its topic and district; otherwise null. */
    public static String district(HotspotKey key, Collection<OpenHotspot> open) {
        if (key.level() != HotspotKey.Level.STREET) {
            return null;
        }
        String district = key.place().substring(0, key.place().indexOf('/'));
        for (OpenHotspot h : open) {
            HotspotKey k = h.key();
            if (k.level() == HotspotKey.Level.DISTRICT
                    && k.topic().equals(key.topic())
                    && k.place().equals(district)) {
                return h.id();
            }
        }
        return null;
    }

    /** For a district key, the ids of the open street hotspots of its topic inside it, oldest first; else empty. */
    public static List<String> streets(HotspotKey key, Collection<OpenHotspot> open) {
        if (key.level() != HotspotKey.Level.DISTRICT) {
            return List.of();
        }
        String prefix = key.place() + "/";
        return open.stream()
                .filter(h -> h.key().level() == HotspotKey.Level.STREET
                        && h.key().topic().equals(key.topic())
                        && h.key().place().startsWith(prefix))
                .sorted(Comparator.comparing(OpenHotspot::openedAt).thenComparing(OpenHotspot::id))
                .map(OpenHotspot::id)
                .toList();
    }
}
