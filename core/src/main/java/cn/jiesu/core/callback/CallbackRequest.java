package cn.jiesu.core.callback;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One callback: whom to call about which appeal, by when, and what happened so far.
 *
 * @param deadline  the promise made to the citizen (e.g. receivedAt + 2 h)
 * @param placeBy   the latest time the call can be placed: the deadline, or for a non-emergency whose deadline
 *                  falls in quiet hours, the moment quiet hours begin (see {@link CallbackPlanner}); the EDF key
 * @param notBefore the earliest time the next attempt may be placed (already moved out of quiet hours)
 * @param emergency exempt from the calling window
 * @param queue     the agent queue the call connects to (agent-first: the queue whose free agent is rung)
 * @param attempts  started attempts so far (attempts proved never started are not counted)
 * @param history   every attempt, oldest first
 * @param rev       bumped by every update of the request (not by claims); a completion that saw an older revision
 *                  re-queues instead of deciding
 */
public record CallbackRequest(
        String callbackId,
        String intakeId,
        CallbackKind kind,
        String number,
        Instant deadline,
        Instant placeBy,
        Instant notBefore,
        boolean emergency,
        CallbackMode mode,
        String queue,
        int attempts,
        List<AttemptRecord> history,
        CallbackStatus status,
        Instant createdAt,
        long rev) {
    public CallbackRequest {
        require(callbackId, "callbackId");
        require(intakeId, "intakeId");
        require(number, "number");
        require(queue, "queue");
        Objects.requireNonNull(kind, "kind: required");
        Objects.requireNonNull(mode, "mode: required");
        Objects.requireNonNull(deadline, "deadline: required");
        Objects.requireNonNull(placeBy, "placeBy: required");
        Objects.requireNonNull(notBefore, "notBefore: required");
        Objects.requireNonNull(status, "status: required");
        Objects.requireNonNull(createdAt, "createdAt: required");
        if (placeBy.isAfter(deadline)) {
            throw new IllegalArgumentException("placeBy: must not be after the deadline");
        }
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts: must not be negative");
        }
        if (callbackId.indexOf(':') >= 0 || callbackId.indexOf(' ') >= 0) {
            throw new IllegalArgumentException("callbackId: must not contain ':' or spaces");
        }
        history = history == null ? List.of() : List.copyOf(history);
    }

    public boolean isOpen() {
        return status.isOpen();
    }

    public CallbackRequest withStatus(CallbackStatus s) {
        return new CallbackRequest(
                callbackId,
                intakeId,
                kind,
                number,
                deadline,
                placeBy,
                notBefore,
                emergency,
                mode,
                queue,
                attempts,
                history,
                s,
                createdAt,
                rev);
    }

    private static void require(String v, String name) {
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(name + ": required");
        }
    }
}
