package cn.jiesu.gateway.callback;

import cn.jiesu.core.rates.RateCounts;
import cn.jiesu.core.rates.RatePeriod;
import cn.jiesu.redis.callback.RateStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 三率 as metrics: gauges {@code rates.response}, {@code rates.resolution}, {@code rates.satisfaction} tagged
 * {@code period=day|week|month} (overall, the period containing today), refreshed from Redis every
 * {@code interval} on a virtual thread. NaN while a denominator is zero.
 */
public final class RateGauges implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RateGauges.class);

    private final RateStore rates;
    private final ZoneId zone;
    private final Clock clock;
    private final Duration interval;
    private final Map<RatePeriod, AtomicReference<RateCounts>> last = new EnumMap<>(RatePeriod.class);
    private volatile boolean running;
    private Thread thread;

    public RateGauges(RateStore rates, ZoneId zone, Clock clock, Duration interval, MeterRegistry registry) {
        this.rates = rates;
        this.zone = zone;
        this.clock = clock;
        this.interval = interval;
        for (RatePeriod p : RatePeriod.values()) {
            AtomicReference<RateCounts> ref = new AtomicReference<>(RateCounts.ZERO);
            last.put(p, ref);
            String tag = p.name().toLowerCase(Locale.ROOT);
            Gauge.builder("rates.response", ref, r -> nan(r.get().responseRate())).tag("period", tag)
                    .description("响应率: appeals first answered within their deadline / appeals due")
                    .register(registry);
            Gauge.builder("rates.resolution", ref, r -> nan(r.get().resolutionRate())).tag("period", tag)
                    .description("解决率: resolved / handled").register(registry);
            Gauge.builder("rates.satisfaction", ref, r -> nan(r.get().satisfactionRate())).tag("period", tag)
                    .description("满意率: (satisfied + basically satisfied) / rated").register(registry);
        }
    }

    public synchronized void start() {
        if (!running) {
            running = true;
            thread = Thread.ofVirtual().name("rate-gauges").start(this::run);
        }
    }

    /** Reads the current periods' counts once. */
    public void refresh() throws Exception {
        LocalDate today = LocalDate.now(clock.withZone(zone));
        for (RatePeriod p : RatePeriod.values()) {
            last.get(p).set(rates.counts(p, today, null, null).toCompletableFuture().get(10, TimeUnit.SECONDS));
        }
    }

    private void run() {
        while (running) {
            try {
                refresh();
                Thread.sleep(interval);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                LOG.warn("rate gauges: {}", e.toString());
                try {
                    Thread.sleep(interval);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    private static double nan(Double d) {
        return d == null ? Double.NaN : d;
    }

    @Override
    public synchronized void close() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }
}
