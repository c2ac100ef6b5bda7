package cn.jiesu.gateway.channels;

import cn.jiesu.core.appeal.AppealRecord;
import cn.jiesu.core.intake.Intake;
import cn.jiesu.core.intake.IntakeCodec;
import cn.jiesu.core.raw.RawPayload;
import cn.jiesu.gateway.Gateway;
import cn.jiesu.gateway.GatewayConfig;
import cn.jiesu.gateway.config.ConfigLoader;
import cn.jiesu.gateway.support.TestClients;
import cn.jiesu.gateway.support.TestServices;
import cn.jiesu.redis.RedisClients;
import cn.jiesu.redis.StreamKeys;
import cn.jiesu.redis.intake.RedisAppealStore;
import cn.jiesu.redis.raw.RawPayloadStore;
import cn.jiesu.redis.raw.StoredPayload;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.WebClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A whole gateway with every channel configured (test secrets), started in-process against the test Redis with a
 * key prefix of its own, plus a client, a direct view of its Redis, and the channel secrets the tests sign with.
 * Either started at once ({@link #start}, closed by the caller) or one per test class:
 * {@code @RegisterExtension static final ChannelGateway gw = ChannelGateway.perClass(Map.of());} starts it before
 * the class's {@code @BeforeAll} methods and closes it after its tests.
 */
final class ChannelGateway implements AutoCloseable, BeforeAllCallback, AfterAllCallback {
    static final String WEIBO_SECRET = "3c7f2b9e4d1a8f6e0b5c2d9a7e4f1b3c";
    static final String WEIBO_RECEIVER = "1902538057";
    static final String WECHAT_TOKEN = "hotline12345Token";
    static final String WECHAT_AES_KEY = "Hx7kQ2mN9pR4sT6vW8yZ1bC3dF5gJ0hK2lM4nP6qS8u";
    static final String WECHAT_APP_ID = "wx5f3c2a1b9d8e7f60";
    static final String WECHAT_ACCOUNT = "gh_3a5b7c9d1e2f";
    static final String APP_KEY = "k-app-test-0001";
    static final String APP_SECRET = "app-secret-0f9e8d7c-test";
    static final String OPEN311_KEY = "k-web-portal-01";
    static final String ADMIN_TOKEN = "admin-token-for-tests-0001";

    private final Map<String, String> overrides;
    private final Clock clock;
    // Set when the gateway starts: at once for start(), in beforeAll for perClass().
    Gateway gateway;
    GatewayConfig config;
    WebClient http;
    RedisClients redis;
    RedisAppealStore store;
    RawPayloadStore raws;

    private ChannelGateway(Map<String, String> overrides, Clock clock) {
        this.overrides = overrides;
        this.clock = clock;
    }

    private void open(Map<String, String> env, Path operatorFile) {
        config = GatewayConfig.from(ConfigLoader.load(operatorFile, env));
        gateway = Gateway.start(config, clock).await();
        http = WebClient.create(
                gateway.vertx(),
                TestClients.options().setFollowRedirects(false),
                new PoolOptions().setHttp1MaxSize(64));
        redis = RedisClients.connect(config.redis(), new SimpleMeterRegistry());
        store = new RedisAppealStore(
                redis,
                new StreamKeys(config.redis().keyPrefix()),
                config.redis(),
                new SimpleMeterRegistry(),
                Clock.systemUTC());
        raws = new RawPayloadStore(redis, config.redis().keyPrefix(), Duration.ofDays(1), Clock.systemUTC());
    }

    /** A gateway for {@code @RegisterExtension} on a static field: started before the class, closed after it. */
    static ChannelGateway perClass(Map<String, String> overrides) {
        return perClass(overrides, Clock.systemUTC());
    }

    /** The same, with the gateway's clock (channels' timestamp windows, receivedAt) given. */
    static ChannelGateway perClass(Map<String, String> overrides, Clock clock) {
        return new ChannelGateway(Map.copyOf(overrides), clock);
    }

    /**
     * A clock that runs from {@code start} on: for a gateway that must accept the spec's fixtures, signed in 2024,
     * inside the timestamp window that is always on.
     */
    static Clock runningFrom(Instant start) {
        return Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), start));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        open(env(overrides), operatorFile());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /** The environment every channel IT starts from; {@code overrides} win. */
    static Map<String, String> env(Map<String, String> overrides) {
        Map<String, String> env = new HashMap<>(TestServices.gatewayEnv());
        env.put("JIESU_CHANNELS_WEIBO_APP_SECRET", WEIBO_SECRET);
        env.put("JIESU_CHANNELS_WEIBO_RECEIVER_ID", WEIBO_RECEIVER);
        env.put("JIESU_CHANNELS_WECHAT_TOKEN", WECHAT_TOKEN);
        env.put("JIESU_CHANNELS_WECHAT_ENCODING_AES_KEY", WECHAT_AES_KEY);
        env.put("JIESU_CHANNELS_WECHAT_APP_ID", WECHAT_APP_ID);
        env.put("JIESU_CHANNELS_WECHAT_ACCOUNT_ID", WECHAT_ACCOUNT);
        env.put("JIESU_ADMIN_TOKEN", ADMIN_TOKEN);
        env.put("JIESU_CLASSIFICATION_RELOAD_ON_SIGHUP", "false");
        // Only the channels are under test: the phone line's FastAGI server and the agent console stay off.
        env.put("JIESU_AGI_ENABLED", "false");
        env.put("JIESU_CONSOLE_ENABLED", "false");
        // Generous defaults so that only the storm test meets the quotas.
        env.put("JIESU_CHANNELS_QUOTA_BURST", "100000");
        env.put("JIESU_CHANNELS_QUOTA_PER_SECOND", "100000");
        env.put("JIESU_CHANNELS_QUOTA_MAX_IN_FLIGHT", "1000");
        env.putAll(overrides);
        return env;
    }

    static ChannelGateway start() {
        return start(Map.of());
    }

    static ChannelGateway start(Map<String, String> overrides) {
        return start(env(overrides), operatorFile());
    }

    static ChannelGateway start(Map<String, String> env, Path operatorFile) {
        ChannelGateway gw = new ChannelGateway(Map.of(), Clock.systemUTC());
        gw.open(env, operatorFile);
        return gw;
    }

    /** The operator file of the tests (clients), copied out of the test classpath. */
    static Path operatorFile() {
        try (InputStream in = ChannelGateway.class.getResourceAsStream("channels.yaml")) {
            Path p = Files.createTempFile("jiesu-channels-", ".yaml");
            Files.write(p, in.readAllBytes());
            p.toFile().deleteOnExit();
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] fixture(String name) {
        try (InputStream in = ChannelGateway.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return gateway.httpPort();
    }

    /** Every intake on this gateway's stream, oldest first. */
    List<Intake> intakes() {
        List<StreamMessage<String, String>> entries = redis.shared()
                .sync()
                .xrange(new StreamKeys(config.redis().keyPrefix()).intakeStream(), Range.create("-", "+"));
        return entries.stream().map(m -> IntakeCodec.fromFields(m.getBody())).toList();
    }

    Optional<AppealRecord> appeal(String intakeId) {
        return store.byId(intakeId).toCompletableFuture().join();
    }

    Optional<RawPayload> raw(String ref) {
        return raws.get(ref).toCompletableFuture().join().map(StoredPayload::payload);
    }

    /** A counter of the gateway's registry, 0 when it was never incremented. */
    double counter(String name, String... tags) {
        Counter c = gateway.registry().find(name).tags(tags).counter();
        return c == null ? 0 : c.count();
    }

    /** A gauge of the gateway's registry, NaN when there is none. */
    double gauge(String name, String... tags) {
        io.micrometer.core.instrument.Gauge g =
                gateway.registry().find(name).tags(tags).gauge();
        return g == null ? Double.NaN : g.value();
    }

    @Override
    public void close() {
        if (gateway == null) {
            return; // never started (its start failed)
        }
        http.close();
        redis.close();
        gateway.stop().join();
    }
}
