package cn.jiesu.core.callback;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The scheduler's side of the shared callback schedule (the storage port; Redis implements it with Lua scripts):
 * atomic claims with leases and trunk slots, lease renewal, exactly-once completion per attempt, the takeover of
 * expired leases, and the reads of the pre-breach forecast. Thread-safe, non-blocking: stages complete on the store's
 * I/O threads.
 */
public interface CallbackLeases {

    /** What a claim got, and when the earliest delayed callback becomes due (to sleep until then). */
    record Claim(List<CallbackAttempt> attempts, Optional<Instant> nextDue) {}

    /** What completing an attempt did: {@code applied} false for a duplicate or stale completion. */
    record Completion(boolean applied, String result) {}

    /**
     * Claims up to {@code max} placeable callbacks, earliest placeBy first, each with a lease and a trunk slot.
     *
     * @param windowOpen whether non-emergency callbacks may be placed now
     * @param freeAgents free agents per queue (agent-first claims stay within them); absent queues are unlimited
     */
    CompletionStage<Claim> claim(
            String owner, int max, int trunkCap, boolean windowOpen, Map<String, Integer> freeAgents, Duration lease);

    /** Extends this owner's leases; returns the ids it no longer holds. */
    CompletionStage<List<String>> renew(String owner, Collection<String> callbackIds, Duration lease);

    /** Records how a started attempt ended and applies {@code decision} (see complete.lua for updates mid-call). */
    CompletionStage<Completion> complete(
            CallbackAttempt a, CallbackOutcome outcome, Instant ended, AttemptDecision decision);

    /** Re-queues an attempt a reclaimer proved never started; it does not count against the retry budget. */
    CompletionStage<Completion> completeNeverStarted(CallbackAttempt a, Instant at);

    /** Attempts whose lease expired before now (their instance stopped renewing), at most {@code limit}. */
    CompletionStage<List<CallbackAttempt>> expired(int limit);

    /** Takes over an expired lease (keeping its trunk slot); false when it is live again or already over. */
    CompletionStage<Boolean> takeOver(CallbackAttempt a, String owner, Duration lease);

    /** When the earliest delayed callback becomes due, if any. */
    CompletionStage<Optional<Instant>> nextDue();

    /** Trunk slots held now across all instances. */
    CompletionStage<Long> trunksInUse();

    /**
     * The pending callbacks whose placeBy is before {@code horizon}, for the pre-breach forecast (dialing ones hold
     * trunks and are counted by {@link #trunksInUse}). Read from the sorted sets alone, a few commands however long
     * the backlog: ready callbacks (notBefore taken as now), then delayed ones with their placeBy from the open set.
     * Delayed emergencies are forecast as ordinary callbacks (their window exemption is ignored until they are due).
     */
    CompletionStage<List<BreachForecast.Item>> backlog(Instant horizon, int limit);

    /** One forecast per interval across instances: true for the instance that got the lock. */
    CompletionStage<Boolean> tryForecastLock(String owner, Duration interval);

    /** Replaces the at-risk set with a forecast's result (built aside, then renamed into place). */
    CompletionStage<Void> replaceAtRisk(List<BreachForecast.Risk> risks, String owner);

    /** Open callbacks in the shared schedule (waiting for their time, due, or dialing), all instances. */
    CompletionStage<Long> openCount();

    /** How many callbacks the last forecast flagged. */
    CompletionStage<Long> atRiskCount();
}
