package cn.jiesu.gateway.console;

import cn.jiesu.core.intake.Urgency;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
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
}
