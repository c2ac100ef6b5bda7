package cn.jiesu.core.hotspot;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * A hotspot as the board shows it: topic and place, whether it is still open, its appeals (the intake ids, in the
 * order they joined), the first and latest, and growth.
 *
 * @param street        the street-level unit, or null for a district hotspot
 * @param closedAt      null while open
 * @param growthPerHour appeals that joined in the hour up to the latest one
 * @param observed      the window count that opened it
 * @param expected      what the baseline expected in that window
 * @param districtHotspot for a street hotspot, the open hotspot of its topic in its district, else null
 * @param streetHotspots  for a district hotspot, the open hotspots of its topic in its streets, oldest first
 *     ({@link HotspotNesting})
 */
public record HotspotView(
        String id,
        String topic,
        HotspotKey.Level level,
        String district,
        String street,
        Window window,
        Instant openedAt,
        Instant closedAt,
        Instant first,
        Instant latest,
        List<String> appealIds,
        double growthPerHour,
        long observed,
        double expected,
        String districtHotspot,
        List<String> streetHotspots) {
    public HotspotView {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(district, "district");
        appealIds = List.copyOf(appealIds);
        streetHotspots = List.copyOf(streetHotspots);
    }

    /** The board's view of a hotspot with no other open; {@code closedAt} null while it is open. */
    public static HotspotView of(Hotspot h, Instant closedAt) {
        return of(h, closedAt, List.of());
    }

    /**
     * The board's view of a hotspot, with the open hotspots of the other level it nests with; {@code closedAt} null
     * while it is open.
     */
    public static HotspotView of(Hotspot h, Instant closedAt, Collection<OpenHotspot> open) {
        OpenHotspot o = h.opened();
        HotspotKey key = o.key();
        String district = key.place();
        String street = null;
        if (key.level() == HotspotKey.Level.STREET) {
            int slash = key.place().indexOf('/');
            district = key.place().substring(0, slash);
            street = key.place().substring(slash + 1);
        }
        return new HotspotView(
                o.id(),
                key.topic(),
                key.level(),
                district,
                street,
                o.window(),
                o.openedAt(),
                closedAt,
                h.first(),
                h.latest(),
                h.appealIds(),
                h.growthPerHour(),
                o.observed(),
                o.expected(),
                HotspotNesting.district(key, open),
                HotspotNesting.streets(key, open));
    }

    public boolean open() {
        return closedAt == null;
    }

    public int count() {
        return appealIds.size();
    }
}
