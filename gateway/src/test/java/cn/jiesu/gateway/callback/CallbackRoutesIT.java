package cn.jiesu.gateway.callback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import cn.jiesu.callbacks.CallbackIntake;
import cn.jiesu.core.callback.CallbackConfig;
import cn.jiesu.core.callback.CallbackPlanner;
import cn.jiesu.core.callback.CallbackStore;
import cn.jiesu.core.callback.CallbackTriggers;
import cn.jiesu.core.callback.CallingWindow;
import cn.jiesu.core.intake.Channel;
import cn.jiesu.core.intake.Citizen;
import cn.jiesu.core.intake.ContentType;
import cn.jiesu.core.intake.Intake;
import cn.jiesu.core.intake.IntakeIds;
import cn.jiesu.core.intake.Location;
import cn.jiesu.core.intake.PlaceMark;
import cn.jiesu.core.intake.RequestType;
import cn.jiesu.core.rates.RateStore;
import cn.jiesu.core.sla.SlaPolicy;
import cn.jiesu.gateway.http.AuditLog;
import cn.jiesu.gateway.http.CaseApiGuard;
import cn.jiesu.gateway.http.ErrorResponses;
import cn.jiesu.gateway.support.TestClients;
import cn.jiesu.redis.RedisClients;
import cn.jiesu.redis.RedisConfig;
import cn.jiesu.redis.StreamKeys;
import cn.jiesu.redis.callback.CallbackKeys;
import cn.jiesu.redis.callback.RedisCallbackStore;
import cn.jiesu.redis.callback.RedisRateStore;
import cn.jiesu.redis.intake.RedisAppealStore;
import cn.jiesu.testkit.TestEnv;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.slf4j.LoggerFactory;

@Isolated("reads the audit logger's lines")
class CallbackRoutesIT {
    private static final ZoneId BEIJING = CallingWindow.BEIJING;
    private static final Instant NOW =
            LocalDateTime.parse("2026-03-10T10:00:00").atZone(BEIJING).toInstant();

    private Vertx vertx;
    private RedisClients clients;
    private RedisAppealStore appeals;
    private CallbackStore callbacks;
    private RateStore rates;
    private CallbackIntake intakeHandler;
    private static final String CASE_TOKEN = "case-token-for-tests-0001";
    private static final String ADMIN_TOKEN = "admin-token-for-tests-0001";

    private WebClient web;
    private int port;
    private ch.qos.logback.classic.Logger auditLogger;
    private ListAppender<ILoggingEvent> audited;

    @BeforeEach
    void setUp() throws Exception {
        RedisConfig config = RedisConfig.defaults(TestEnv.redisUri()).withKeyPrefix(TestEnv.uniquePrefix("cbroutes"));
        Clock clock = Clock.fixed(NOW, BEIJING);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        clients = RedisClients.connect(config, registry);
        appeals = new RedisAppealStore(clients, new StreamKeys(config.keyPrefix()), config, registry, clock);
        CallbackKeys keys = new CallbackKeys(config.keyPrefix());
        CallbackConfig cfg = CallbackConfig.DEFAULT;
        callbacks = new RedisCallbackStore(
                clients, keys, new CallbackPlanner(cfg, clock), new IntakeIds(clock, new Random()), registry);
        rates = new RedisRateStore(clients, keys, BEIJING);
        CallbackTriggers triggers = new CallbackTriggers(cfg.rules());
        intakeHandler = new CallbackIntake(triggers, callbacks, rates, SlaPolicy.BEIJING, () -> {});
        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        router.route().handler(BodyHandler.create(false));
        new CaseApiGuard(List.of(CASE_TOKEN), ADMIN_TOKEN).mount(router);
        auditLogger = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger("jiesu.audit.it-" + UUID.randomUUID());
        audited = new ListAppender<>();
        audited.start();
        auditLogger.addAppender(audited);
        new CallbackRoutes(
                        vertx,
                        appeals,
                        callbacks,
                        rates,
                        triggers,
                        cfg.window(),
                        () -> {},
                        new AuditLog(auditLogger, clock),
                        clock)
                .mount(router);
        new RateRoutes(vertx, rates, BEIJING, clock, null).mount(router);
        ErrorResponses.install(router);
        HttpServer server = vertx.createHttpServer()
                .requestHandler(router)
                .listen(0, "127.0.0.1")
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        port = server.actualPort();
        web = TestClients.web(vertx);
    }

    @AfterEach
    void tearDown() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        clients.close();
    }

    private Intake appeal(String messageId) throws Exception {
        Intake in = Intake.builder()
                .intakeId(new IntakeIds(Clock.systemUTC(), new Random()).next())
                .channel(Channel.PHONE)
                .channelAccount("12345")
                .channelMessageId(messageId)
                .receivedAt(NOW)
                .contentType(ContentType.CALL)
                .requestType(RequestType.COMPLAINT)
                .citizen(new Citizen(null, "张三", null, "13800138000", null, false))
                .location(new Location("望京西园", null, null, null, "朝阳区", "望京街道", null))
                // What the gazetteer gives at intake (PlacingAppealStore); 三率 count by it, not by the location.
                .place(new PlaceMark("朝阳区", "望京街道", 1.0))
                .build();
        appeals.append(in).toCompletableFuture().get(10, TimeUnit.SECONDS);
        intakeHandler.handle(in).toCompletableFuture().get(10, TimeUnit.SECONDS);
        return in;
    }

    private HttpResponse<Buffer> post(String path, JsonObject body) throws Exception {
        return post(path, body, CASE_TOKEN);
    }

    private HttpResponse<Buffer> post(String path, JsonObject body, String token) throws Exception {
        return web.post(port, "127.0.0.1", path)
                .putHeader("Authorization", "Bearer " + token)
                .sendJsonObject(body)
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }

    private HttpResponse<Buffer> get(String path) throws Exception {
        return web.get(port, "127.0.0.1", path)
                .putHeader("Authorization", "Bearer " + CASE_TOKEN)
                .send()
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }

    private List<String> auditLines() {
        return audited.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    @DisplayName("A phone appeal gets its return visit; a resolution makes it RESOLVED and turns it into the survey")
    void resolution() throws Exception {
        Intake in = appeal("call-1");
        JsonObject before = get("/api/v1/callbacks?intakeId=" + in.intakeId()).bodyAsJsonObject();
        assertThat(before.getJsonArray("items").getJsonObject(0).getString("kind"))
                .isEqualTo("RETURN_VISIT");
        assertThat(before.getJsonArray("items").getJsonObject(0).getString("number"))
                .isEqualTo("*******8000");

        HttpResponse<Buffer> r = post(
                "/api/v1/intakes/" + in.intakeId() + "/resolution",
                new JsonObject().put("handledBy", "朝阳区城管委").put("result", "已清理").put("resolved", true));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.bodyAsJsonObject().getString("status")).isEqualTo("RESOLVED");
        assertThat(auditLines())
                .singleElement()
                .satisfies(line -> assertThat(line)
                        .startsWith("audit action=appeal.resolve who=case:")
                        .contains(
                                "at=2026-03-10T02:00:00Z",
                                "intake=" + in.intakeId(),
                                "handledBy=朝阳区城管委",
                                "resolved=true")
                        .doesNotContain(CASE_TOKEN));
        assertThat(r.bodyAsJsonObject().getJsonObject("survey").getString("kind"))
                .isEqualTo("SURVEY");
        assertThat(appeals.byId(in.intakeId())
                        .toCompletableFuture()
                        .get()
                        .orElseThrow()
                        .status()
                        .name())
                .isEqualTo("RESOLVED");
        JsonObject after = get("/api/v1/callbacks?intakeId=" + in.intakeId()).bodyAsJsonObject();
        assertThat(after.getInteger("count")).isEqualTo(1);
        assertThat(after.getJsonObject("result").getBoolean("resolved")).isTrue();

        JsonObject day = get("/api/v1/rates?period=day&date=2026-03-10&district="
                        + java.net.URLEncoder.encode("朝阳区", java.nio.charset.StandardCharsets.UTF_8))
                .bodyAsJsonObject();
        assertThat(day.getJsonObject("counts").getLong("handled")).isEqualTo(1);
        assertThat(day.getJsonObject("rates").getDouble("resolution")).isEqualTo(1.0);
        JsonObject week =
                get("/api/v1/rates?period=week&date=2026-03-17&by=district").bodyAsJsonObject();
        assertThat(week.getString("from")).isEqualTo("2026-03-16");
        // due on 2026-03-17 (NORMAL tier: 7 days) and answered by the resolution on the 10th
        assertThat(week.getJsonObject("counts").getLong("due")).isEqualTo(1);
        assertThat(week.getJsonObject("rates").getDouble("response")).isEqualTo(1.0);
        assertThat(week.getJsonArray("districts").getJsonObject(0).getString("district"))
                .isEqualTo("朝阳区");
        assertThat(week.getBoolean("provisional")).isFalse();
        // The month holding today (the clock's 2026-03-10) counts up to today only: the deadline on the 17th is not
        // in 响应率 yet, which would otherwise read 0 % until then.
        JsonObject month = get("/api/v1/rates?period=month&date=2026-03-10").bodyAsJsonObject();
        assertThat(month.getString("through")).isEqualTo("2026-03-10");
        assertThat(month.getBoolean("provisional")).isTrue();
        assertThat(month.getJsonObject("counts").getLong("due")).isZero();
        assertThat(month.getJsonObject("counts").getLong("handled")).isEqualTo(1);
        assertThat(month.getJsonObject("counts").getLong("received")).isEqualTo(1);
    }

    @Test
    @DisplayName(
            "A booking to a number the citizen never gave is 403 unless an agent overrides; each booking is audited")
    void foreignNumber() throws Exception {
        Intake in = appeal("call-3");
        String path = "/api/v1/intakes/" + in.intakeId() + "/callbacks";
        HttpResponse<Buffer> foreign =
                post(path, new JsonObject().put("at", "2026-03-10T15:00").put("number", "13900139000"));
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(foreign.bodyAsJsonObject().getString("error")).isEqualTo("foreign_number");
        assertThat(foreign.bodyAsJsonObject().getString("field")).isEqualTo("number");
        assertThat(auditLines()).isEmpty();
        assertThat(post(
                                path,
                                new JsonObject()
                                        .put("at", "2026-03-10T15:00")
                                        .put("number", "13900139000")
                                        .put("override", new JsonObject().put("by", "8001")))
                        .bodyAsJsonObject()
                        .getString("field"))
                .isEqualTo("override.reason");
        // the admin token reads the case API, but may not make the trunk dial or mark an appeal RESOLVED
        assertThat(post(path, new JsonObject().put("at", "2026-03-10T15:00"), ADMIN_TOKEN)
                        .statusCode())
                .isEqualTo(403);
        assertThat(post(
                                "/api/v1/intakes/" + in.intakeId() + "/resolution",
                                new JsonObject().put("handledBy", "x").put("resolved", true),
                                ADMIN_TOKEN)
                        .statusCode())
                .isEqualTo(403);
        assertThat(post(path, new JsonObject().put("at", "2026-03-10T15:00"), "wrong-token-wrong-token")
                        .statusCode())
                .isEqualTo(401);
        assertThat(auditLines()).isEmpty();

        // the citizen's own number, written differently: no override needed
        HttpResponse<Buffer> own =
                post(path, new JsonObject().put("at", "2026-03-10T15:00").put("number", "+86 138-0013-8000"));
        assertThat(own.statusCode()).isIn(200, 201);
        HttpResponse<Buffer> overridden = post(
                path,
                new JsonObject()
                        .put("at", "2026-03-10T16:00")
                        .put("number", "13900139000")
                        .put("override", new JsonObject().put("by", "8001").put("reason", "家属代为接听")));
        assertThat(overridden.statusCode()).isIn(200, 201);
        assertThat(auditLines()).hasSize(2);
        assertThat(auditLines().get(0))
                .startsWith("audit action=callback.book who=case:")
                .contains("intake=" + in.intakeId(), "number=*******8000", "overrideBy=-")
                .doesNotContain("13800138000");
        assertThat(auditLines().get(1))
                .contains("number=*******9000", "overrideBy=8001", "overrideReason=家属代为接听")
                .doesNotContain("13900139000");
    }

    @Test
    @DisplayName("An agent books the citizen's time (201), moves it (200); quiet hours and bad input are 400")
    void booking() throws Exception {
        Intake in = appeal("call-2");
        String path = "/api/v1/intakes/" + in.intakeId() + "/callbacks";
        HttpResponse<Buffer> first = post(
                path,
                new JsonObject()
                        .put("at", "2026-03-10T15:00")
                        .put("number", "010-6512-3456")
                        .put("override", new JsonObject().put("by", "8001").put("reason", "市民来电要求改拨办公电话")));
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(first.bodyAsJsonObject().getString("kind")).isEqualTo("AGENT_SCHEDULED");
        HttpResponse<Buffer> moved = post(
                path,
                new JsonObject()
                        .put("at", "2026-03-11T09:30")
                        .put("number", "01065123456")
                        .put("override", new JsonObject().put("by", "8001").put("reason", "改约时间")));
        assertThat(moved.statusCode()).isEqualTo(200);
        assertThat(moved.bodyAsJsonObject().getString("notBefore")).isEqualTo("2026-03-11T01:30:00Z");
        HttpResponse<Buffer> night = post(path, new JsonObject().put("at", "2026-03-10T22:00"));
        assertThat(night.statusCode()).isEqualTo(400);
        assertThat(night.bodyAsJsonObject().getString("field")).isEqualTo("at");
        assertThat(post(path, new JsonObject().put("at", "yesterday")).statusCode())
                .isEqualTo(400);
        assertThat(post("/api/v1/intakes/NOSUCH/callbacks", new JsonObject().put("at", "2026-03-10T15:00"))
                        .statusCode())
                .isEqualTo(404);
        assertThat(post("/api/v1/intakes/" + in.intakeId() + "/resolution", new JsonObject().put("handledBy", "x"))
                        .statusCode())
                .isEqualTo(400);
        assertThat(get("/api/v1/callbacks").statusCode()).isEqualTo(400);
        assertThat(get("/api/v1/rates?period=year").statusCode()).isEqualTo(400);
        assertThat(get("/api/v1/callbacks?atRisk=true").bodyAsJsonObject().getBoolean("atRisk"))
                .isTrue();
        assertThat(get("/api/v1/callbacks?phone=01065123456").bodyAsJsonObject().getInteger("count"))
                .isEqualTo(1);
    }

    @Test
    @DisplayName("callbacks and resolution under /api/v1/intakes/{id} take the appeal number, as GET does")
    void byAppealNumber() throws Exception {
        Intake in = appeal("call-4");
        String no = appeals.byId(in.intakeId())
                .toCompletableFuture()
                .get()
                .orElseThrow()
                .intake()
                .appealNo();
        assertThat(no).matches("[0-9]{12}");
        HttpResponse<Buffer> booked =
                post("/api/v1/intakes/" + no + "/callbacks", new JsonObject().put("at", "2026-03-10T15:00"));
        assertThat(booked.statusCode()).as(booked.bodyAsString()).isIn(200, 201);
        assertThat(booked.bodyAsJsonObject().getString("intakeId")).isEqualTo(in.intakeId());
        HttpResponse<Buffer> resolved = post(
                "/api/v1/intakes/" + no + "/resolution",
                new JsonObject().put("handledBy", "朝阳区城管委").put("resolved", true));
        assertThat(resolved.statusCode()).as(resolved.bodyAsString()).isEqualTo(200);
        assertThat(resolved.bodyAsJsonObject().getString("intakeId")).isEqualTo(in.intakeId());
        assertThat(appeals.byId(in.intakeId())
                        .toCompletableFuture()
                        .get()
                        .orElseThrow()
                        .status()
                        .name())
                .isEqualTo("RESOLVED");
        assertThat(auditLines()).hasSize(2).allSatisfy(line -> assertThat(line).contains("intake=" + in.intakeId()));
        assertThat(post("/api/v1/intakes/999999999999/callbacks", new JsonObject().put("at", "2026-03-10T15:00"))
                        .statusCode())
                .isEqualTo(404);
    }
}
