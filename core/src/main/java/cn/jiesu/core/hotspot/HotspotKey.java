package cn.jiesu.core.hotspot;

import java.util.Objects;

/**
 * One counted series: a topic (or {@link #ALL_TOPICS}) at a place of some level. Street places are written
 * {@code district/street} so that equally named streets in two districts stay apart.
 */
public record HotspotKey(String topic, Level level, String place) {
    /** The topic of the all-appeals series that give each place its share of city volume. */
    public static final String ALL_TOPICS = "*";

    /** The city-wide place. */
    public static final String CITY = "*";

    /** How fine a place is. Hotspots open on STREET and DISTRICT keys; CITY keys only feed the baseline's prior. */
    public enum Level {
        STREET,
        DISTRICT,
        CITY
    }

    public HotspotKey {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(place, "place");
    }

    static HotspotKey street(String topic, String district, String street) {
        return new HotspotKey(topic, Level.STREET, district + "/" + street);
    }

    static HotspotKey district(String topic, String district) {
        return new HotspotKey(topic, Level.DISTRICT, district);
    }

    static HotspotKey city(String topic) {
        return new HotspotKey(topic, Level.CITY, CITY);
    }

    /** The same place with all topics: the denominator of this key's share. */
    HotspotKey allTopics() {
        return new HotspotKey(ALL_TOPICS, level, place);
    }

    /** A stable string for store keys, e.g. {@code water|STREET|D03/D03-S12}. */
    public String id() {
        return topic + "|" + level + "|" + place;
    }
}
