package cn.jiesu.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.jiesu.gateway.Gateway;
import cn.jiesu.gateway.support.UsesAsteriskLab;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A wrap-up's deadline survives the gateway: agent 8005 is put in wrap-up (Asterisk's own {@code wrap-up} pause,
 * as the console makes after a call), the only gateway stops before the deadline, and nothing ends it while none
 * runs; a gateway started after the deadline finds it overdue in Redis, unpauses the member in Asterisk and records
 * the agent ready.
 */
@UsesAsteriskLab
class WrapUpRestartLabIT {
    private static final int LIMIT_S = 5;

    private static ConsoleLab lab;

    @BeforeAll
    static void start() throws Exception {
        lab = new ConsoleLab("  wrap-up:\n    limit: " + LIMIT_S + "s\n");
    }

    @AfterAll
    static void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    private static String recorded(String ext) {
        String v = lab.redis.shared().sync().hget(lab.prefix + "console:agent-state", ext);
        return v == null ? "" : v;
    }

    @Test
    @DisplayName("a gateway restarted after a wrap-up's deadline ends it: unpaused in Asterisk, ready in Redis")
    void overdueWrapUpEndsAfterRestart() throws Exception {
        Gateway first = lab.start(ConsoleLab.Phone.AMI_ONLY);
        AgentClient agent = ConsoleLab.agent(first, "8005").connect();
        await().atMost(Duration.ofSeconds(10)).until(() -> recorded("8005").startsWith("READY|"));

        assertThat(lab.pauseInLab("8005", true, "wrap-up")).isEqualTo("Success");
        await().atMost(Duration.ofSeconds(5))
                .until(() -> agent.frames.stream()
                        .anyMatch(f ->
                                "agent-state".equals(f.getString("type")) && "WRAP_UP".equals(f.getString("state"))));
        JsonObject frame = agent.frames.stream()
                .filter(f -> "WRAP_UP".equals(f.getString("state")))
                .findFirst()
                .orElseThrow();
        assertThat(frame.getLong("remainingS")).isBetween(1L, (long) LIMIT_S);
        // The deadline is in Redis with the state: WRAP_UP|since|until|wrap-up.
        String[] stored = recorded("8005").split("\\|");
        assertThat(stored[0]).isEqualTo("WRAP_UP");
        Instant until = Instant.parse(stored[2]);
        assertThat(until).isAfter(Instant.now());
        agent.close();
        lab.stop(first);

        // No gateway runs past the deadline: the member stays paused for wrap-up in Asterisk.
        // Held throughout, until a second past the deadline (Awaitility's during: true the whole time).
        Duration pastDeadline = Duration.ofMillis(
                        Math.max(0, Duration.between(Instant.now(), until).toMillis()))
                .plusSeconds(1);
        await().during(pastDeadline)
                .atMost(pastDeadline.plusSeconds(10))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> lab.memberLine("hotline-general", "8005").contains("paused:wrap-up"));
        assertThat(recorded("8005")).startsWith("WRAP_UP|");

        Gateway restarted = lab.start(ConsoleLab.Phone.AMI_ONLY);
        await().atMost(Duration.ofSeconds(15)).until(() -> recorded("8005").startsWith("READY|"));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> !lab.memberLine("hotline-general", "8005").contains("paused"));
        assertThat(lab.memberLine("hotline-priority", "8005"))
                .contains("Local/8005@agent-sim/n")
                .doesNotContain("paused");
        assertThat(restarted.httpPort()).isPositive();
    }
}
