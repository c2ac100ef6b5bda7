package cn.jiesu.redis.intake;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where the intake stream may be cut: entries with smaller ids may go. An entry is kept while any group still
 * needs it (pending there, or not yet delivered) or while it is younger than the retention. Pure.
 */
public final class TrimPoint {
    private TrimPoint() {}

    /**
     * The MINID for {@code XTRIM MINID ~}, or empty when nothing may be trimmed: no group exists yet (then nothing
     * has been processed, and the stream is the only copy of its appeals).
     */
    public static Optional<StreamId> minId(List<GroupPosition> groups, Instant now, Duration retention) {
        if (groups.isEmpty()) {
            return Optional.empty();
        }
        StreamId keepFrom = StreamId.ofMillis(Math.max(0, now.minus(retention).toEpochMilli()));
        for (GroupPosition g : groups) {
            keepFrom = StreamId.min(keepFrom, g.firstNeeded());
        }
        // Nothing lies below 0-1; trimming there would be a no-op round trip.
        return keepFrom.compareTo(StreamId.ZERO.next()) <= 0 ? Optional.empty() : Optional.of(keepFrom);
    }
}
