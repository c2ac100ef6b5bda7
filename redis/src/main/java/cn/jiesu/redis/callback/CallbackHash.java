package cn.jiesu.redis.callback;

import cn.jiesu.core.callback.AttemptRecord;
import cn.jiesu.core.callback.CallbackAttempt;
import cn.jiesu.core.callback.CallbackKind;
import cn.jiesu.core.callback.CallbackMode;
import cn.jiesu.core.callback.CallbackOutcome;
import cn.jiesu.core.callback.CallbackRequest;
import cn.jiesu.core.callback.CallbackStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The callback hash {@code cb:{id}}: request fields (instants as epoch milliseconds, so Lua compares them as
 * numbers), the lease of the running attempt ({@code owner}, {@code leaseUntil}, {@code attempt}, {@code claimedAt},
 * {@code claimRev}, {@code claimKind}, {@code claimedBy}), the attempt counter {@code next}, and the history
 * {@code h.{n}.outcome|claimedAt|endedAt|instance} up to {@code h.last}. An outcome of {@value #NOT_STARTED} marks
 * an attempt a reclaimer proved never started.
 */
final class CallbackHash {
    static final String NOT_STARTED = "NOT_STARTED";

    private CallbackHash() {}

    /** The request fields an update writes (never the lease, counter or history). */
    static Map<String, String> requestFields(CallbackRequest r) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("id", r.callbackId());
        f.put("intakeId", r.intakeId());
        f.put("kind", r.kind().name());
        f.put("number", r.number());
        f.put("deadline", ms(r.deadline()));
        f.put("placeBy", ms(r.placeBy()));
        f.put("notBefore", ms(r.notBefore()));
        f.put("emergency", r.emergency() ? "1" : "0");
        f.put("mode", r.mode().name());
        f.put("queue", r.queue());
        f.put("attempts", Integer.toString(r.attempts()));
        f.put("createdAt", ms(r.createdAt()));
        f.put("rev", Long.toString(r.rev()));
        return f;
    }

    /** Fields of a new callback. */
    static Map<String, String> newFields(CallbackRequest r) {
        Map<String, String> f = requestFields(r);
        f.put("status", r.status().name());
        f.put("next", "0");
        return f;
    }

    static CallbackRequest decode(Map<String, String> f) {
        List<AttemptRecord> history = new ArrayList<>();
        int last = Integer.parseInt(f.getOrDefault("h.last", "0"));
        for (int n = 1; n <= last; n++) {
            String outcome = f.get("h." + n + ".outcome");
            if (outcome == null) {
                continue;
            }
            history.add(new AttemptRecord(
                    n,
                    NOT_STARTED.equals(outcome) ? null : CallbackOutcome.valueOf(outcome),
                    instant(f.get("h." + n + ".claimedAt")),
                    instant(f.get("h." + n + ".endedAt")),
                    f.get("h." + n + ".instance")));
        }
        return new CallbackRequest(
                f.get("id"),
                f.get("intakeId"),
                CallbackKind.valueOf(f.get("kind")),
                f.get("number"),
                instant(f.get("deadline")),
                instant(f.get("placeBy")),
                instant(f.get("notBefore")),
                "1".equals(f.get("emergency")),
                CallbackMode.valueOf(f.get("mode")),
                f.get("queue"),
                Integer.parseInt(f.get("attempts")),
                history,
                CallbackStatus.valueOf(f.get("status")),
                instant(f.get("createdAt")),
                Long.parseLong(f.get("rev")));
    }

    /** The attempt a claim granted, from the hash the claim script returned. */
    static CallbackAttempt attempt(Map<String, String> f) {
        return new CallbackAttempt(
                f.get("id"),
                Integer.parseInt(f.get("attempt")),
                Integer.parseInt(f.get("attempts")),
                f.get("intakeId"),
                CallbackKind.valueOf(f.get("kind")),
                CallbackMode.valueOf(f.get("mode")),
                f.get("number"),
                f.get("queue"),
                "1".equals(f.get("emergency")),
                instant(f.get("deadline")),
                instant(f.get("placeBy")),
                instant(f.get("notBefore")),
                Long.parseLong(f.get("claimRev")),
                instant(f.get("claimedAt")),
                instant(f.get("leaseUntil")));
    }

    static Map<String, String> toMap(List<?> flat) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            m.put(String.valueOf(flat.get(i)), String.valueOf(flat.get(i + 1)));
        }
        return m;
    }

    static String ms(Instant t) {
        return Long.toString(t.toEpochMilli());
    }

    static Instant instant(String ms) {
        return ms == null ? null : Instant.ofEpochMilli(Long.parseLong(ms));
    }
}
