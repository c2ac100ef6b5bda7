package cn.jiesu.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.jiesu.core.console.AgentAccounts;
import cn.jiesu.gateway.support.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SessionsTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T01:00:00Z"));
    private final InMemoryStores.Sessions store = new InMemoryStores.Sessions();
    private Vertx vertx;
    private Sessions sessions;

    @BeforeEach
    void setUp() {
        vertx = Vertx.vertx();
        ConsoleConfig config = ConsoleTestConfig.standard(Map.of());
        sessions = new Sessions(vertx.getOrCreateContext(), config, store,
                new AgentAccounts(config.agents(), ext -> java.util.concurrent.CompletableFuture.completedStage(
                        java.util.Optional.empty())),
                new ConsoleMetrics(new SimpleMeterRegistry(), () -> 0), clock, new SecureRandom());
    }

    @AfterEach
    void tearDown() {
        vertx.close().await();
    }

    @Test
    @DisplayName("a right password gives a random token whose hash, not the token, keys the stored session")
    void login() {
        Sessions.Login login = sessions.login("8001", "secret-8001").await();

        assertThat(login.token()).hasSizeGreaterThan(40);
        assertThat(login.session().ext()).isEqualTo("8001");
        assertThat(login.session().csrf()).isNotEqualTo(login.token());
        assertThat(store.sessions).containsOnlyKeys(Sessions.hash(login.token()));
        assertThat(login.toString()).doesNotContain(login.token());
        assertThat(sessions.resolve(login.token()).await()).contains(login.session());
        assertThat(sessions.resolve("forged").await()).isEmpty();
    }

    @Test
    @DisplayName("wrong passwords and unknown extensions are refused alike, and five failures lock the extension")
    void refusals() {
        assertThatThrownBy(() -> sessions.login("9999", "x").await())
                .isInstanceOfSatisfying(Sessions.LoginRefused.class, e -> assertThat(e.locked()).isFalse());
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> sessions.login("8002", "wrong").await()).isInstanceOf(Sessions.LoginRefused.class);
        }
        assertThatThrownBy(() -> sessions.login("8002", "secret-8002").await())
                .isInstanceOfSatisfying(Sessions.LoginRefused.class, e -> assertThat(e.locked()).isTrue());
    }

    @Test
    @DisplayName("a successful sign-in clears earlier failures")
    void successClearsFailures() {
        assertThatThrownBy(() -> sessions.login("8001", "wrong").await()).isInstanceOf(Sessions.LoginRefused.class);
        sessions.login("8001", "secret-8001").await();

        assertThat(store.failures).doesNotContainKey("8001");
    }

    @Test
    @DisplayName("a session ends after its absolute lifetime even if used all along, and on sign-out")
    void expiry() {
        Sessions.Login first = sessions.login("8001", "secret-8001").await();
        Sessions.Login second = sessions.login("8001", "secret-8001").await();

        clock.advance(Duration.ofHours(12).plusSeconds(1));
        assertThat(sessions.resolve(first.token()).await()).isEmpty();
        assertThat(store.sessions).doesNotContainKey(Sessions.hash(first.token()));

        sessions.logout(second.token()).await();
        assertThat(sessions.resolve(second.token()).await()).isEmpty();
    }
}
