package cn.jiesu.redis.intake;

import java.util.Objects;
import java.util.Optional;

/**
 * How far one consumer group is on the intake stream, as XINFO GROUPS and XPENDING report it.
 *
 * @param group         the group name
 * @param lastDelivered the last id handed to any of its consumers ({@code 0-0} when none yet)
 * @param lowestPending the smallest id delivered but not acknowledged, if any
 * @param pending       how many entries are delivered but not acknowledged
 * @param lag           entries not yet delivered, when Redis can tell (7.0+; empty after deletions/trims it cannot
 *                      account for)
 */
public record GroupPosition(
        String group, StreamId lastDelivered, Optional<StreamId> lowestPending, long pending, Optional<Long> lag) {
    public GroupPosition {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(lastDelivered, "lastDelivered");
        lowestPending = lowestPending == null ? Optional.empty() : lowestPending;
        lag = lag == null ? Optional.empty() : lag;
    }

    /** The smallest id this group still needs: its lowest pending entry, else the first one after last-delivered. */
    public StreamId firstNeeded() {
        StreamId afterDelivered = lastDelivered.next();
        return lowestPending.map(p -> StreamId.min(p, afterDelivered)).orElse(afterDelivered);
    }
}
