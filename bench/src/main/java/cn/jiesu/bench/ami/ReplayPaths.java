package cn.jiesu.bench.ami;

import cn.jiesu.core.intake.IntakeIds;
import cn.jiesu.core.sla.SlaPolicy;
import cn.jiesu.ivr.ami.AmiConfig;
import cn.jiesu.ivr.ami.AmiConnector;
import cn.jiesu.ivr.ami.AmiFrameDecoder;
import cn.jiesu.ivr.ami.AmiState;
import cn.jiesu.ivr.ami.RawEventTranslator;
import cn.jiesu.ivr.call.CallEvent;
import cn.jiesu.ivr.call.CallEventSink;
import cn.jiesu.ivr.call.CallIntakeFactory;
import cn.jiesu.ivr.call.CallTracker;
import cn.jiesu.ivr.call.IntakeAppender;
import cn.jiesu.ivr.call.TrackerSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.asteriskjava.manager.event.ShutdownEvent;
import org.asteriskjava.manager.internal.ManagerConnectionImpl;

/** The three ways of reading the replayed stream that the benchmark compares. */
final class ReplayPaths {
    private static final TrackerSettings SETTINGS = TrackerSettings.DEFAULTS.withEndGrace(Duration.ofMillis(200));

    private ReplayPaths() {}

    /** (a) Production path: AmiConnector (Asterisk-Java, tap, hand-off, bounded queue) → CallTracker. */
    static ReplayRun asteriskJava(ReplayServer server, StreamSynthesizer.Stream stream) throws Exception {
        Tracking t = new Tracking();
        CountDownLatch done = new CountDownLatch(1);
        CallEventSink sink = new CallEventSink() {
            @Override
            public void apply(CallEvent e) {
                t.tracker.apply(e);
                if (e instanceof CallEvent.AsteriskShutdown) {
                    done.countDown();
                }
            }

            @Override
            public void tick() {
                t.tracker.tick();
            }
        };
        AmiConfig config = new AmiConfig(
                "127.0.0.1",
                server.port(),
                "bench",
                "bench",
                Duration.ofSeconds(2),
                Duration.ofSeconds(60),
                Duration.ofSeconds(20),
                Duration.ofMillis(100),
                Duration.ofSeconds(1),
                AmiConfig.DEFAULT_EVENT_QUEUE_CAPACITY,
                Duration.ofSeconds(10),
                Duration.ofHours(1));
        AmiConnector connector = new AmiConnector(config, sink, Clock.systemUTC(), t.registry);
        try {
            connector.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (connector.state() != AmiState.UP && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            Thread.sleep(200); // the start-up CoreShowChannels round trip
            long cpu0 = cpuNanos();
            long t0 = System.nanoTime();
            server.go();
            if (!done.await(10, TimeUnit.MINUTES)) {
                throw new IllegalStateException("replay did not finish");
            }
            long nanos = System.nanoTime() - t0;
            double cores = (cpuNanos() - cpu0) / (double) nanos;
            int appeals = t.settle(stream.inboundCalls(), false);
            long dropped = (long) t.registry.find("ami.events.dropped").counters().stream()
                    .mapToDouble(c -> c.count())
                    .sum();
            return new ReplayRun(
                    "asterisk-java + tracker",
                    stream.events(),
                    nanos,
                    cores,
                    dropped,
                    connector.gaps().size(),
                    appeals);
        } finally {
            connector.stop();
            t.close();
        }
    }

    /** Asterisk-Java alone: a plain ManagerConnection (no tap) with a listener that only waits for the end. */
    static ReplayRun asteriskJavaBare(ReplayServer server, StreamSynthesizer.Stream stream) throws Exception {
        ManagerConnectionImpl connection = new ManagerConnectionImpl();
        connection.setHostname("127.0.0.1");
        connection.setPort(server.port());
        connection.setUsername("bench");
        connection.setPassword("bench");
        connection.setSocketReadTimeout(60_000);
        CountDownLatch done = new CountDownLatch(1);
        long[] seen = {0};
        connection.addEventListener(e -> {
            seen[0]++;
            if (e instanceof ShutdownEvent) {
                done.countDown();
            }
        });
        connection.login();
        try {
            Thread.sleep(200);
            long cpu0 = cpuNanos();
            long t0 = System.nanoTime();
            server.go();
            if (!done.await(10, TimeUnit.MINUTES)) {
                throw new IllegalStateException("replay did not finish");
            }
            long nanos = System.nanoTime() - t0;
            return new ReplayRun(
                    "asterisk-java, no-op listener",
                    stream.events(),
                    nanos,
                    (cpuNanos() - cpu0) / (double) nanos,
                    -1,
                    0,
                    -1);
        } finally {
            connection.logoff();
        }
    }

    /** (b) Baseline: a plain socket read into the raw decoder, then the same translator and tracker. */
    static ReplayRun raw(ReplayServer server, StreamSynthesizer.Stream stream, boolean track) throws Exception {
        Tracking t = new Tracking();
        RawEventTranslator translator = new RawEventTranslator(Clock.systemUTC());
        boolean[] done = {false};
        long[] frames = {0};
        AmiFrameDecoder decoder = new AmiFrameDecoder(f -> {
            frames[0]++;
            if ("Shutdown".equals(f.event())) {
                done[0] = true;
            }
            if (track) {
                CallEvent e = translator.translate(f);
                if (e != null) {
                    t.tracker.apply(e);
                }
                if ((frames[0] & 1023) == 0) {
                    t.tracker.tick();
                }
            }
        });
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            s.getOutputStream()
                    .write(("Action: Login\r\nActionID: l\r\nUsername: bench\r\nSecret: bench\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            byte[] buf = new byte[64 * 1024];
            while (frames[0] < 1) { // the login response
                int n = in.read(buf);
                decoder.feed(buf, 0, n);
            }
            long cpu0 = cpuNanos();
            long t0 = System.nanoTime();
            server.go();
            while (!done[0]) {
                int n = in.read(buf);
                if (n < 0) {
                    throw new IOException("replay server closed early");
                }
                decoder.feed(buf, 0, n);
            }
            long nanos = System.nanoTime() - t0;
            double cores = (cpuNanos() - cpu0) / (double) nanos;
            t.tracker.tick();
            int appeals = track ? t.settle(stream.inboundCalls(), true) : -1;
            return new ReplayRun(
                    track ? "raw socket + tracker" : "raw socket, decode only",
                    stream.events(),
                    nanos,
                    cores,
                    -1,
                    0,
                    appeals);
        } finally {
            t.close();
        }
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Tracker, appender and a counting store, as the gateway wires them. */
    private static final class Tracking implements AutoCloseable {
        final SimpleMeterRegistry registry = new SimpleMeterRegistry();
        final CountingAppealStore store = new CountingAppealStore();
        final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        final IntakeAppender appender =
                new IntakeAppender(store, scheduler, Duration.ofMillis(10), Duration.ofSeconds(1), registry);
        final CallTracker tracker = new CallTracker(
                SETTINGS,
                new CallIntakeFactory(SETTINGS, SlaPolicy.BEIJING, new IntakeIds(Clock.systemUTC(), new Random(1))),
                appender::append,
                Clock.systemUTC(),
                registry);

        /**
         * Waits (bounded) for the end grace to close the last calls; returns the appeals stored. {@code tick}: this
         * thread owns the tracker (raw path); otherwise the connector's consumer thread ticks it.
         */
        int settle(int expected, boolean tick) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (store.appeals() < expected && System.nanoTime() < deadline) {
                Thread.sleep(50);
                if (tick) {
                    tracker.tick();
                }
            }
            return store.appeals();
        }

        @Override
        public void close() {
            scheduler.shutdownNow();
        }
    }
}
