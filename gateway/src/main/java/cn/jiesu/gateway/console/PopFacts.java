package cn.jiesu.gateway.console;

import cn.jiesu.core.appeal.AppealRecord;
import cn.jiesu.core.callback.AttemptRecord;
import cn.jiesu.core.callback.CallbackRequest;
import cn.jiesu.core.intake.Intake;
import cn.jiesu.core.intake.Urgency;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the pop says in words rather than codes, and whether it is an emergency: decided on the server so that
 * every instance and every browser shows the same.
 */
final class PopFacts {
    /** What Asterisk and carriers put in CALLERID(num) when the caller withheld it. */
    private static final Set<String> WITHHELD =
            Set.of("", "anonymous", "unknown", "<unknown>", "restricted", "private", "unavailable", "withheld");

    private PopFacts() {}

    /** True when {@code callerNumber} is no number at all (missing, {@code anonymous}, {@code <unknown>} …). */
    static boolean withheld(String callerNumber) {
        return callerNumber == null || WITHHELD.contains(callerNumber.strip().toLowerCase(Locale.ROOT));
    }

    /**
     * Why this call is an emergency, or null: the caller chose the emergency option in the IVR ({@code ivr}), or
     * the pop's history (the history window, newest first) holds an open emergency appeal of theirs
     * ({@code history}, with that appeal's number, channel, time and title) – tier EMERGENCY and neither resolved
     * nor closed. The IVR choice wins: it is about this very call.
     */
    static JsonObject emergency(IvrPath ivr, JsonArray history) {
        if (ivr.urgency() == Urgency.EMERGENCY) {
            return new JsonObject().put("reason", "ivr");
        }
        for (int i = 0; i < history.size(); i++) {
            JsonObject h = history.getJsonObject(i);
            String status = h.getString("status");
            if (Urgency.EMERGENCY.name().equals(h.getString("urgency"))
                    && !"RESOLVED".equals(status)
                    && !"CLOSED".equals(status)) {
                return new JsonObject()
                        .put("reason", "history")
                        .put("intakeId", h.getString("intakeId"))
                        .put("appealNo", h.getString("appealNo"))
                        .put("channel", h.getString("channel"))
                        .put("receivedAt", h.getString("receivedAt"))
                        .put("what", h.getString("title") != null ? h.getString("title") : h.getString("snippet"));
            }
        }
        return null;
    }

    /**
     * One callback as its row on the pop: what kind it is, which appeal (by the 受理号 the citizen knows, from
     * {@code appealNos}: intake id to number; the intake id where the number is not known), when it is due, how
     * many times it was dialled and how the last started attempt ended. One row per callback: the store keeps one
     * open callback per appeal and number, so a citizen with five appeals awaiting calls has five rows that must
     * tell apart by kind and number.
     */
    static JsonObject callback(CallbackRequest c, Map<String, String> appealNos) {
        return new JsonObject()
                .put("callbackId", c.callbackId())
                .put("intakeId", c.intakeId())
                .put("appealNo", appealNos.get(c.intakeId()))
                .put("kind", c.kind().name())
                .put("number", c.number())
                .put("deadline", c.deadline().toString())
                .put("emergency", c.emergency())
                .put("status", c.status().name())
                .put("attempts", c.attempts())
                .put("lastOutcome", lastOutcome(c));
    }

    /** How the callback's last started attempt ended (an outcome code, shown in words), or null before any. */
    static String lastOutcome(CallbackRequest c) {
        List<AttemptRecord> h = c.history();
        for (int i = h.size() - 1; i >= 0; i--) {
            if (h.get(i).started()) {
                return h.get(i).outcome().name();
            }
        }
        return null;
    }

    /**
     * The appeals {@code in} is linked with (the cross-channel merge), by 受理号 where {@code appealNos} knows it,
     * else by intake id.
     */
    static JsonArray related(Intake in, Map<String, String> appealNos) {
        JsonArray out = new JsonArray();
        in.relatedIntakeIds().forEach(id -> out.add(appealNos.getOrDefault(id, id)));
        return out;
    }

    /**
     * The call's appeal once stored: its 受理号 (the one reserved when the agent answered), whether the agent's
     * draft was merged into it, the address it carries and the appeals it is linked with.
     */
    static JsonObject storedAppeal(AppealRecord r, boolean merged, Map<String, String> appealNos) {
        Intake in = r.intake();
        return new JsonObject()
                .put("no", in.appealNo())
                .put("intakeId", in.intakeId())
                .put("stored", true)
                .put("merged", merged)
                .put("address", in.location() == null ? null : in.location().addressText())
                .put("related", related(in, appealNos));
    }
}
