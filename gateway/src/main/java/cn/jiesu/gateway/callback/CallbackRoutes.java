package cn.jiesu.gateway.callback;

import cn.jiesu.core.appeal.AppealRecord;
import cn.jiesu.core.appeal.AppealStatus;
import cn.jiesu.core.appeal.AppealStore;
import cn.jiesu.core.callback.CallbackDraft;
import cn.jiesu.core.callback.CallbackRequest;
import cn.jiesu.core.callback.CallbackStore;
import cn.jiesu.core.callback.CallbackTriggers;
import cn.jiesu.core.callback.CallingWindow;
import cn.jiesu.core.callback.Resolution;
import cn.jiesu.core.intake.DateBounds;
import cn.jiesu.core.intake.PhoneNumbers;
import cn.jiesu.core.rates.RateScope;
import cn.jiesu.core.rates.RateStore;
import cn.jiesu.gateway.http.ApiError;
import cn.jiesu.gateway.http.ApiPrincipal;
import cn.jiesu.gateway.http.AuditLog;
import cn.jiesu.gateway.http.JsonObjectBody;
import cn.jiesu.gateway.http.QueryLimit;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * Callbacks over HTTP: a handling unit reports a resolution (the appeal becomes RESOLVED and gets its satisfaction
 * survey), an agent books a callback at the citizen's time, and dashboards list callbacks at risk or of an appeal.
 * Handlers run on the event loop and never block.
 */
public final class CallbackRoutes {
    static final QueryLimit LIMIT = new QueryLimit(100, 1000);

    private final Vertx vertx;
    private final AppealStore appeals;
    private final CallbackStore callbacks;
    private final RateStore rates;
    private final CallbackTriggers triggers;
    private final CallingWindow window;
    private final Runnable wake;
    private final AuditLog audit;
    private final Clock clock;

    /**
     * @param wake  called after a callback was scheduled, to wake this instance's scheduler (may do nothing)
     * @param audit where bookings and resolutions are recorded
     */
    public CallbackRoutes(
            Vertx vertx,
            AppealStore appeals,
            CallbackStore callbacks,
            RateStore rates,
            CallbackTriggers triggers,
            CallingWindow window,
            Runnable wake,
            AuditLog audit,
            Clock clock) {
        this.vertx = vertx;
        this.appeals = appeals;
        this.callbacks = callbacks;
        this.rates = rates;
        this.triggers = triggers;
        this.window = window;
        this.wake = wake;
        this.audit = audit;
        this.clock = clock;
    }

    public void mount(Router router) {
        // Both reach outside Jiesu (a resolution schedules a survey call and counts in 解决率; a booking makes the
        // trunk dial): only the case system's own token, not the admin's (CaseApiGuard ran before).
        router.post("/api/v1/intakes/:id/resolution")
                .handler(ApiPrincipal::requireCase)
                .handler(this::resolution);
        router.post("/api/v1/intakes/:id/callbacks")
                .handler(ApiPrincipal::requireCase)
                .handler(this::book);
        router.get("/api/v1/callbacks").handler(this::list);
    }

    private void resolution(RoutingContext ctx) {
        JsonObject body = body(ctx);
        String handledBy = text(body, "handledBy", true);
        String result = text(body, "result", false);
        Object resolvedValue = body.getValue("resolved");
        if (!(resolvedValue instanceof Boolean resolved)) {
            throw ApiError.badRequest("resolved", "'resolved' is required: true or false");
        }
        String id = intakeId(ctx);
        Instant now = clock.instant();
        Resolution r;
        try {
            r = new Resolution(id, handledBy, result, resolved, now);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(field(e), e.getMessage());
        }
        // The path may name the appeal by its number: everything below uses the intake id it stands for.
        appeal(id)
                .compose(appeal -> {
                    String intakeId = appeal.intake().intakeId();
                    Resolution found =
                            intakeId.equals(id) ? r : new Resolution(intakeId, handledBy, result, resolved, now);
                    return stage(rates.resolved(found, RateScope.of(appeal.intake())))
                            .compose(counted -> stage(appeals.updateStatus(intakeId, AppealStatus.RESOLVED, now)))
                            .compose(updated -> {
                                // recorded once the status changed, even if the survey below then fails
                                audit.record(
                                        "appeal.resolve",
                                        ApiPrincipal.of(ctx).id(),
                                        "intake",
                                        intakeId,
                                        "handledBy",
                                        handledBy,
                                        "resolved",
                                        Boolean.toString(resolved));
                                return survey(appeal, now);
                            })
                            .map(survey -> new JsonObject()
                                    .put("intakeId", intakeId)
                                    .put("status", AppealStatus.RESOLVED.name())
                                    .put("resolved", resolved)
                                    .put("reportedAt", now.toString())
                                    .put("survey", survey.map(CallbackJson::of).orElse(null)));
                })
                .onSuccess(ctx::json)
                .onFailure(ctx::fail);
    }

    private Future<Optional<CallbackRequest>> survey(AppealRecord appeal, Instant now) {
        Optional<CallbackDraft> draft = triggers.survey(appeal.intake(), now);
        if (draft.isEmpty()) {
            return Future.succeededFuture(Optional.empty());
        }
        return stage(callbacks.schedule(draft.get())).map(s -> {
            wake.run();
            return Optional.of(s.callback());
        });
    }

    private void book(RoutingContext ctx) {
        JsonObject body = body(ctx);
        String rawAt = text(body, "at", true);
        Instant at = parseTime(rawAt);
        Instant now = clock.instant();
        if (at.isBefore(now.minus(Duration.ofMinutes(1)))) {
            throw ApiError.badRequest("at", "'at' is in the past: " + rawAt);
        }
        String number = text(body, "number", false);
        if (number != null && PhoneNumbers.normalize(number) == null) {
            throw ApiError.badRequest("number", "not a phone number: " + number);
        }
        NumberOverride override = NumberOverride.of(body);
        String id = intakeId(ctx);
        appeal(id)
                .compose(appeal -> {
                    if (number != null
                            && override == null
                            && !CallbackTriggers.isCitizenNumber(appeal.intake(), number)) {
                        return Future.failedFuture(new ApiError(
                                403,
                                "foreign_number",
                                "'number' is not a number of this "
                                        + "appeal's citizen; an agent may override with \"override\": {\"by\": ext, \"reason\": text}",
                                "number"));
                    }
                    Optional<CallbackDraft> draft = triggers.scheduled(appeal.intake(), number, at);
                    if (draft.isEmpty()) {
                        return Future.failedFuture(ApiError.badRequest("number", "the appeal has no number to call"));
                    }
                    if (!draft.get().emergency() && !window.isOpen(at)) {
                        return Future.failedFuture(ApiError.badRequest(
                                "at",
                                "'at' falls in quiet hours or on a blackout" + " date; the next possible time is "
                                        + window.nextOpen(at)));
                    }
                    return stage(callbacks.schedule(draft.get()));
                })
                .onSuccess(s -> {
                    wake.run();
                    audit.record(
                            "callback.book",
                            ApiPrincipal.of(ctx).id(),
                            "intake",
                            s.callback().intakeId(),
                            "callback",
                            s.callback().callbackId(),
                            "number",
                            AuditLog.mask(s.callback().number()),
                            "at",
                            s.callback().notBefore().toString(),
                            "created",
                            Boolean.toString(s.created()),
                            "overrideBy",
                            override == null ? null : override.by(),
                            "overrideReason",
                            override == null ? null : override.reason());
                    ctx.response().setStatusCode(s.created() ? 201 : 200);
                    ctx.json(CallbackJson.of(s.callback()).put("created", s.created()));
                })
                .onFailure(ctx::fail);
    }

    /**
     * An agent's explicit decision to call a number the citizen did not give (a relative, a new number said on the
     * phone): who decided and why, both kept in the audit line.
     */
    private record NumberOverride(String by, String reason) {
        static NumberOverride of(JsonObject body) {
            Object v = body.getValue("override");
            if (v == null) {
                return null;
            }
            if (!(v instanceof JsonObject o)) {
                throw ApiError.badRequest("override", "'override' is {\"by\": agent extension, \"reason\": text}");
            }
            String by = text(o, "by", false);
            if (by == null || !by.matches("[0-9A-Za-z_-]{1,32}")) {
                throw ApiError.badRequest(
                        "override.by", "the extension or id of the agent who decided (1-32 of " + "[0-9A-Za-z_-])");
            }
            String reason = text(o, "reason", false);
            if (reason == null || reason.length() > 200) {
                throw ApiError.badRequest("override.reason", "why this number: required, at most 200 characters");
            }
            return new NumberOverride(by, reason);
        }
    }

    private void list(RoutingContext ctx) {
        String atRisk = ctx.queryParams().get("atRisk");
        String intakeId = ctx.queryParams().get("intakeId");
        String phone = ctx.queryParams().get("phone");
        int limit = LIMIT.read(ctx);
        if ("true".equals(atRisk)) {
            respond(ctx, stage(callbacks.atRisk(limit)), new JsonObject().put("atRisk", true));
        } else if (intakeId != null && !intakeId.isBlank()) {
            if (intakeId.length() > 64) {
                throw ApiError.badRequest("intakeId", "not an intake id");
            }
            stage(callbacks.byIntake(intakeId))
                    .compose(list -> stage(rates.result(intakeId)).map(result -> {
                        JsonObject out = page(list, limit).put("intakeId", intakeId);
                        result.ifPresent(r -> out.put("result", CallbackJson.of(r)));
                        return out;
                    }))
                    .onSuccess(ctx::json)
                    .onFailure(ctx::fail);
        } else if (phone != null && !phone.isBlank()) {
            if (PhoneNumbers.normalize(phone) == null) {
                throw ApiError.badRequest("phone", "not a phone number: " + phone);
            }
            respond(ctx, stage(callbacks.openByPhone(phone)), new JsonObject());
        } else {
            throw ApiError.badRequest("atRisk", "give atRisk=true, intakeId=... or phone=...");
        }
    }

    private void respond(RoutingContext ctx, Future<List<CallbackRequest>> list, JsonObject head) {
        int limit = LIMIT.read(ctx);
        list.onSuccess(l -> ctx.json(page(l, limit).mergeIn(head))).onFailure(ctx::fail);
    }

    private static JsonObject page(List<CallbackRequest> list, int limit) {
        JsonArray items = new JsonArray();
        list.stream().limit(limit).forEach(r -> items.add(CallbackJson.of(r)));
        return new JsonObject().put("count", items.size()).put("items", items);
    }

    /** The appeal {@code id} names: an intake id or an appeal number, as {@code GET /api/v1/intakes/{id}} reads. */
    private Future<AppealRecord> appeal(String id) {
        return stage(appeals.byIdOrAppealNo(id))
                .compose(found -> found.map(Future::succeededFuture)
                        .orElseGet(() -> Future.failedFuture(ApiError.notFound("no intake with id " + id))));
    }

    private <T> Future<T> stage(java.util.concurrent.CompletionStage<T> s) {
        return Future.fromCompletionStage(s, vertx.getOrCreateContext());
    }

    /** An ISO-8601 instant ({@code 2026-03-10T07:00:00Z}) or a local Beijing time ({@code 2026-03-10T15:00}). */
    private Instant parseTime(String raw) {
        Instant at;
        try {
            at = Instant.parse(raw);
        } catch (DateTimeParseException e) {
            try {
                LocalDateTime local = LocalDateTime.parse(raw);
                at = DateBounds.contains(local) ? local.atZone(window.zone()).toInstant() : Instant.MIN;
            } catch (DateTimeParseException e2) {
                throw ApiError.badRequest("at", "not a time (2026-03-10T15:00 local, or ISO-8601 UTC): " + raw);
            }
        }
        if (!DateBounds.contains(at)) {
            throw ApiError.badRequest("at", "'at' needs " + DateBounds.describe() + ": " + raw);
        }
        return at;
    }

    private static String intakeId(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        if (id == null || id.isBlank() || id.length() > 64) {
            throw ApiError.badRequest("id", "not an intake id");
        }
        return id;
    }

    static JsonObject body(RoutingContext ctx) {
        return JsonObjectBody.of(ctx);
    }

    private static String text(JsonObject body, String key, boolean required) {
        Object v = body.getValue(key);
        if (v == null || (v instanceof String s && s.isBlank())) {
            if (required) {
                throw ApiError.badRequest(key, "'" + key + "' is required");
            }
            return null;
        }
        if (!(v instanceof String s)) {
            throw ApiError.badRequest(key, "'" + key + "' must be a string");
        }
        return s.trim();
    }

    private static String field(IllegalArgumentException e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        int colon = m.indexOf(':');
        return colon > 0 ? m.substring(0, colon) : null;
    }
}
