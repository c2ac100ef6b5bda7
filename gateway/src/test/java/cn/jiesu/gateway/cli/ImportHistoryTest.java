package cn.jiesu.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiesu.gateway.history.ImportSummary;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The paths of {@link ImportHistory} that need no Redis: the interrupt handler and the words for Redis failures. */
class ImportHistoryTest {
    @Test
    @DisplayName("Ctrl-C prints what was counted so far, once, and how to finish, also after the run has printed")
    void interruptPrintsTheSummaryOnce() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        String interrupted = "jiesu: import-history: interrupted: run the same file again to finish\n";
        ImportSummary s = new ImportSummary();
        ImportHistory.interrupted(s, o, e, "63 days", "37 months");
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("read:             0")
                .contains("counted:");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo(interrupted);
        // The run's own end, later, prints nothing more.
        out.reset();
        assertThat(s.printOnce(o, "63 days", "37 months")).isFalse();
        assertThat(out.size()).isZero();

        // The run printed first (its input ended with the Ctrl-C'd producer): only the advice is added.
        ImportSummary printed = new ImportSummary();
        assertThat(printed.printOnce(o, "63 days", "37 months")).isTrue();
        out.reset();
        err.reset();
        ImportHistory.interrupted(printed, o, e, "63 days", "37 months");
        assertThat(out.size()).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo(interrupted);
    }

    @Test
    @DisplayName("a refused password is told from an unreachable Redis, without class names")
    void redisProblemsInWords() {
        RuntimeException auth = new IllegalStateException(
                "redis: cannot connect",
                new RuntimeException(
                        "Unable to connect to 127.0.0.1:6379",
                        new RuntimeException("WRONGPASS invalid username-password pair or user is disabled.")));
        assertThat(ImportHistory.redisProblem(auth))
                .isEqualTo("redis: authentication refused (check the user and password of redis.uri)");
        RuntimeException noAuth =
                new IllegalStateException("x", new RuntimeException("NOAUTH Authentication required."));
        assertThat(ImportHistory.redisProblem(noAuth)).contains("authentication refused");
        RuntimeException down = new IllegalStateException(
                "redis: cannot connect", new RuntimeException("Connection refused: /127.0.0.1:1"));
        assertThat(ImportHistory.redisProblem(down))
                .isEqualTo("redis: cannot connect: Connection refused: /127.0.0.1:1")
                .doesNotContain("Exception");
    }
}
