package cn.jiesu.gateway.console;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The console's meters: {@code console.pop.latency} (AMI event to frame written), {@code console.pops{result}},
 * {@code console.pops.acked}, {@code console.pops.replayed}, {@code console.sockets}, {@code console.logins{result}}
 * (ok, bad, locked: this address waits, held: the extension waits, busy: this instance's checks are used up),
 * {@code console.signin.verifications} (PBKDF2 password checks run),
 * {@code console.forms.saved{mode}}, {@code console.drafts.merged}. Tags are low-cardinality: never an extension,
 * a number or an id. Thread-safe.
 */
final class ConsoleMetrics {
    private final MeterRegistry registry;
    private final Timer popLatency;
    private final Counter delivered;
    private final Counter undelivered;
    private final Counter acked;
    private final Counter replayed;
    private final Counter draftsMerged;
    private final Counter verifications;

    ConsoleMetrics(MeterRegistry registry, Supplier<Number> sockets) {
        this.registry = registry;
        popLatency = Timer.builder("console.pop.latency")
                .description("From the AMI event to the pop frame written to the agent's socket")
                // Buckets (aggregatable over instances) around the pop's 1-second goal.
                .serviceLevelObjectives(
                        Duration.ofMillis(10),
                        Duration.ofMillis(25),
                        Duration.ofMillis(50),
                        Duration.ofMillis(100),
                        Duration.ofMillis(250),
                        Duration.ofMillis(500),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(5))
                .register(registry);
        delivered = pops("delivered");
        undelivered = pops("undelivered");
        acked = Counter.builder("console.pops.acked")
                .description("Pops the browser acknowledged")
                .register(registry);
        replayed = Counter.builder("console.pops.replayed")
                .description("Unacknowledged pops sent again on reconnect")
                .register(registry);
        draftsMerged = Counter.builder("console.drafts.merged")
                .description("Forms saved during a call, merged into the call's appeal once it was appended")
                .register(registry);
        verifications = Counter.builder("console.signin.verifications")
                .description("Password checks (PBKDF2) run, for known and unknown extensions alike")
                .register(registry);
        Gauge.builder("console.sockets", sockets)
                .description("Open console WebSockets on this instance")
                .register(registry);
    }

    private Counter pops(String result) {
        // Per instance: with several instances a pop created on one is delivered on whichever holds the socket.
        return Counter.builder("console.pops")
                .description("Pops written to an agent's socket on this instance "
                        + "(delivered), or created here while the agent had no socket here (undelivered)")
                .tag("result", result)
                .register(registry);
    }

    void popSent(Duration sinceEvent) {
        delivered.increment();
        popLatency.record(sinceEvent.isNegative() ? Duration.ZERO : sinceEvent);
    }

    void popUndelivered() {
        undelivered.increment();
    }

    void acked() {
        acked.increment();
    }

    void replayed(int n) {
        replayed.increment(n);
    }

    void login(String result) {
        registry.counter("console.logins", "result", result).increment();
    }

    /** One PBKDF2 check ran (called on the worker, as it starts). */
    void verification() {
        verifications.increment();
    }

    void formSaved(String mode) {
        registry.counter("console.forms.saved", "mode", mode).increment();
    }

    void draftMerged() {
        draftsMerged.increment();
    }
}
