package cn.jiesu.gateway.console;

import cn.jiesu.callbacks.CallbackDesk;
import cn.jiesu.callbacks.DialResult;
import cn.jiesu.core.callback.CallbackOutcome;
import cn.jiesu.core.console.AgentState;
import cn.jiesu.core.console.AgentStatus;
import cn.jiesu.core.console.ConsoleSession;
import cn.jiesu.core.console.PopStore;
import cn.jiesu.core.intake.PhoneNumbers;
import cn.jiesu.core.intake.RequestType;
import cn.jiesu.core.intake.Urgency;
import cn.jiesu.gateway.http.ApiError;
import cn.jiesu.gateway.http.AuditLog;
import cn.jiesu.gateway.http.JsonObjectBody;
import cn.jiesu.gateway.http.RouteMethods;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.Cookie;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.time.Clock;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's HTTP edge under {@code /console}: the page and its assets, sign-in/out, the agent's actions
 * (save form, state, click-to-call), the wallboard JSON and the WebSocket {@code /console/ws}.
 */
final class ConsoleRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleRoutes.class);
    private static final String CSP = "default-src 'self'; connect-src 'self'; img-src 'self' data:; "
            + "style-src 'self'; script-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    private final Vertx vertx;
    private final Context context;
    private final ConsoleConfig config;
    private final Sessions sessions;
    private final ConsoleGuard guard;
    private final PopService pops;
    private final AppealForms forms;
    private final AgentStates states;
    private final AgentSockets sockets;
    private final Wallboard wallboard;
    private final HotspotPanel hotspots;
    private final AgentDialer dialer;
    private final CallbackDesk callbacks;
    private final PopStore popStore;
    private final AuditLog audit;
    private final Clock clock;

    /** The hotline's time zone, told to the browser: agents see times as the deadlines and 受理号 count them. */
    private final java.time.ZoneId zone;

    ConsoleRoutes(
            Vertx vertx,
            Context context,
            ConsoleConfig config,
            Sessions sessions,
            PopService pops,
            AppealForms forms,
            AgentStates states,
            AgentSockets sockets,
            Wallboard wallboard,
            HotspotPanel hotspots,
            AgentDialer dialer,
            CallbackDesk callbacks,
            PopStore popStore,
            AuditLog audit,
            Clock clock,
            java.time.ZoneId zone) {
        this.zone = zone;
        this.vertx = vertx;
        this.context = context;
        this.config = config;
        this.sessions = sessions;
        this.guard = new ConsoleGuard(sessions, config);
        this.pops = pops;
        this.forms = forms;
        this.states = states;
        this.sockets = sockets;
        this.wallboard = wallboard;
        this.hotspots = hotspots;
        this.dialer = dialer;
        this.callbacks = callbacks;
        this.popStore = popStore;
        this.audit = audit;
        this.clock = clock;
    }

    void mount(Router router) {
        // Before the router's request timeout: a WebSocket lives far longer than any request.
        router.get("/console/ws")
                .order(-1)
                .putMetadata(RouteMethods.NO_HEAD, true)
                .handler(this::socket);
        router.route("/console/*").handler(ConsoleRoutes::headers);
        router.get("/console").handler(ctx -> {
            // Vert.x matches "/console" for "/console/" as well: only the bare path is redirected.
            if (ctx.request().path().equals("/console")) {
                ctx.redirect("/console/");
            } else {
                ctx.next();
            }
        });
        router.post("/console/api/login").handler(this::login);
        router.route("/console/api/*").handler(guard::authenticated);
        router.get("/console/api/me").handler(this::me);
        router.post("/console/api/logout").handler(this::logout);
        router.post("/console/api/pops/:popId/form").handler(this::saveForm);
        router.post("/console/api/state").handler(this::setState);
        router.post("/console/api/dial").handler(this::dial);
        router.get("/console/api/wallboard").handler(ConsoleGuard::supervisor).handler(this::wallboardJson);
        router.get("/console/api/hotspots").handler(this::hotspotsJson);
        router.post("/console/api/hotspots/match").handler(this::hotspotMatch);
        router.get("/console/*")
                .handler(
                        StaticHandler.create("console").setCachingEnabled(false).setIndexPage("index.html"));
    }

    private static void headers(RoutingContext ctx) {
        ctx.response()
                .putHeader("Content-Security-Policy", CSP)
                .putHeader("X-Frame-Options", "DENY")
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "same-origin")
                .putHeader("Cache-Control", "no-store");
        ctx.next();
    }

    /** The field's text: 400 naming it when it is absent, null or not a string. */
    private static String required(JsonObject body, String field) {
        if (!body.containsKey(field)) {
            throw ApiError.badRequest(field, "required");
        }
        return text(body, field);
    }

    private void login(RoutingContext ctx) {
        if (!ConsoleGuard.sameOrigin(ctx.request())) {
            throw new ApiError(403, "forbidden", "cross-origin request refused", null);
        }
        JsonObject body = json(ctx);
        // A missing field is the client's mistake (400 naming it); a wrong value says nothing about which (401).
        String ext = required(body, "ext").trim();
        String password = required(body, "password");
        if (!ext.matches("\\d{2,8}") || password.isEmpty() || password.length() > 256) {
            throw new ApiError(401, "bad_credentials", "wrong extension or password", null);
        }
        String source = ClientSource.of(
                ctx.request().remoteAddress() == null
                        ? null
                        : ctx.request().remoteAddress().hostAddress());
        sessions.login(ext, password, source).onComplete(r -> {
            if (r.succeeded()) {
                ctx.response().addCookie(guard.cookie(r.result().token()));
                ctx.json(me(r.result().session()));
            } else if (r.cause() instanceof Sessions.LoginRefused refused) {
                // Wrong passwords are rationed (per address and instance), so they cannot flood the log; the
                // refusals that ration them can, and say nothing an operator acts on one by one.
                if (refused.reason() == Sessions.Refusal.BAD_CREDENTIALS) {
                    LOG.info(
                            "console sign-in refused for extension {} from {}: wrong extension or password",
                            ext,
                            source);
                } else {
                    LOG.debug(
                            "console sign-in refused for extension {} from {}: {}", ext, source, refused.getMessage());
                }
                refuse(ctx, refused);
            } else {
                ctx.fail(r.cause());
            }
        });
    }

    /** 401 for a wrong extension or password; 429 with Retry-After (whole seconds, also in the body) to wait. */
    private static void refuse(RoutingContext ctx, Sessions.LoginRefused refused) {
        ApiError error = switch (refused.reason()) {
            case BAD_CREDENTIALS -> new ApiError(401, "bad_credentials", "wrong extension or password", null);
            case LOCKED -> new ApiError(429, "locked", "too many failed sign-ins; try again later", null);
            case BUSY -> new ApiError(429, "busy", "too many sign-ins at once; try again shortly", null);
        };
        if (error.status() != 429) {
            error.send(ctx);
            return;
        }
        long seconds = Math.max(1, (refused.retryAfter().toMillis() + 999) / 1000);
        ctx.response()
                .setStatusCode(429)
                .putHeader("Retry-After", Long.toString(seconds))
                .putHeader("content-type", "application/json; charset=utf-8")
                .end(error.toJson().put("retryAfter", seconds).encode());
    }

    /** A string field of the sign-in, "" when absent; null or another type is the client's mistake, named. */
    private static String text(JsonObject body, String field) {
        Object v = body.getValue(field);
        if (v == null && !body.containsKey(field)) {
            return "";
        }
        if (!(v instanceof String s)) {
            throw ApiError.badRequest(field, field + " must be a string");
        }
        return s;
    }

    private void me(RoutingContext ctx) {
        ctx.json(me(ConsoleGuard.session(ctx)));
    }

    private JsonObject me(ConsoleSession s) {
        return new JsonObject()
                .put("zone", zone.getId())
                .put("ext", s.ext())
                .put("name", s.name())
                .put("role", s.role().name())
                .put("csrf", s.csrf());
    }

    private void logout(RoutingContext ctx) {
        ConsoleSession s = ConsoleGuard.session(ctx);
        Cookie cookie = ctx.request().getCookie(Sessions.COOKIE);
        on(
                ctx,
                states.set(s.ext(), AgentState.PAUSED, "signed-out")
                        .recover(e -> Future.succeededFuture())
                        .compose(v -> sessions.logout(cookie == null ? null : cookie.getValue()))
                        .map(v -> {
                            ctx.response().addCookie(guard.expired());
                            return new JsonObject().put("signedOut", true);
                        }));
    }

    private void saveForm(RoutingContext ctx) {
        ConsoleSession s = ConsoleGuard.session(ctx);
        String popId = ctx.pathParam("popId");
        JsonObject body = json(ctx);
        AppealForm form;
        try {
            form = new AppealForm(
                    body.getString("content"),
                    body.getString("address"),
                    parse(RequestType.class, body.getString("requestType"), "requestType"),
                    parse(Urgency.class, body.getString("urgency"), "urgency"));
        } catch (IllegalArgumentException e) {
            String msg = e.getMessage();
            throw ApiError.badRequest(msg.contains(":") ? msg.substring(0, msg.indexOf(':')) : null, msg);
        }
        // An agent can save only onto their own pop: the pop names the call, so no one writes to a call they
        // were never offered.
        on(ctx, Future.fromCompletionStage(popStore.get(popId), context).compose(pop -> {
            if (pop.isEmpty() || !pop.get().ext().equals(s.ext())) {
                return Future.failedFuture(ApiError.notFound("no such pop"));
            }
            return forms.save(pop.get().linkedid(), form).map(saved -> {
                // Into the stored pop too: a browser reloaded mid-call gets the form back as saved.
                pops.keepForm(
                        popId,
                        new JsonObject()
                                .put("content", form.content())
                                .put("address", form.address())
                                .put("requestType", name(form.requestType()))
                                .put("urgency", name(form.urgency()))
                                .put("mode", saved.mode()));
                return new JsonObject()
                        .put("mode", saved.mode())
                        .put("intakeId", saved.intakeId())
                        .put("appealNo", saved.appealNo());
            });
        }));
    }

    private void setState(RoutingContext ctx) {
        ConsoleSession s = ConsoleGuard.session(ctx);
        AgentState state = parse(AgentState.class, json(ctx).getString("state"), "state");
        String reason = state == AgentState.READY ? "ready" : "break";
        // Refused: a state the agent does not choose (400), or any choice while Asterisk has them on a call (409).
        on(
                ctx,
                states.choose(s.ext(), state, reason)
                        .map(st -> new JsonObject()
                                .put("ext", st.ext())
                                .put("state", st.state().name())
                                .put("since", st.since().toString())
                                .put("reason", st.reason())
                                .put("remainingS", AgentStateRules.remainingSeconds(st, clock.instant()))));
    }

    /**
     * Starts a click-to-call and answers 202 with its {@code dialId} at once: the agent's phone rings first and the
     * citizen's outcome can take a minute, far past the request timeout. The result is recorded on the callback
     * (when one is named and the citizen was dialled) and sent to the agent's sockets as a {@code dial-result}
     * frame, whether or not the browser is still there.
     */
    private void dial(RoutingContext ctx) {
        ConsoleSession s = ConsoleGuard.session(ctx);
        JsonObject body = json(ctx);
        String number = PhoneNumbers.normalize(body.getString("number"));
        if (number == null || number.length() < 5 || number.length() > 20) {
            throw ApiError.badRequest("number", "not a phone number");
        }
        String callbackId = body.getString("callbackId");
        if (callbackId != null && (callbackId.isBlank() || callbackId.length() > 64)) {
            throw ApiError.badRequest("callbackId", "not a callback id");
        }
        if (!dialer.available()) {
            throw new ApiError(503, "unavailable", "click-to-call needs the AMI connector", null);
        }
        // An agent on a call cannot take a second one: their phone would ring (or be refused) in the middle of it,
        // and a citizen's answered callback would wait on a busy agent. The disabled button is a courtesy; this is
        // the rule, checked on the pops every instance shares.
        Future.fromCompletionStage(popStore.onCall(s.ext()), context).onComplete(onCall -> {
            if (onCall.failed()) {
                LOG.warn(
                        "click-to-call by agent {} refused: on-call check failed: {}",
                        s.ext(),
                        onCall.cause().toString());
                new ApiError(503, "unavailable", "cannot tell whether you are on a call; try again", null).send(ctx);
                return;
            }
            if (onCall.result().isPresent()) {
                ctx.response()
                        .setStatusCode(409)
                        .putHeader("content-type", "application/json; charset=utf-8")
                        .end(new ApiError(409, "on_call", "you are on a call: dial once it has ended", null)
                                .toJson()
                                .put("popId", onCall.result().get())
                                .encode());
                return;
            }
            startDial(ctx, s.ext(), number, callbackId);
        });
    }

    private void startDial(RoutingContext ctx, String ext, String number, String callbackId) {
        String dialId = UUID.randomUUID().toString();
        // An agent dials what they type (a relative, a new number heard on the call): that is the agent's explicit
        // override, and the audit line is what answers for it.
        audit.record(
                "console.dial",
                "agent:" + ext,
                "dial",
                dialId,
                "number",
                AuditLog.mask(number),
                "callback",
                callbackId);
        Future.fromCompletionStage(dialer.dial(dialId, ext, number), context)
                .recover(e -> {
                    LOG.warn("click-to-call {} by agent {} failed: {}", dialId, ext, e.toString());
                    return Future.succeededFuture(new DialResult(CallbackOutcome.FAILED, false));
                })
                .compose(result -> record(ext, callbackId, result).compose(updated -> {
                    LOG.info(
                            "click-to-call {} by agent {}: {} (citizen dialled: {}, callback updated: {})",
                            dialId,
                            ext,
                            result.outcome(),
                            result.citizenDialed(),
                            updated);
                    JsonObject frame = new JsonObject()
                            .put("type", "dial-result")
                            .put("dialId", dialId)
                            .put("callbackId", callbackId)
                            .put("outcome", result.outcome().name())
                            .put("citizenDialed", result.citizenDialed())
                            .put("callbackUpdated", updated);
                    return callbackId == null ? Future.succeededFuture(frame) : withCallback(frame, callbackId);
                }))
                .onSuccess(frame -> pops.toAgent(ext, frame.encode()));
        ctx.response().setStatusCode(202);
        ctx.json(new JsonObject().put("dialId", dialId).put("callbackId", callbackId));
    }

    /**
     * The callback as it is after the dial (attempts, status), so the pop's row counts the attempt at once; the
     * frame goes out without them when the callback cannot be read.
     */
    private Future<JsonObject> withCallback(JsonObject frame, String callbackId) {
        return Future.fromCompletionStage(callbacks.get(callbackId), context)
                .map(found -> {
                    found.ifPresent(c -> frame.put("attempts", c.attempts())
                            .put("callbackStatus", c.status().name())
                            .put("lastOutcome", PopFacts.lastOutcome(c)));
                    return frame;
                })
                .recover(e -> Future.succeededFuture(frame));
    }

    /** Records the citizen's outcome on the callback as the agent's attempt; false when nothing was recorded. */
    private Future<Boolean> record(String ext, String callbackId, DialResult result) {
        if (callbackId == null || !result.citizenDialed()) {
            // An agent who did not pick up their own phone made no attempt on the citizen: the retry budget is
            // the citizen's, not spent on the agent's leg.
            return Future.succeededFuture(false);
        }
        return Future.fromCompletionStage(
                        callbacks.agentAttempt(callbackId, ext, result.outcome(), clock.instant()), context)
                .map(v -> true)
                .recover(e -> {
                    LOG.warn("click-to-call result not recorded on callback {}: {}", callbackId, e.toString());
                    return Future.succeededFuture(false);
                });
    }

    private void wallboardJson(RoutingContext ctx) {
        context.runOnContext(v -> {
            JsonObject snapshot = wallboard.snapshot();
            ctx.json(snapshot);
        });
    }

    /** The hotspot list for any signed-in agent. */
    private void hotspotsJson(RoutingContext ctx) {
        if (!ctx.queryParams().isEmpty()) {
            // A form's address and text are a citizen's words: they go in a POST body, never a URL (proxy logs).
            throw ApiError.badRequest(
                    "query",
                    "GET /console/api/hotspots takes no parameters; POST the form to /console/api/hotspots/match");
        }
        on(ctx, hotspots.current());
    }

    /**
     * The hotspot list and, for the form being filled ({@code {"address": …, "content": …}}), where and about what
     * that is and which open hotspots it matches. A POST: the form's text may be long and is the citizen's.
     */
    private void hotspotMatch(RoutingContext ctx) {
        JsonObject body = json(ctx);
        String address = text(body, "address", HotspotPanel.MAX_ADDRESS);
        String content = text(body, "content", HotspotPanel.MAX_CONTENT);
        on(
                ctx,
                hotspots.current()
                        .map(current -> address == null && content == null
                                ? current
                                : current.put("form", hotspots.match(current, address, content))));
    }

    private static String text(JsonObject body, String name, int max) {
        Object v = body.getValue(name);
        if (v != null && !(v instanceof String)) {
            throw ApiError.badRequest(name, name + ": must be a string");
        }
        String s = (String) v;
        if (s != null && s.length() > max) {
            throw ApiError.badRequest(name, name + ": at most " + max + " characters");
        }
        return s;
    }

    private void socket(RoutingContext ctx) {
        ctx.request().pause();
        if (!ConsoleGuard.sameOrigin(ctx.request())) {
            ctx.response().setStatusCode(403).end();
            return;
        }
        Cookie cookie = ctx.request().getCookie(Sessions.COOKIE);
        guard.session(ctx.request())
                .compose(s -> s == null
                        ? Future.succeededFuture(null)
                        // A supervisor watches, takes no queue calls: no agent state (else counted ready).
                        : s.supervisor()
                                ? Future.succeededFuture(new Object[] {
                                    s, new AgentStatus(s.ext(), AgentState.OFFLINE, clock.instant(), null)
                                })
                                : states.of(s.ext()).map(st -> new Object[] {s, st}))
                .onComplete(r -> {
                    if (r.failed() || r.result() == null) {
                        ctx.response().setStatusCode(r.failed() ? 503 : 401).end();
                        return;
                    }
                    ConsoleSession s = (ConsoleSession) r.result()[0];
                    AgentStatus st = (AgentStatus) r.result()[1];
                    ctx.request()
                            .toWebSocket()
                            .onSuccess(ws -> new ConsoleSocket(vertx, ws, s, cookie.getValue(), pops, sockets, sessions)
                                    .open(st, clock.instant(), recheckMs()))
                            .onFailure(e -> LOG.debug("console WebSocket handshake failed: {}", e.toString()));
                });
    }

    private long recheckMs() {
        return Math.max(1_000, Math.min(60_000, config.sessionIdle().toMillis() / 2));
    }

    private <T> void on(RoutingContext ctx, Future<T> result) {
        result.onComplete(r -> {
            if (r.succeeded()) {
                ctx.json(r.result());
            } else if (r.cause() instanceof ApiError api) {
                api.send(ctx);
            } else {
                ctx.fail(r.cause());
            }
        });
    }

    private static JsonObject json(RoutingContext ctx) {
        return JsonObjectBody.of(ctx);
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String field) {
        try {
            return Enum.valueOf(type, value == null ? "" : value);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(field, field + ": not one of the allowed values");
        }
    }

    private static String name(Enum<?> e) {
        return e == null ? null : e.name();
    }
}
