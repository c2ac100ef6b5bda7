package cn.jiesu.core.problems;

import cn.jiesu.core.intake.PlaceMark;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * One (topic, place) pair recurring problems are counted by: a triage topic and a street, a district, or the city.
 * Names are the gazetteer's canonical ones ({@link PlaceMark}); topics are whatever config/classification.yaml names
 * ({@code water}, {@code food-safety}, or a city's own words). '|' separates a key's parts in storage, so it may not
 * appear in a topic or name; each is at most 64 characters.
 *
 * @param district null at city level
 * @param street   null at city and district level
 */
public record ProblemKey(String topic, String district, String street) {
    /** The longest topic, district or street name a key holds. */
    public static final int MAX_NAME = 64;

    public ProblemKey {
        if (!usable(topic)) {
            throw new IllegalArgumentException("topic: required, at most " + MAX_NAME + " characters, no '|'");
        }
        topic = topic.trim();
        district = name("district", district);
        street = name("street", street);
        if (street != null && district == null) {
            throw new IllegalArgumentException("street: needs a district");
        }
    }

    /**
     * The pairs an appeal counts in: per topic, the city, and when placed its district and (when placed that far)
     * its street. Unplaced appeals count only city-wide. Never throws: a topic or name a key cannot hold (a '|', too
     * long) is skipped, or the appeal counts one level up, since the stream would hand a throwing entry in again and
     * again until it is dead-lettered.
     */
    public static List<ProblemKey> of(Collection<String> topics, PlaceMark place) {
        boolean inDistrict = place != null && usable(place.district());
        boolean inStreet = inDistrict && place.street() != null && usable(place.street());
        List<ProblemKey> keys = new ArrayList<>();
        for (String t : topics) {
            if (!usable(t)) {
                continue;
            }
            keys.add(new ProblemKey(t, null, null));
            if (inDistrict) {
                keys.add(new ProblemKey(t, place.district(), null));
            }
            if (inStreet) {
                keys.add(new ProblemKey(t, place.district(), place.street()));
            }
        }
        return List.copyOf(keys);
    }

    /** True when a key can hold {@code s} as its topic or a name: not blank, at most 64 characters, no '|'. */
    public static boolean usable(String s) {
        return s != null && !s.isBlank() && s.trim().length() <= MAX_NAME && s.indexOf('|') < 0;
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
        if (!usable(s)) {
            throw new IllegalArgumentException(what + ": at most " + MAX_NAME + " characters, no '|'");
        }
        return s.trim();
    }
}
