package cn.jiesu.core.hotspot;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * What the hotspot detector needs of one acknowledged appeal: its id, when it was acknowledged, its triage topics
 * and where it is (district and street-level unit from the gazetteer; either may be null when unresolved).
 */
public record HotspotAppeal(String appealId, Instant acknowledged, Set<String> topics, String district, String street) {
    public HotspotAppeal {
        Objects.requireNonNull(appealId, "appealId");
        Objects.requireNonNull(acknowledged, "acknowledged");
        topics = Set.copyOf(topics);
        if (street != null && district == null) {
            throw new IllegalArgumentException("street without district: " + street);
        }
    }
}
