package cn.jiesu.core.callback;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The scheduling rules, as pure functions of a config and a clock: calling-window placement, earliest-deadline-first
 * order, merging a second request for the same appeal, and the decision after each attempt.
 *
 * <h2>Calling window (non-emergency callbacks only)</h2>
 * <ol>
 *   <li>{@code placeBy = window.lastOpenBy(deadline)}: a deadline inside quiet hours or a blackout date is brought
 *       forward to the moment the window closed before it (deadline 23:30, quiet from 21:00: placeBy 21:00).</li>
 *   <li>{@code notBefore = window.nextOpen(notBefore)}: a start inside quiet hours waits for the next opening.</li>
 *   <li>Bring-forward: when placeBy was brought forward, notBefore becomes at most
 *       {@code nextOpen(max(placeBy - bringForwardLead, now))}, so the callback is eligible at least
 *       {@code bringForwardLead} (default 30 min) before quiet hours begin, or at once when that moment has
 *       passed. This may be earlier than the requested notBefore: keeping the deadline wins over waiting.</li>
 *   <li>When no open time is left between notBefore and placeBy (asked for at 21:30 with a 23:30 deadline),
 *       placeBy stays the deadline: the callback is placed first thing when the window opens and is reported at
 *       risk, then late; it is never dropped.</li>
 * </ol>
 * Emergencies keep their notBefore and deadline ({@code placeBy = deadline}).
 *
 * <p>Thread-safe (stateless apart from the immutable config and the clock).
 */
public final class CallbackPlanner {
    /** Earliest placeBy first; then emergencies; then earliest notBefore; then id, for a total order. */
    public static final Comparator<CallbackRequest> EDF = Comparator.comparing(CallbackRequest::placeBy)
            .thenComparing(r -> !r.emergency())
            .thenComparing(CallbackRequest::notBefore)
            .thenComparing(CallbackRequest::callbackId);

    private final CallbackConfig config;
    private final Clock clock;

    public CallbackPlanner(CallbackConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    public CallbackConfig config() {
        return config;
    }

    public Clock clock() {
        return clock;
    }

    /** The effective times of a callback: when it may be placed, and by when (see the class comment). */
    public record Times(Instant notBefore, Instant placeBy) {}

    public Times times(Instant notBefore, Instant deadline, boolean emergency) {
        if (emergency) {
            return new Times(notBefore, deadline);
        }
        CallingWindow w = config.window();
        Instant now = clock.instant();
        Instant placeBy = w.lastOpenBy(deadline);
        Instant nb = w.nextOpen(notBefore);
        if (placeBy.isBefore(deadline)) {
            Instant lead = placeBy.minus(config.rules().bringForwardLead());
            Instant early = w.nextOpen(lead.isAfter(now) ? lead : now);
            if (early.isBefore(nb)) {
                nb = early;
            }
        }
        if (!nb.isBefore(placeBy)) {
            placeBy = deadline;
        }
        return new Times(nb, placeBy);
    }

    /** A new PENDING callback from a draft, with defaults for mode and queue and the window applied. */
    public CallbackRequest plan(String callbackId, CallbackDraft d) {
        Times t = times(d.notBefore(), d.deadline(), d.emergency());
        return new CallbackRequest(
                callbackId,
                d.intakeId(),
                d.kind(),
                d.number(),
                d.deadline(),
                t.placeBy(),
                t.notBefore(),
                d.emergency(),
                mode(d),
                queue(d),
                0,
                List.of(),
                CallbackStatus.PENDING,
                clock.instant(),
                1);
    }

    /**
     * A second request for the same appeal and number updates the open callback, keeping its id and history:
     * <ul>
     *   <li>a different kind, or an agent-scheduled time, replaces kind, mode, queue and times, and restarts the
     *       retry budget (the resolution's survey takes over an open return visit; the citizen's new time wins);</li>
     *   <li>the same kind again (a repeated "call me back", or the same appeal delivered twice) never delays the
     *       promise: the earlier deadline wins, emergency is sticky, and pending retries keep their spacing. When
     *       that changes nothing, {@code existing} is returned as is (the caller writes nothing).</li>
     * </ul>
     * An intake-time trigger (callback requested, abandoned call, return visit) never replaces an agent's booking or
     * a survey: it can arrive after them when the intake consumer lags or redelivers, and its older deadline would
     * otherwise override the time the citizen chose (or end the survey as unreachable).
     * The result has {@code rev + 1} unless unchanged; its status is the existing one (DIALING stays DIALING: the
     * running attempt's completion sees the new revision and re-queues).
     */
    public CallbackRequest merge(CallbackRequest existing, CallbackDraft d) {
        if (d.kind() != existing.kind() && atIntake(d.kind()) && !atIntake(existing.kind())) {
            return existing;
        }
        if (d.kind() != existing.kind() || d.kind() == CallbackKind.AGENT_SCHEDULED) {
            Times t = times(d.notBefore(), d.deadline(), d.emergency());
            return new CallbackRequest(
                    existing.callbackId(),
                    existing.intakeId(),
                    d.kind(),
                    existing.number(),
                    d.deadline(),
                    t.placeBy(),
                    t.notBefore(),
                    d.emergency(),
                    mode(d),
                    queue(d),
                    0,
                    existing.history(),
                    existing.status(),
                    existing.createdAt(),
                    existing.rev() + 1);
        }
        Instant deadline = d.deadline().isBefore(existing.deadline()) ? d.deadline() : existing.deadline();
        boolean emergency = existing.emergency() || d.emergency();
        if (deadline.equals(existing.deadline()) && emergency == existing.emergency()) {
            return existing;
        }
        Times t = times(existing.notBefore(), deadline, emergency);
        String queue = emergency && !existing.emergency() ? config.rules().emergencyQueue() : existing.queue();
        return new CallbackRequest(
                existing.callbackId(),
                existing.intakeId(),
                existing.kind(),
                existing.number(),
                deadline,
                t.placeBy(),
                t.notBefore(),
                emergency,
                existing.mode(),
                queue,
                existing.attempts(),
                existing.history(),
                existing.status(),
                existing.createdAt(),
                existing.rev() + 1);
    }

    private static boolean atIntake(CallbackKind kind) {
        return kind == CallbackKind.CALLBACK_REQUESTED
                || kind == CallbackKind.ABANDONED_CALL
                || kind == CallbackKind.RETURN_VISIT;
    }

    /** What follows an attempt that ended with {@code outcome} at {@code ended}. */
    public AttemptDecision decide(CallbackAttempt a, CallbackOutcome outcome, Instant ended) {
        if (outcome.reached()) {
            return new AttemptDecision.Final(CallbackStatus.REACHED);
        }
        return config.retry()
                .nextAttempt(a.priorAttempts() + 1, outcome, ended, a.placeBy(), a.emergency(), config.window())
                .<AttemptDecision>map(AttemptDecision.RetryAt::new)
                .orElse(new AttemptDecision.Final(CallbackStatus.UNREACHED));
    }

    /** True when {@code r} may be placed at {@code now}: open, due, and inside the window unless an emergency. */
    public boolean placeable(CallbackRequest r, Instant now) {
        return r.status() == CallbackStatus.PENDING
                && !r.notBefore().isAfter(now)
                && (r.emergency() || config.window().isOpen(now));
    }

    /** The callbacks placeable now, earliest deadline first (not first come). */
    public List<CallbackRequest> placeableNow(Collection<CallbackRequest> all) {
        Instant now = clock.instant();
        return all.stream().filter(r -> placeable(r, now)).sorted(EDF).toList();
    }

    /**
     * How late an attempt was placed: from when it became due (its notBefore, or the window's opening if it waited
     * for quiet hours to end) to {@code placedAt}; zero when on time.
     */
    public Duration lateness(CallbackAttempt a, Instant placedAt) {
        Instant due = a.notBefore();
        if (!a.emergency()) {
            Instant opened = config.window().openedAt(placedAt);
            if (opened.isAfter(due)) {
                due = opened;
            }
        }
        return placedAt.isAfter(due) ? Duration.between(due, placedAt) : Duration.ZERO;
    }

    private CallbackMode mode(CallbackDraft d) {
        return d.mode() != null ? d.mode() : config.rules().mode(d.kind());
    }

    private String queue(CallbackDraft d) {
        if (d.queue() != null) {
            return d.queue();
        }
        return d.emergency() ? config.rules().emergencyQueue() : config.rules().queue();
    }
}
