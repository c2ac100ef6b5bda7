package cn.jiesu.redis.raw;

import cn.jiesu.core.raw.RawPayload;
import java.time.Instant;
import java.util.Objects;

/**
 * A {@link RawPayload} as the raw store keeps it: with the channel it came in on and when its first copy was stored.
 *
 * @param channel  the channel (lower case, for audit only)
 * @param storedAt when the first copy was stored; null before it is
 */
public record StoredPayload(RawPayload payload, String channel, Instant storedAt) {
    public StoredPayload {
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(channel, "channel");
    }

    public String ref() {
        return payload.ref();
    }
}
