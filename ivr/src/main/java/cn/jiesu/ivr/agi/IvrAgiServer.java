package cn.jiesu.ivr.agi;

import cn.jiesu.ivr.flow.FlowInterpreter;
import cn.jiesu.ivr.flow.FlowServices;
import cn.jiesu.ivr.flow.IvrDefinition;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.asteriskjava.fastagi.AgiScript;
import org.asteriskjava.fastagi.MappingStrategy;
import org.asteriskjava.fastagi.SimpleMappingStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's FastAGI server: Asterisk's {@code AGI(agi://host:port/NAME)} runs the ivr.yaml flow NAME. Scripts
 * are registered explicitly by name, one per flow ({@link #REQUIRED_SCRIPTS} must be among them); sessions run on
 * virtual threads by default.
 *
 * <p>{@link #start()} and {@link #stop()} may be called from any thread; the accept loop runs on its own platform
 * thread and each session on its own thread. Sessions never touch Vert.x objects.
 */
public final class IvrAgiServer implements AutoCloseable {
    /** The script names the dialplan calls (extensions.conf: 12345, callback, survey). */
    public static final List<String> REQUIRED_SCRIPTS = List.of("ivr", "callback", "survey");

    private static final Logger log = LoggerFactory.getLogger(IvrAgiServer.class);
    private static final long START_TIMEOUT_SECONDS = 10;

    private final AgiConfig config;
    private final AgiMetrics metrics;
    private final PooledAgiServer server;
    private Thread acceptLoop;
    private boolean stopped;

    /**
     * @throws IllegalArgumentException when ivr.yaml lacks a flow the dialplan calls
     */
    public IvrAgiServer(AgiConfig config, IvrDefinition ivr, FlowServices services, MeterRegistry registry) {
        this.config = Objects.requireNonNull(config, "config");
        this.metrics = new AgiMetrics(Objects.requireNonNull(registry, "registry"));
        for (String script : REQUIRED_SCRIPTS) {
            if (!ivr.flows().containsKey(script)) {
                throw new IllegalArgumentException(
                        "ivr.flows." + script + ": missing (the dialplan calls agi://.../" + script + ")");
            }
        }
        FlowInterpreter interpreter = new FlowInterpreter(
                ivr,
                services.appeals(),
                services.waits(),
                new CountingObserver(metrics, services.observer()),
                services.lookups());
        Map<String, AgiScript> scripts = new LinkedHashMap<>();
        ivr.flows().keySet().forEach(name -> scripts.put(name, new FlowScript(name, interpreter, metrics)));
        SimpleMappingStrategy byName = new SimpleMappingStrategy();
        byName.setMappings(scripts);
        MappingStrategy counted = (request, channel) -> {
            AgiScript script = byName.determineScript(request, channel);
            if (script == null) {
                metrics.error("unknown-script");
            }
            return script;
        };
        try {
            this.server = new PooledAgiServer(config, counted, metrics);
        } catch (IOException e) {
            throw new UncheckedIOException("agi.bind-address: cannot resolve '" + config.bindAddress() + "'", e);
        }
    }

    /**
     * Binds and starts accepting; returns once the port is open.
     *
     * @throws UncheckedIOException when the port cannot be bound
     */
    public synchronized void start() {
        if (acceptLoop != null || stopped) {
            throw new IllegalStateException(stopped ? "stopped: a server starts once" : "already started");
        }
        if (config.threads() == AgiConfig.Threads.VIRTUAL && Runtime.version().feature() < 24) {
            // Asterisk-Java's AgiChannelImpl.sendCommand is synchronized: before JDK 24 (JEP 491) a virtual thread
            // blocked in it pins its carrier, so sessions would be served two at a time on two cores.
            log.warn(
                    "agi.threads=virtual on JDK {}: sessions pin carrier threads before JDK 24; use a newer JDK"
                            + " or agi.threads=platform",
                    Runtime.version().feature());
        }
        acceptLoop = Thread.ofPlatform().daemon().name("agi-accept").start(() -> {
            try {
                server.startup();
            } catch (IOException | RuntimeException e) {
                log.debug("FastAGI accept loop ended", e);
            }
        });
        try {
            server.listening().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            stopped = true;
            throw new UncheckedIOException(
                    "agi.port: cannot listen on " + config.bindAddress() + ":" + config.port(),
                    e.getCause() instanceof IOException io ? io : new IOException(e.getCause()));
        } catch (TimeoutException e) {
            throw new IllegalStateException("FastAGI server did not bind within " + START_TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the FastAGI server", e);
        }
        log.info(
                "FastAGI listening on {}:{} ({} threads, at most {} sessions)",
                config.bindAddress(),
                config.port(),
                config.threads().name().toLowerCase(Locale.ROOT),
                config.maxSessions());
    }

    /**
     * Stops accepting, lets running sessions finish for {@code agi.shutdown-grace}, then interrupts them
     * (their sockets close; Asterisk continues in the dialplan). Idempotent.
     */
    public synchronized void stop() {
        if (acceptLoop == null || stopped) {
            return;
        }
        stopped = true;
        server.shutdown();
        try {
            acceptLoop.join(config.shutdownGrace().toMillis());
            if (!server.awaitSessions(config.shutdownGrace().toMillis())) {
                log.warn("{} FastAGI sessions still running after shutdown", metrics.active());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("FastAGI server on port {} stopped", config.port());
    }

    /** Sessions running now. */
    public int activeSessions() {
        return metrics.active();
    }

    @Override
    public void close() {
        stop();
    }
}
