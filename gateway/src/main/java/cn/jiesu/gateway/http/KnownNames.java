package cn.jiesu.gateway.http;

import cn.jiesu.core.place.District;
import cn.jiesu.core.place.Gazetteer;
import cn.jiesu.core.place.Unit;
import cn.jiesu.core.rates.RateScope;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Checks the topic and place names a query filters by against the closed sets they come from: the classification
 * rules' topics and the gazetteer's districts and units (or {@value RateScope#UNKNOWN}). A misspelt name would
 * otherwise answer an empty 200, which a client reads as "nothing there". Aliases are taken and answered with the
 * canonical name (朝阳 → 朝阳区). Without a gazetteer, place names are taken as given.
 */
public final class KnownNames {
    private static final int LISTED = 12;

    private final Supplier<Set<String>> topics;
    private final Gazetteer gazetteer;

    /**
     * @param topics    the current rules' topics (they change on reload), or null to take any topic
     * @param gazetteer the city's gazetteer, or null
     */
    public KnownNames(Supplier<Set<String>> topics, Gazetteer gazetteer) {
        this.topics = topics;
        this.gazetteer = gazetteer;
    }

    /** The topic, or null when absent; a 400 naming {@code param} when no rule has it. */
    public String topic(String param, String raw) {
        String t = blankToNull(raw);
        if (t == null || topics == null) {
            return t;
        }
        Set<String> known = topics.get();
        if (!known.contains(t)) {
            throw ApiError.badRequest(param, "unknown topic '" + shorten(t) + "': one of " + listed(known));
        }
        return t;
    }

    /** The district's canonical name, or null when absent; a 400 naming {@code param} when the gazetteer lacks it. */
    public String district(String param, String raw) {
        String d = blankToNull(raw);
        if (d == null || gazetteer == null || d.equals(RateScope.UNKNOWN)) {
            return d;
        }
        District found = find(d);
        if (found == null) {
            throw ApiError.badRequest(
                    param,
                    "'" + shorten(d) + "' is not a district of " + gazetteer.city() + ": one of "
                            + listed(gazetteer.districts().stream()
                                    .map(District::name)
                                    .collect(Collectors.toCollection(java.util.TreeSet::new)))
                            + " or " + RateScope.UNKNOWN);
        }
        return found.name();
    }

    /**
     * The unit's canonical name within {@code district} (a canonical name; null: in any district), or null when
     * absent; a 400 naming {@code param} when no such unit is there.
     */
    public String street(String param, String district, String raw) {
        String s = blankToNull(raw);
        if (s == null || gazetteer == null || s.equals(RateScope.UNKNOWN)) {
            return s;
        }
        District in = district == null ? null : find(district);
        if (district != null && in == null) {
            return s; // the district is the unplaced scope itself: nothing to check against
        }
        for (District d : gazetteer.districts()) {
            if (in != null && d != in) {
                continue;
            }
            for (Unit u : d.units()) {
                if (u.name().equals(s) || u.aliases().contains(s)) {
                    return u.name();
                }
            }
        }
        throw ApiError.badRequest(
                param,
                "'" + shorten(s) + "' is not a street-level unit of " + (in == null ? gazetteer.city() : in.name())
                        + " in the gazetteer");
    }

    private District find(String name) {
        for (District d : gazetteer.districts()) {
            if (d.name().equals(name) || d.aliases().contains(name)) {
                return d;
            }
        }
        return null;
    }

    private static String listed(Set<String> names) {
        String head = names.stream().limit(LISTED).collect(Collectors.joining(", "));
        return names.size() > LISTED ? head + ", … (" + names.size() + ")" : head;
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
