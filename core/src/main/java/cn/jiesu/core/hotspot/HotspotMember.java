package cn.jiesu.core.hotspot;

import java.time.Instant;
import java.util.Objects;

/** One appeal of a hotspot: its id and when it was acknowledged. */
public record HotspotMember(String appealId, Instant at) {
    public HotspotMember {
        Objects.requireNonNull(appealId, "appealId");
        Objects.requireNonNull(at, "at");
    }
}
