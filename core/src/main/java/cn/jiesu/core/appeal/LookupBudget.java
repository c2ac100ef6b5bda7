package cn.jiesu.core.appeal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * How many appeal lookups by number a caller may make in a day (the IVR's status lookup). Appeal numbers are
 * sequential, so without a bound one caller could walk them; the budget is per calling number, and every caller
 * without one (withheld, anonymous) shares a single bucket.
 */
public interface LookupBudget {
    /** No bound: for tests and tools that run flows without a store behind them. */
    LookupBudget UNLIMITED = caller -> CompletableFuture.completedFuture(true);

    /**
     * Spends one lookup of {@code caller} (a normalized number, or null for a caller without one).
     *
     * @return true while the day's budget lasts, false once it is spent; a failed stage when the count cannot be
     *     kept (then no lookup should be made)
     */
    CompletionStage<Boolean> take(String caller);
}
