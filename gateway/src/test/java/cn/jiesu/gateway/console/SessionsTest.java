package cn.jiesu.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.jiesu.core.console.AgentAccounts;
import cn.jiesu.core.console.PasswordHasher;
import cn.jiesu.testkit.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SessionsTest {
    private static final String DESK = "10.0.0.1";
    private static final String ATTACKER = "203.0.113.9";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T01:00:00Z"));
    private final InMemoryStores.Sessions store = new InMemoryStores.Sessions();
    private final InMemoryStores.Attempts attempts = new InMemoryStores.Attempts(clock);
    private final InMemoryStores.Upgrades upgrades = new InMemoryStores.Upgrades();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private Vertx vertx;
    private Sessions sessions;

    @BeforeEach
    void setUp() {
        vertx = Vertx.vertx();
        sessions = sessions(ConsoleTestConfig.standard(Map.of()));
    }

    private Sessions sessions(ConsoleConfig config) {
        ConsoleMetrics metrics = new ConsoleMetrics(registry, () -> 0);
        SignInConfig s = config.signIn();
        PasswordChecks checks = new PasswordChecks(
                vertx.createSharedWorkerExecutor("test-sign-in", s.workers()),
                new cn.jiesu.gateway.http.BlockingWork(Duration.ofSeconds(5)),
                metrics,
                new PasswordHasher(new SecureRandom()),
                s.hashIterations(),
                config.agents());
        return new Sessions(
                vertx.getOrCreateContext(),
                config,
                store,
                attempts,
                new AgentAccounts(config.agents(), new InMemoryStores.NoAccounts(), upgrades),
                checks,
                new CheckBudget(clock, s.checksPerSecond(), s.workers() + s.queue()),
                metrics,
                clock,
                new SecureRandom());
    }

    @AfterEach
    void tearDown() {
        vertx.close().await();
    }

    private static void refused(ThrowingCallable login, Sessions.Refusal reason, Duration retryAfter) {
        assertThatThrownBy(login).isInstanceOfSatisfying(Sessions.LoginRefused.class, e -> {
            assertThat(e.reason()).isEqualTo(reason);
            assertThat(e.retryAfter()).isEqualTo(retryAfter);
        });
    }

    private double verifications() {
        return registry.counter("console.signin.verifications").count();
    }

    @Test
    @DisplayName("a right password gives a random token whose hash, not the token, keys the stored session")
    void login() {
        Sessions.Login login = sessions.login("8001", "secret-8001", DESK).await();

        assertThat(login.token()).hasSizeGreaterThan(40);
        assertThat(login.session().ext()).isEqualTo("8001");
        assertThat(login.session().csrf()).isNotEqualTo(login.token());
        assertThat(store.sessions).containsOnlyKeys(Sessions.hash(login.token()));
        assertThat(login.toString()).doesNotContain(login.token());
        assertThat(sessions.resolve(login.token()).await()).contains(login.session());
        assertThat(sessions.resolve("forged").await()).isEmpty();
    }

    @Test
    @DisplayName("unknown extensions are checked (against the decoy) and refused like wrong passwords")
    void unknownExtension() {
        refused(() -> sessions.login("9999", "x", DESK).await(), Sessions.Refusal.BAD_CREDENTIALS, Duration.ZERO);
        assertThat(verifications()).isEqualTo(1);
    }

    @Test
    @DisplayName("five wrong passwords from one address make that address wait, not the agent at their own desk")
    void perAddress() {
        for (int i = 0; i < 5; i++) {
            refused(
                    () -> sessions.login("8002", "wrong", ATTACKER).await(),
                    Sessions.Refusal.BAD_CREDENTIALS,
                    Duration.ZERO);
        }
        refused(
                () -> sessions.login("8002", "secret-8002", ATTACKER).await(),
                Sessions.Refusal.LOCKED,
                Duration.ofSeconds(1));
        assertThat(verifications()).isEqualTo(5);

        assertThat(sessions.login("8002", "secret-8002", DESK).await().session().ext())
                .isEqualTo("8002");
    }

    @Test
    @DisplayName("after the free attempts each wait doubles (1 s, 2 s, 4 s ...) up to backoff-max")
    void backoff() {
        sessions = sessions(ConsoleTestConfig.standard(Map.of("JIESU_CONSOLE_SIGN_IN_BACKOFF_MAX", "5s")));
        for (int i = 0; i < 5; i++) {
            refused(
                    () -> sessions.login("8001", "wrong", ATTACKER).await(),
                    Sessions.Refusal.BAD_CREDENTIALS,
                    Duration.ZERO);
        }
        for (long wait : new long[] {1, 2, 4, 5, 5}) {
            refused(
                    () -> sessions.login("8001", "wrong", ATTACKER).await(),
                    Sessions.Refusal.LOCKED,
                    Duration.ofSeconds(wait));
            clock.advance(Duration.ofSeconds(wait).minusMillis(1));
            refused(
                    () -> sessions.login("8001", "wrong", ATTACKER).await(),
                    Sessions.Refusal.LOCKED,
                    Duration.ofMillis(1));
            clock.advance(Duration.ofMillis(1));
            refused(
                    () -> sessions.login("8001", "wrong", ATTACKER).await(),
                    Sessions.Refusal.BAD_CREDENTIALS,
                    Duration.ZERO);
        }
        assertThat(verifications()).isEqualTo(10);
    }

    @Test
    @DisplayName("the extension-wide cap holds every address back once a spread-out guess reaches it")
    void agentWide() {
        sessions = sessions(ConsoleTestConfig.standard(Map.of("JIESU_CONSOLE_SIGN_IN_AGENT_LIMIT", "8")));
        for (int i = 0; i < 8; i++) {
            String source = "198.51.100." + i;
            refused(
                    () -> sessions.login("8001", "wrong", source).await(),
                    Sessions.Refusal.BAD_CREDENTIALS,
                    Duration.ZERO);
        }
        refused(
                () -> sessions.login("8001", "secret-8001", DESK).await(),
                Sessions.Refusal.LOCKED,
                Duration.ofHours(1));
        clock.advance(Duration.ofHours(1));
        assertThat(sessions.login("8001", "secret-8001", DESK).await().session().ext())
                .isEqualTo("8001");
    }

    @Test
    @DisplayName("a successful sign-in clears its address's count")
    void successClearsFailures() {
        refused(() -> sessions.login("8001", "wrong", DESK).await(), Sessions.Refusal.BAD_CREDENTIALS, Duration.ZERO);
        sessions.login("8001", "secret-8001", DESK).await();

        assertThat(attempts.counting("8001", DESK)).isFalse();
    }

    @Test
    @DisplayName("past checks-per-second this instance answers busy, runs no check and counts nothing")
    void budget() {
        sessions = sessions(ConsoleTestConfig.standard(Map.of("JIESU_CONSOLE_SIGN_IN_CHECKS_PER_SECOND", "1")));
        sessions.login("8001", "secret-8001", DESK).await();

        refused(
                () -> sessions.login("8001", "secret-8001", DESK).await(),
                Sessions.Refusal.BUSY,
                Duration.ofSeconds(1));
        assertThat(verifications()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));
        sessions.login("8001", "secret-8001", DESK).await();
    }

    @Test
    @DisplayName("a weak configured hash is upgraded at sign-in and used while the configured hash is unchanged")
    void upgrade() {
        ConsoleConfig config = ConsoleTestConfig.standard(Map.of("JIESU_CONSOLE_SIGN_IN_HASH_ITERATIONS", "3000"));
        sessions = sessions(config);
        String configured = config.agents().get("8001").passwordHash();

        sessions.login("8001", "secret-8001", DESK).await();

        String upgraded = upgrades.byExt.get("8001")[1];
        assertThat(upgrades.byExt.get("8001")[0]).isEqualTo(configured);
        assertThat(PasswordHasher.iterationsOf(upgraded)).isEqualTo(3000);
        assertThat(PasswordHasher.verify("secret-8001".toCharArray(), upgraded)).isTrue();
        sessions.login("8001", "secret-8001", DESK).await();
        assertThat(upgrades.byExt.get("8001")[1]).as("not upgraded twice").isEqualTo(upgraded);
    }

    @Test
    @DisplayName("a session ends after its absolute lifetime even if used all along, and on sign-out")
    void expiry() {
        Sessions.Login first = sessions.login("8001", "secret-8001", DESK).await();
        Sessions.Login second = sessions.login("8001", "secret-8001", DESK).await();

        clock.advance(Duration.ofHours(12).plusSeconds(1));
        assertThat(sessions.resolve(first.token()).await()).isEmpty();
        assertThat(store.sessions).doesNotContainKey(Sessions.hash(first.token()));

        sessions.logout(second.token()).await();
        assertThat(sessions.resolve(second.token()).await()).isEmpty();
    }
}
