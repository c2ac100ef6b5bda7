package cn.jiesu.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Stopping the console while sign-in checks run: each check finishes before its pool closes and Vert.x shuts down.
 * A check (PBKDF2, hundreds of ms) that outlived the event loops handed its result to a terminated loop, and its
 * worker thread died with a RejectedExecutionException and a stack trace on stderr.
 */
@Isolated("sets the JVM's default uncaught-exception handler")
class ConsoleShutdownIT {
    @Test
    @DisplayName("sign-in checks in flight at shutdown finish first: no worker thread dies")
    void checksInFlightAtShutdown() throws Exception {
        List<String> uncaught = Collections.synchronizedList(new ArrayList<>());
        Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> uncaught.add(t.getName() + ": " + e));
        ConsoleServer server = ConsoleServer.start(Map.of(
                "JIESU_CONSOLE_SIGN_IN_HASH_ITERATIONS", "600000", // as shipped: each check takes CPU time
                "JIESU_CONSOLE_SIGN_IN_WORKERS", "2"));
        Vertx client = Vertx.vertx();
        try {
            AgentClient agents = new AgentClient(client, server.port(), null, 12);
            for (int i = 0; i < 12; i++) {
                agents.loginAsync("79" + i, "guess"); // unknown extensions: a decoy check each, no backoff
            }
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> server.registry
                                    .counter("console.signin.verifications")
                                    .count()
                            >= 2);
            long t0 = System.nanoTime();
            server.close(); // with checks running on both workers and more queued
            Duration closing = Duration.ofNanos(System.nanoTime() - t0);
            // A check outliving the close would fail its thread within one PBKDF2 run: none may, for 2 s.
            await().during(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(3))
                    .untilAsserted(() -> assertThat(uncaught)
                            .as("threads that died with an exception (close took %s)", closing)
                            .isEmpty());
            assertThat(closing).as("the close waits for checks, not for ever").isLessThan(Duration.ofSeconds(30));
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(before);
            client.close().await();
        }
    }
}
