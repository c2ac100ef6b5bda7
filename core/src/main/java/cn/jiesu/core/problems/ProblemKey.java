package cn.jiesu.core.problems;

import cn.jiesu.core.intake.PlaceMark;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One (topic, place) pair recurring problems are counted by: a triage topic and a street, a district, or the city.
 * Names are the gazetteer's canonical ones ({@link PlaceMark}); '|' separates a key's parts in storage, so it may not
 * appear in a name.
 *
 * @param district null at city level
 * @param street   null at city and district level
 */
public record ProblemKey(String topic, String district, String street) {
    private static final Pattern TOPIC = Pattern.compile("[a-z0-9][a-z0-9_-]{0,39}");
    private static final int MAX_NAME = 64;

    public ProblemKey {
        if (topic == null || !TOPIC.matcher(topic).matches()) {
            throw new IllegalArgumentException("topic: lowercase letters, digits, '-' or '_', at most 40, was "
                    + (topic == null ? "null" : "'" + topic + "'"));
        }
        district = name("district", district);
        street = name("street", street);
        if (street != null && district == null) {
            throw new IllegalArgumentException("street: needs a district");
        }
    }

    /**
     * The pairs an appeal counts in: per topic, the city, and when placed its district and (when placed that far)
     * its street. Unplaced appeals count only city-wide.
     */
    public static List<ProblemKey> of(Collection<String> topics, PlaceMark place) {
        List<ProblemKey> keys = new ArrayList<>();
        for (String t : topics) {
            keys.add(new ProblemKey(t, null, null));
            if (place != null) {
                keys.add(new ProblemKey(t, place.district(), null));
                if (place.street() != null) {
                    keys.add(new ProblemKey(t, place.district(), place.street()));
                }
            }
        }
        return List.copyOf(keys);
    }

    /** True when {@code topic} is a well-formed topic name (what {@code topic} query parameters are checked by). */
    public static boolean validTopic(String topic) {
        return topic != null && TOPIC.matcher(topic).matches();
    }

    public ProblemLevel level() {
        return district == null ? ProblemLevel.CITY : street == null ? ProblemLevel.DISTRICT : ProblemLevel.STREET;
    }

    /** The pair one level up (a street's district, a district's city); null for the city. */
    public ProblemKey parent() {
        return switch (level()) {
            case CITY -> null;
            case DISTRICT -> new ProblemKey(topic, null, null);
            case STREET -> new ProblemKey(topic, district, null);
        };
    }

    /** The storage form {@code topic|district|street}, empty parts for the missing ones. */
    public String encode() {
        return topic + "|" + (district == null ? "" : district) + "|" + (street == null ? "" : street);
    }

    /** The inverse of {@link #encode()}; IllegalArgumentException for anything else. */
    public static ProblemKey decode(String s) {
        String[] parts = s.split("\\|", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a problem key: " + s);
        }
        return new ProblemKey(parts[0], parts[1], parts[2]);
    }

    private static String name(String what, String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        String t = s.trim();
        if (t.length() > MAX_NAME || t.indexOf('|') >= 0) {
            throw new IllegalArgumentException(what + ": at most " + MAX_NAME + " characters, no '|'");
        }
        return t;
    }
}
