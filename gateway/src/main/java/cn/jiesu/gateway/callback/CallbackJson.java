package cn.jiesu.gateway.callback;

import cn.jiesu.core.callback.AttemptRecord;
import cn.jiesu.core.callback.CallbackRequest;
import cn.jiesu.core.rates.AppealResult;
import cn.jiesu.core.rates.RateCounts;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** Renders callbacks, appeal results and 三率 as the API's JSON: camelCase, ISO-8601 UTC instants. */
final class CallbackJson {
    private CallbackJson() {}

    /**
     * A callback. The number is masked to its last four digits: the list endpoints are read by dashboards, and the
     * full number is on the appeal for those allowed to see it.
     */
    static JsonObject of(CallbackRequest r) {
        JsonObject j = new JsonObject()
                .put("callbackId", r.callbackId())
                .put("intakeId", r.intakeId())
                .put("kind", r.kind().name())
                .put("status", r.status().name())
                .put("number", mask(r.number()))
                .put("deadline", r.deadline().toString())
                .put("placeBy", r.placeBy().toString())
                .put("notBefore", r.notBefore().toString())
                .put("emergency", r.emergency())
                .put("mode", r.mode().name())
                .put("queue", r.queue())
                .put("attempts", r.attempts())
                .put("createdAt", r.createdAt().toString());
        JsonArray history = new JsonArray();
        for (AttemptRecord a : r.history()) {
            JsonObject h = new JsonObject()
                    .put("attempt", a.number())
                    .put(
                            "outcome",
                            a.outcome() == null ? "NOT_STARTED" : a.outcome().name())
                    .put("endedAt", a.endedAt().toString());
            put(h, "claimedAt", a.claimedAt());
            put(h, "instance", a.instance());
            history.add(h);
        }
        return j.put("history", history);
    }

    static JsonObject of(AppealResult r) {
        JsonObject j = new JsonObject();
        put(j, "handledBy", r.handledBy());
        put(j, "result", r.result());
        put(j, "resolved", r.resolved());
        put(j, "reportedAt", r.reportedAt());
        if (r.satisfaction() != null) {
            j.put("satisfaction", r.satisfaction().name())
                    .put("satisfactionName", r.satisfaction().chinese());
        }
        put(j, "ratedAt", r.ratedAt());
        put(j, "firstResponseAt", r.firstResponseAt());
        return j;
    }

    static JsonObject of(RateCounts c) {
        JsonObject counts = new JsonObject()
                .put("received", c.received())
                .put("due", c.due())
                .put("respondedInTime", c.respondedInTime())
                .put("handled", c.handled())
                .put("resolved", c.resolved())
                .put("surveyed", c.surveyed())
                .put("satisfied", c.satisfied())
                .put("basicallySatisfied", c.basicallySatisfied())
                .put("dissatisfied", c.dissatisfied())
                .put("noResponse", c.noResponse());
        JsonObject rates = new JsonObject()
                .put("response", c.responseRate())
                .put("resolution", c.resolutionRate())
                .put("satisfaction", c.satisfactionRate());
        return new JsonObject().put("counts", counts).put("rates", rates);
    }

    static String mask(String number) {
        return number.length() <= 4 ? "****" : "*".repeat(number.length() - 4) + number.substring(number.length() - 4);
    }

    private static void put(JsonObject j, String key, Object value) {
        if (value instanceof Instant t) {
            j.put(key, t.toString());
        } else if (value != null) {
            j.put(key, value);
        }
    }
}
