package cn.jiesu.ivr.flow;

import cn.jiesu.core.appeal.LookupBudget;
import cn.jiesu.core.config.ConfigException;
import java.util.Objects;

/**
 * What bounds the status lookup (menu 9), whatever the flows say: appeal numbers are sequential, so a caller could
 * otherwise walk them. Keys, as the gateway's configuration names them: {@code ivr.status-lookup.*}.
 *
 * @param budget           lookups a calling number may make a day (each lookup spends one, found or not)
 * @param maxMissesPerCall unknown numbers one call may key, across every status-lookup node and visit; after the
 *                         last the node's {@code on-failure} applies (an agent) however many retries it allows
 */
public record StatusLookupGuard(LookupBudget budget, int maxMissesPerCall) {
    public static final int DEFAULT_MAX_MISSES_PER_CALL = 3;

    public StatusLookupGuard {
        Objects.requireNonNull(budget, "budget");
        if (maxMissesPerCall < 1 || maxMissesPerCall > 20) {
            throw new ConfigException(
                    "ivr.status-lookup.max-misses-per-call", "must be between 1 and 20, was " + maxMissesPerCall);
        }
    }

    /** No daily budget (tests, benchmarks), the default per-call bound. */
    public static StatusLookupGuard withoutBudget() {
        return new StatusLookupGuard(LookupBudget.UNLIMITED, DEFAULT_MAX_MISSES_PER_CALL);
    }
}
