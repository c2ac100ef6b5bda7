package cn.jiesu.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.jiesu.channels.RequestSignature;
import cn.jiesu.core.appeal.Satisfaction;
import cn.jiesu.core.console.PasswordHasher;
import cn.jiesu.core.rates.RateScope;
import cn.jiesu.core.rates.RateStore;
import cn.jiesu.gateway.config.ConfigLoader;
import cn.jiesu.gateway.console.WallboardMeters;
import cn.jiesu.gateway.ops.MonitoringPack;
import cn.jiesu.gateway.ops.PromQlNames;
import cn.jiesu.gateway.support.TestClients;
import cn.jiesu.gateway.support.TestServices;
import cn.jiesu.gateway.support.UsesAsteriskLab;
import cn.jiesu.redis.RedisClients;
import cn.jiesu.redis.callback.CallbackKeys;
import cn.jiesu.redis.callback.RedisRateStore;
import cn.jiesu.testkit.Gc;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The meters of a whole gateway as Prometheus and the supervisors see them: the phone line connected to the lab's
 * AMI (and FastAGI on), every channel configured, the callback scheduler and the console running. After load and
 * garbage collections, /metrics must hold no NaN in any meter of ours (a gauge whose object Micrometer held weakly
 * read NaN: ami_connection_up did while /health said AMI was up), every meter the wallboard reads must exist, and
 * every metric name the alert rules and Grafana panels of ops/ query must be on the scrape.
 */
@UsesAsteriskLab
class MetricsIT {
    private static final String APP_KEY = "k-app-meters-0001";
    private static final String APP_SECRET = "app-secret-meters-0001";
    private static final String OPEN311_KEY = "k-portal-meters-01";
    private static final String API_TOKEN = "api-token-for-meters-0001";
    /** Prometheus names of meters the JVM, Vert.x and Micrometer bring: not ours, so NaN there is not checked. */
    private static final List<String> LIBRARY_PREFIXES =
            List.of("jvm_", "process_", "system_", "vertx_", "executor_", "logback_", "disk_", "lettuce_");

    private static Gateway gateway;
    private static GatewayConfig config;
    private static WebClient http;
    private static RedisClients redis;
    private static final List<String> intakeIds = new ArrayList<>();

    @BeforeAll
    static void start() throws IOException {
        Map<String, String> env = TestServices.phoneGatewayEnv();
        env.put("JIESU_ADMIN_API_TOKEN", API_TOKEN);
        env.put("JIESU_CHANNELS_APP_CLIENTS_METERS_SECRET", APP_SECRET);
        // The shared gauges (pending callbacks, at risk, 三率) refresh on this interval: seconds, not minutes.
        env.put("JIESU_CALLBACKS_RISK_INTERVAL", "1s");
        env.put("JIESU_CONSOLE_WALLBOARD_INTERVAL", "500ms");
        Path operator = Files.createTempFile("jiesu-meters-", ".yaml");
        operator.toFile().deleteOnExit();
        Files.writeString(operator, """
                channels:
                  app:
                    clients:
                      meters: {api-key: %s, secret: ""}
                  open311:
                    clients:
                      portal: {api-key: %s}
                """.formatted(APP_KEY, OPEN311_KEY));
        config = GatewayConfig.from(ConfigLoader.load(operator, env));
        gateway = Gateway.start(config, Clock.systemUTC()).await();
        http = TestClients.web(gateway.vertx());
        redis = RedisClients.connect(config.redis(), new SimpleMeterRegistry());
        // A supervisor account kept in Redis, as operators may keep them.
        String hash =
                new PasswordHasher(new SecureRandom()).hash("secret-8100".toCharArray(), PasswordHasher.MIN_ITERATIONS);
        redis.shared()
                .sync()
                .hset(
                        config.redis().keyPrefix() + "console:account:8100",
                        Map.of("name", "张主管", "role", "supervisor", "password-hash", hash));
        load();
    }

    @AfterAll
    static void stop() {
        if (redis != null) {
            redis.close();
        }
        if (gateway != null) {
            gateway.stop().join();
        }
    }

    /** Appeals through the app API and Open311, lookups and searches, a resolution and a booked callback. */
    private static void load() {
        String[] texts = {"望京西园三区路灯不亮", "小区门口燃气泄漏，味道很大", "楼道照明灯坏了一周", "停水两天了", "建议增加公交线路", "表扬社区工作人员"};
        for (int i = 0; i < 24; i++) {
            JsonObject body = new JsonObject()
                    .put("description", texts[i % texts.length] + " #" + i)
                    .put("userId", "u-meters-" + (i % 3));
            if (i % 2 == 0) {
                body.put("phone", "1380013" + String.format("%04d", i));
            }
            HttpResponse<Buffer> r = app(body);
            assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
            intakeIds.add(r.bodyAsJsonObject().getString("intakeId"));
        }
        for (int i = 0; i < 6; i++) {
            String form = "api_key=" + OPEN311_KEY + "&service_code=0302&address_string="
                    + URLEncoder.encode("北京市朝阳区望京街道" + i + "号", StandardCharsets.UTF_8) + "&description="
                    + URLEncoder.encode("路灯不亮 " + i, StandardCharsets.UTF_8);
            HttpResponse<Buffer> r = http.post(gateway.httpPort(), "127.0.0.1", "/open311/v2/requests.json")
                    .putHeader("content-type", "application/x-www-form-urlencoded; charset=utf-8")
                    .sendBuffer(Buffer.buffer(form))
                    .await();
            assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
        }
        HttpResponse<Buffer> missingSignature = http.post(gateway.httpPort(), "127.0.0.1", "/api/v1/appeals")
                .putHeader("content-type", "application/json")
                .sendBuffer(Buffer.buffer("{}"))
                .await();
        assertThat(missingSignature.statusCode()).isEqualTo(401);
        for (String id : intakeIds.subList(0, 5)) {
            assertThat(api(http.get(gateway.httpPort(), "127.0.0.1", "/api/v1/intakes/" + id))
                            .send()
                            .await()
                            .statusCode())
                    .isEqualTo(200);
        }
        for (String query : List.of(
                "phone=13800130000",
                "channelUserId=APP:u-meters-0",
                "q=%E8%B7%AF%E7%81%AF",
                "channelUserId=u-meters-1&channel=app&q=%E5%81%9C%E6%B0%B4")) {
            assertThat(api(http.get(gateway.httpPort(), "127.0.0.1", "/api/v1/intakes?" + query))
                            .send()
                            .await()
                            .statusCode())
                    .isEqualTo(200);
        }
        // An appeal without a phone number: resolved without a survey call, so 解决率 today is 1.0.
        String unphoned = intakeIds.get(1);
        HttpResponse<Buffer> resolved = api(http.post(
                        gateway.httpPort(), "127.0.0.1", "/api/v1/intakes/" + unphoned + "/resolution"))
                .sendJsonObject(new JsonObject().put("handledBy", "望京街道").put("resolved", true))
                .await();
        assertThat(resolved.statusCode()).as(resolved.bodyAsString()).isEqualTo(200);
        // A callback booked for tomorrow morning: pending (待回访) and not dialed during the test.
        String at = LocalDate.now(ZoneId.of("Asia/Shanghai"))
                .plusDays(1)
                .atTime(10, 0)
                .toString();
        HttpResponse<Buffer> booked = api(http.post(
                        gateway.httpPort(), "127.0.0.1", "/api/v1/intakes/" + intakeIds.get(0) + "/callbacks"))
                .sendJsonObject(new JsonObject().put("at", at).put("number", "13800130000"))
                .await();
        assertThat(booked.statusCode()).as(booked.bodyAsString()).isIn(200, 201);
        // A survey answer and a response deadline today, through the store the survey flow and the intake
        // consumer write to: 满意率 and 响应率 get a denominator today whatever the hour in Beijing (an appeal's own
        // deadline is 2 hours to 15 days away). The monitoring pack's rules and panels read all three rates.
        // An id the intake consumer never sees: an appeal's first deadline wins, and after 22:00 in Beijing the
        // consumer's (2 h on) falls tomorrow, so a real appeal's would leave today without a due one.
        RateStore rates =
                new RedisRateStore(redis, new CallbackKeys(config.redis().keyPrefix()), ZoneId.of("Asia/Shanghai"));
        RateScope scope = new RateScope("朝阳区", "望京街道");
        Instant now = Instant.now();
        String surveyed = "metrics-due-today";
        assertThat(rates.due(surveyed, scope, now).toCompletableFuture().join())
                .as("a deadline today, counted")
                .isTrue();
        rates.rated(surveyed, scope, Satisfaction.SATISFIED, now)
                .toCompletableFuture()
                .join();
    }

    private static HttpResponse<Buffer> app(JsonObject body) {
        byte[] bytes = body.encode().getBytes(StandardCharsets.UTF_8);
        String ts = Long.toString(System.currentTimeMillis() / 1000);
        String nonce = UUID.randomUUID().toString().replace("-", "");
        return http.post(gateway.httpPort(), "127.0.0.1", "/api/v1/appeals")
                .putHeader("content-type", "application/json; charset=utf-8")
                .putHeader("X-Api-Key", APP_KEY)
                .putHeader("X-Intake-Timestamp", ts)
                .putHeader("X-Intake-Nonce", nonce)
                .putHeader(
                        "X-Intake-Signature",
                        RequestSignature.sign(APP_SECRET, "POST", "/api/v1/appeals", ts, nonce, bytes))
                .sendBuffer(Buffer.buffer(bytes))
                .await();
    }

    private static HttpRequest<Buffer> api(HttpRequest<Buffer> request) {
        return request.putHeader("Authorization", "Bearer " + API_TOKEN);
    }

    private static String scrape() {
        HttpResponse<Buffer> r =
                http.get(gateway.httpPort(), "127.0.0.1", "/metrics").send().await();
        assertThat(r.statusCode()).isEqualTo(200);
        return r.bodyAsString();
    }

    /** Sample lines of our meters: {@code name{labels} value}, comments and library meters left out. */
    private static List<String> ourSamples(String exposition) {
        return exposition
                .lines()
                .filter(l -> !l.isBlank() && !l.startsWith("#"))
                .filter(l -> LIBRARY_PREFIXES.stream().noneMatch(l::startsWith))
                .toList();
    }

    private static String value(String sample) {
        return sample.substring(sample.lastIndexOf(' ') + 1);
    }

    @Test
    @DisplayName("after load and garbage collections, no meter of ours reads NaN on /metrics, and AMI reads up")
    void noNaNAfterGarbageCollection() {
        await().atMost(Duration.ofSeconds(30)).until(() -> "UP".equals(amiHealth()));
        // The control: a gauge on an object nothing else keeps, held weakly as Micrometer does unless told
        // otherwise. If the collection left it readable, a clean scrape below would prove nothing.
        Gauge control =
                Gauge.builder("test.control.weakly.held", new Object(), o -> 1).register(gateway.registry());
        Gc.clearWeakReferences();
        assertThat(control.value())
                .as("a weakly held gauge after the collection")
                .isNaN();
        gateway.registry().remove(control);
        String exposition = scrape();
        List<String> ours = ourSamples(exposition);

        assertThat(ours).as("our meters on /metrics").hasSizeGreaterThan(100);
        assertThat(ours)
                .filteredOn(l -> value(l).equalsIgnoreCase("NaN"))
                .as("samples reading NaN")
                .isEmpty();
        assertThat(ours)
                .as("meters of ours carry the jiesu_ prefix on /metrics")
                .allSatisfy(l -> assertThat(l).startsWith("jiesu_"));
        Set<String> names = new TreeSet<>();
        ours.forEach(l -> names.add(l.replaceFirst("[{ ].*", "")));
        assertThat(names)
                .contains(
                        "jiesu_ami_connection_up",
                        "jiesu_ami_event_queue_depth",
                        "jiesu_calls_active",
                        "jiesu_calls_in_ivr",
                        "jiesu_queue_waiting",
                        "jiesu_queue_longest_wait_seconds",
                        "jiesu_calls_append_pending",
                        "jiesu_agi_sessions_active",
                        "jiesu_redis_connection_up",
                        "jiesu_intake_inflight",
                        "jiesu_intake_stream_pending",
                        "jiesu_intake_stream_lag",
                        "jiesu_callbacks_dialing",
                        "jiesu_callbacks_agents_free",
                        "jiesu_callbacks_at_risk",
                        "jiesu_callbacks_pending",
                        "jiesu_trunk_in_use",
                        "jiesu_console_agents",
                        "jiesu_console_sockets",
                        "jiesu_intake_appended_tier_total",
                        "jiesu_rates_resolution");
        assertThat(ours)
                .filteredOn(l -> l.contains("quantile="))
                .as("per-process percentiles (Prometheus cannot add them up over instances)")
                .isEmpty();
        assertThat(exposition.lines().filter(l -> l.startsWith("# TYPE jiesu_") && l.endsWith(" summary")))
                .as("every latency of ours a histogram with buckets, none a bucketless summary")
                .isEmpty();
        assertThat(names)
                .as("latencies as histograms, the trunk cap beside its use, categories")
                .contains(
                        "jiesu_intake_append_latency_seconds_bucket",
                        "jiesu_console_pop_latency_seconds_bucket",
                        "jiesu_trunk_capacity",
                        "jiesu_intake_appended_category_total",
                        "jiesu_intake_append_failed_total");
        assertThat(ours)
                .filteredOn(l -> l.startsWith("jiesu_ami_connection_up"))
                .singleElement()
                .satisfies(l -> assertThat(value(l)).isEqualTo("1.0"));
        assertThat(amiHealth()).isEqualTo("UP");
    }

    @Test
    @DisplayName("every metric name of every alert rule and dashboard panel in ops/ is on a real gateway's /metrics")
    void monitoringPackReadsExportedNames() {
        List<MonitoringPack.Alert> alerts = MonitoringPack.alerts();
        List<MonitoringPack.PanelQuery> panels = MonitoringPack.panelQueries();
        assertThat(alerts).isNotEmpty();
        assertThat(panels).isNotEmpty();
        // The rate gauges appear at the next refresh after their first denominator.
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(sampleNames(scrape()))
                        .contains("jiesu_rates_response", "jiesu_rates_resolution", "jiesu_rates_satisfaction")
                        // and 三率 by district on the same loop interval (issue 16)
                        .contains(
                                "jiesu_rates_district_response",
                                "jiesu_rates_district_resolution",
                                "jiesu_rates_district_satisfaction"));
        Set<String> exported = sampleNames(scrape());
        // Series Prometheus makes itself for every target, not the gateway.
        Set<String> prometheusOwn = Set.of("up", "scrape_duration_seconds", "scrape_samples_scraped");
        List<String> missing = new ArrayList<>();
        for (MonitoringPack.Alert a : alerts) {
            PromQlNames.of(a.expr()).stream()
                    .filter(n -> !exported.contains(n) && !prometheusOwn.contains(n))
                    .forEach(n -> missing.add(a.file() + " alert " + a.name() + ": " + n));
        }
        for (MonitoringPack.PanelQuery q : panels) {
            PromQlNames.of(q.expr()).stream()
                    .filter(n -> !exported.contains(n))
                    .forEach(n -> missing.add(q.dashboard() + " panel '" + q.panel() + "': " + n));
        }
        assertThat(missing).as("metric names the gateway does not export").isEmpty();
    }

    /** Names of the samples in an exposition ({@code name{labels} value}), suffixes such as _bucket included. */
    private static Set<String> sampleNames(String exposition) {
        Set<String> names = new TreeSet<>();
        exposition
                .lines()
                .filter(l -> !l.isBlank() && !l.startsWith("#"))
                .forEach(l -> names.add(l.replaceFirst("[{ ].*", "")));
        return names;
    }

    @Test
    @DisplayName("every meter the wallboard reads is registered, and the wallboard shows 待回访, 三率 and tiers")
    void wallboardReadsRegisteredMeters() {
        WallboardMeters m = config.console().meters();
        for (String name : List.of(
                m.callsInIvr(),
                m.queueWaiting(),
                m.queueLongestWait(),
                m.callbacksDue(),
                m.callbacksAtRisk(),
                m.appeals(),
                m.appealsByTier(),
                m.triageReview())) {
            List<Meter> found = gateway.registry().find(name).meters().stream().toList();
            assertThat(found).as("meter " + name + " the wallboard reads").isNotEmpty();
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> gateway.registry()
                                .find(m.rates() + ".resolution")
                                .tag("period", "day")
                                .gauge()
                        != null);

        String cookie = login();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonObject board = http.get(gateway.httpPort(), "127.0.0.1", "/console/api/wallboard")
                    .putHeader("Cookie", cookie)
                    .send()
                    .await()
                    .bodyAsJsonObject();
            assertThat(board.getDouble("callbacksDue")).isGreaterThanOrEqualTo(1.0);
            assertThat(board.getValue("callsInIvr")).isNotNull();
            assertThat(board.getDouble("triageReview")).isGreaterThanOrEqualTo(0.0);
            assertThat(board.getJsonArray("queues")).isNotEmpty();
            assertThat(board.getJsonObject("rates").getDouble("resolution")).isEqualTo(1.0);
            JsonObject tiers = board.getJsonObject("appealsByTier");
            assertThat(tiers.getMap()).containsKeys("emergency", "immediate", "normal", "complex");
            assertThat(tiers.getMap().values().stream()
                            .mapToLong(v -> ((Number) v).longValue())
                            .sum())
                    .isGreaterThanOrEqualTo(30);
            assertThat(board.getJsonObject("appealsByChannel").getLong("app")).isGreaterThanOrEqualTo(24);
        });
    }

    private static String amiHealth() {
        JsonObject health = http.get(gateway.httpPort(), "127.0.0.1", "/health")
                .send()
                .await()
                .bodyAsJsonObject();
        JsonObject ami = health.getJsonObject("checks").getJsonObject("ami");
        return ami == null ? null : ami.getBoolean("up", false) ? "UP" : "DOWN";
    }

    private static String login() {
        HttpResponse<Buffer> r = http.post(gateway.httpPort(), "127.0.0.1", "/console/api/login")
                .sendJsonObject(new JsonObject().put("ext", "8100").put("password", "secret-8100"))
                .await();
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
        String setCookie = r.cookies().get(0);
        return setCookie.substring(0, setCookie.indexOf(';'));
    }
}
