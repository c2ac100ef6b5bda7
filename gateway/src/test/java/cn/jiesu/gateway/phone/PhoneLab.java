package cn.jiesu.gateway.phone;

import static org.awaitility.Awaitility.await;

import cn.jiesu.gateway.Gateway;
import cn.jiesu.gateway.GatewayConfig;
import cn.jiesu.gateway.config.ConfigLoader;
import cn.jiesu.gateway.http.AppealJson;
import cn.jiesu.gateway.support.TestClients;
import cn.jiesu.gateway.support.TestServices;
import cn.jiesu.redis.RedisClients;
import cn.jiesu.redis.RedisConfig;
import cn.jiesu.redis.StreamKeys;
import cn.jiesu.redis.intake.RedisAppealStore;
import cn.jiesu.testkit.TestEnv;
import io.lettuce.core.Range;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A gateway running the phone line on this run's Asterisk lab (AMI tracker, and the FastAGI IVR on the lab's AGI
 * port: one such gateway at a time), with a Redis key prefix of its own; its appeals are read back from Redis.
 */
final class PhoneLab implements AutoCloseable {
    private static final Pattern APPENDED =
            Pattern.compile("(?m)^jiesu_calls_appended_total\\{result=\"appended\"[^}]*} ([0-9.E]+)$");

    final Gateway gateway;
    private final WebClient http;
    private final RedisClients redis;
    private final RedisAppealStore appeals;
    private final StreamKeys keys;

    private PhoneLab(Gateway gateway, String prefix) {
        this.gateway = gateway;
        this.keys = new StreamKeys(prefix);
        // Idle pooled connections go before the server's 30 s idle timeout could close one being reused.
        this.http = TestClients.web(gateway.vertx());
        RedisConfig config = RedisConfig.defaults(TestEnv.redisUri()).withKeyPrefix(prefix);
        this.redis = RedisClients.connect(config, new SimpleMeterRegistry());
        this.appeals = new RedisAppealStore(
                redis, new StreamKeys(prefix), config, new SimpleMeterRegistry(), Clock.systemUTC());
    }

    /** The test defaults with {@code env} over them; the callback dialer is off unless {@code env} turns it on. */
    static PhoneLab start(Map<String, String> env, Clock clock) {
        Map<String, String> all = new HashMap<>(TestServices.phoneGatewayEnv());
        all.put("JIESU_CALLBACKS_ENABLED", "false");
        all.putAll(env);
        Gateway gateway = Gateway.start(GatewayConfig.from(ConfigLoader.load(null, all)), clock)
                .await();
        PhoneLab lab = new PhoneLab(gateway, all.get("JIESU_REDIS_KEY_PREFIX"));
        await().atMost(Duration.ofSeconds(15)).until(lab::amiUp);
        return lab;
    }

    static PhoneLab start() {
        return start(Map.of(), Clock.systemUTC());
    }

    boolean amiUp() {
        return health().getJsonObject("checks").getJsonObject("ami").getBoolean("up");
    }

    JsonObject health() {
        return getJson("/health");
    }

    /**
     * The appeals whose caller (or stated) number is {@code phone}, newest first, as the API renders them: read
     * from Redis directly, so that a test of the phone line does not also depend on the case API.
     */
    JsonArray appealsOf(String phone) {
        JsonArray out = new JsonArray();
        appeals.byPhone(phone, 20).toCompletableFuture().join().forEach(r -> out.add(AppealJson.of(r)));
        return out;
    }

    /** The intake stream's entries as a consumer reads them (XRANGE), oldest first. */
    List<Map<String, String>> streamEntries() {
        return redis.shared().sync().xrange(keys.intakeStream(), Range.create("-", "+")).stream()
                .map(m -> m.getBody())
                .toList();
    }

    /** GET as the case system would: with the test gateway's case-API token. */
    JsonObject getJson(String path) {
        return http.get(gateway.httpPort(), "127.0.0.1", path)
                .putHeader("Authorization", "Bearer " + TestServices.API_TOKEN)
                .send()
                .await()
                .bodyAsJsonObject();
    }

    String metrics() {
        return http.get(gateway.httpPort(), "127.0.0.1", "/metrics")
                .send()
                .await()
                .bodyAsString();
    }

    /** Phone appeals this gateway has appended to Redis (duplicates of one call not counted). */
    long appended() {
        Matcher m = APPENDED.matcher(metrics());
        return m.find() ? (long) Double.parseDouble(m.group(1)) : 0;
    }

    @Override
    public void close() {
        http.close();
        gateway.stop().join();
        redis.close();
    }
}
