package cn.jiesu.gateway.http;

import cn.jiesu.core.appeal.AppealRecord;
import cn.jiesu.core.appeal.AppealStore;
import cn.jiesu.core.classify.TriageCorrection;
import cn.jiesu.core.intake.DateBounds;
import cn.jiesu.core.intake.Intake;
import cn.jiesu.core.intake.RequestType;
import cn.jiesu.core.intake.Urgency;
import cn.jiesu.core.sla.SlaPolicy;
import cn.jiesu.redis.intake.TriageReviews;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The agent's side of triage, for the case system: the confirmation or correction of an appeal's tier and type, and
 * the corrections exported as corpus rows for the next training run (the appeals waiting for it are the intake
 * listing's {@code review=true}). Guarded like every case-handling API.
 */
public final class TriageRoutes {
    static final QueryLimit EXPORT_LIMIT = new QueryLimit(10_000, 100_000);
    private static final String ID = "[0-9A-Za-z-]{1,64}";

    private final Vertx vertx;
    private final AppealStore store;
    private final TriageReviews reviews;
    private final SlaPolicy sla;
    private final Clock clock;

    public TriageRoutes(Vertx vertx, AppealStore store, TriageReviews reviews, SlaPolicy sla, Clock clock) {
        this.vertx = vertx;
        this.store = store;
        this.reviews = reviews;
        this.sla = sla;
        this.clock = clock;
    }

    public void mount(Router router) {
        router.post("/api/v1/intakes/:id/triage").handler(this::confirm);
        router.get("/api/v1/triage/corrections").handler(this::corrections);
    }

    private void confirm(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        if (!id.matches(ID)) {
            throw ApiError.badRequest("id", "not an intake id");
        }
        JsonObject body = JsonObjectBody.of(ctx, "{\"urgency\": tier, \"requestType\": type, \"by\": agent}");
        Urgency urgency = value(body, "urgency", Urgency.class);
        RequestType type = value(body, "requestType", RequestType.class);
        if (urgency == null && type == null) {
            throw ApiError.badRequest("urgency", "give the urgency, the requestType or both");
        }
        Object by = body.getValue("by");
        if (!(by instanceof String s) || s.isBlank() || s.length() > 64) {
            throw ApiError.badRequest("by", "who decided (agent extension or user): a string of 1 to 64 characters");
        }
        // By intake id or appeal number, as GET /api/v1/intakes/{id} reads; the decision is kept by intake id.
        future(store.byIdOrAppealNo(id))
                .compose(found -> {
                    if (found.isEmpty()) {
                        return Future.succeededFuture(Optional.<AppealRecord>empty());
                    }
                    Intake in = found.get().intake();
                    Urgency tier = urgency == null ? in.urgency() : urgency;
                    TriageCorrection c = new TriageCorrection(
                            in.intakeId(),
                            text(in),
                            in.requestType(),
                            in.urgency(),
                            type == null ? in.requestType() : type,
                            tier,
                            (String) by,
                            clock.instant());
                    return future(reviews.confirm(c, sla.dueAt(tier, in.receivedAt())))
                            .compose(ok -> future(store.byId(in.intakeId())));
                })
                .onSuccess(r -> r.ifPresentOrElse(
                        a -> ctx.json(AppealJson.of(a)),
                        () -> ApiError.notFound("no intake with id " + id).send(ctx)))
                .onFailure(ctx::fail);
    }

    private void corrections(RoutingContext ctx) {
        Instant since = Instant.EPOCH;
        String raw = ctx.queryParams().get("since");
        if (raw != null) {
            try {
                since = Instant.parse(raw);
            } catch (DateTimeParseException e) {
                throw ApiError.badRequest("since", "an ISO-8601 instant such as 2026-12-01T00:00:00Z");
            }
            if (!DateBounds.contains(since)) {
                throw ApiError.badRequest("since", "an ISO-8601 instant with " + DateBounds.describe());
            }
            // Stream ids start at 1970: an instant before it asks for every correction.
            if (since.isBefore(Instant.EPOCH)) {
                since = Instant.EPOCH;
            }
        }
        int limit = EXPORT_LIMIT.read(ctx);
        String format = ctx.queryParams().get("format");
        format = format == null || format.isBlank() ? null : format.strip(); // empty as absent, as every parameter
        if (format != null && !format.equals("json") && !format.equals("tsv")) {
            throw ApiError.badRequest("format", "tsv (the default: corpus rows) or json");
        }
        boolean json = "json".equals(format);
        future(reviews.corrections(since, limit))
                .map(TriageRoutes::latestPerAppeal)
                .onSuccess(list -> {
                    if (json) {
                        JsonArray items = new JsonArray();
                        list.forEach(c -> items.add(new JsonObject()
                                .put("intakeId", c.intakeId())
                                .put("text", c.text())
                                .put("urgency", c.urgency().name())
                                .put("requestType", c.requestType().name())
                                .put("urgencyBefore", name(c.urgencyBefore()))
                                .put("requestTypeBefore", name(c.requestTypeBefore()))
                                .put("by", c.by())
                                .put("at", c.at().toString())
                                .put("changed", c.changed())));
                        ctx.json(new JsonObject().put("count", items.size()).put("items", items));
                        return;
                    }
                    StringBuilder tsv =
                            new StringBuilder("# id\tsource\trequestType\turgency\ttext (Jiesu triage corpus rows)\n");
                    for (TriageCorrection c : list) {
                        if (c.example() != null) {
                            tsv.append(String.join(
                                            "\t",
                                            "agent-" + c.intakeId(),
                                            "agent",
                                            c.requestType().name(),
                                            c.urgency().name(),
                                            c.text()
                                                    .replaceAll("[\\t\\r\\n]+", " ")
                                                    .strip()))
                                    .append('\n');
                        }
                    }
                    ctx.response()
                            .putHeader("content-type", "text/tab-separated-values; charset=utf-8")
                            .end(tsv.toString());
                })
                .onFailure(ctx::fail);
    }

    /** An appeal decided twice teaches its last decision only: one corpus row per appeal, in decision order. */
    static List<TriageCorrection> latestPerAppeal(List<TriageCorrection> all) {
        Map<String, TriageCorrection> last = new LinkedHashMap<>();
        for (TriageCorrection c : all) {
            last.remove(c.intakeId());
            last.put(c.intakeId(), c);
        }
        return List.copyOf(last.values());
    }

    /** What the agent read: the title (where it is not a prefix of the text) and the content. */
    static String text(Intake in) {
        String content = in.content() == null ? "" : in.content();
        String title = in.title() == null ? "" : in.title();
        return title.isBlank() || content.startsWith(title) ? content : (title + " " + content).strip();
    }

    private static <E extends Enum<E>> E value(JsonObject body, String field, Class<E> type) {
        Object v = body.getValue(field);
        if (v == null) {
            return null;
        }
        if (v instanceof String s) {
            for (E e : type.getEnumConstants()) {
                boolean named =
                        e.name().equalsIgnoreCase(s.strip()) || s.strip().equals(chinese(e));
                if (named && e != RequestType.OTHER) {
                    return e;
                }
            }
        }
        throw ApiError.badRequest(
                field,
                field + ": one of "
                        + java.util.Arrays.stream(type.getEnumConstants())
                                .filter(e -> e != RequestType.OTHER)
                                .map(Enum::name)
                                .toList());
    }

    private static String chinese(Enum<?> e) {
        return e instanceof Urgency u ? u.chinese() : e instanceof RequestType t ? t.chinese() : null;
    }

    private static String name(Enum<?> e) {
        return e == null ? null : e.name();
    }

    private <T> Future<T> future(java.util.concurrent.CompletionStage<T> stage) {
        return Future.fromCompletionStage(stage, vertx.getOrCreateContext());
    }
}
