package cn.jiesu.callbacks;

import cn.jiesu.core.callback.BreachForecast;
import cn.jiesu.core.callback.CallbackConfig;
import cn.jiesu.core.callback.CallbackLeases;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Pre-breach detection on the shared schedule: every {@code callbacks.risk-interval} one instance (a Redis lock
 * decides which) replays the pending backlog through {@link BreachForecast} and replaces the at-risk set that
 * {@code GET /api/v1/callbacks?atRisk=true} lists. Every instance refreshes the gauges {@code callbacks.at.risk},
 * {@code callbacks.pending} (待回访: open callbacks of all instances) and {@code trunk.in.use} from Redis, also an
 * instance that does not forecast. {@link #runOnce} blocks on Redis: the composition root runs it every
 * {@code callbacks.risk-interval} on a loop of its own thread, so a large forecast never delays claims.
 */
public final class BreachWatch {
    /** The forecast looks at most at this many pending callbacks, earliest placeBy first. */
    static final int SCAN_LIMIT = 200_000;

    private final String instance;
    private final CallbackConfig config;
    private final CallbackLeases leases;
    private final Clock clock;
    private final boolean forecasting;
    private final AtomicLong atRisk = new AtomicLong();
    private final AtomicLong trunks = new AtomicLong();
    private final AtomicLong pending = new AtomicLong();

    /** @param forecast false: only refresh the gauges (an instance that does not schedule callbacks) */
    public BreachWatch(
            String instance,
            CallbackConfig config,
            CallbackLeases leases,
            MeterRegistry registry,
            Clock clock,
            boolean forecast) {
        this.instance = instance;
        this.config = config;
        this.leases = leases;
        this.clock = clock;
        this.forecasting = forecast;
        // Strong references, as every gauge of ours: Micrometer holds a gauge's object weakly.
        Gauge.builder("callbacks.at.risk", atRisk, AtomicLong::get)
                .strongReference(true)
                .description("Open callbacks the forecast cannot place by their deadline")
                .register(registry);
        Gauge.builder("callbacks.pending", pending, AtomicLong::get)
                .strongReference(true)
                .description("Open callbacks in the shared schedule (waiting, due or dialing), all instances")
                .register(registry);
        Gauge.builder("trunk.in.use", trunks, AtomicLong::get)
                .strongReference(true)
                .description("Trunk slots held by callback attempts, all instances")
                .register(registry);
        // The cap beside the use, so an alert or a panel divides one by the other without knowing the config.
        Gauge.builder("trunk.capacity", config, CallbackConfig::trunkCap)
                .strongReference(true)
                .description("Trunk slots callbacks may hold at once, all instances (callbacks.trunk-cap)")
                .register(registry);
    }

    /** One round: forecasts (when forecasting and this instance wins the interval's lock), then reads the gauges. */
    public void runOnce() throws Exception {
        if (forecasting) {
            forecastOnce();
        }
        refreshGauges();
    }

    /** Runs one forecast now if this instance gets the interval's lock; returns how many are at risk, or -1. */
    public long forecastOnce() throws Exception {
        if (!leases.tryForecastLock(instance, config.riskInterval())
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS)) {
            return -1;
        }
        Instant now = clock.instant();
        long busy = leases.trunksInUse().toCompletableFuture().get(10, TimeUnit.SECONDS);
        List<BreachForecast.Item> backlog = leases.backlog(now.plus(config.riskHorizon()), SCAN_LIMIT)
                .toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        List<BreachForecast.Risk> risks = new BreachForecast(
                        config.window(), config.trunkCap(), config.typicalCallDuration())
                .atRisk(backlog, now, (int) Math.min(busy, config.trunkCap()));
        leases.replaceAtRisk(risks, instance).toCompletableFuture().get(30, TimeUnit.SECONDS);
        return risks.size();
    }

    /** Reads the shared gauges' values from Redis. */
    public void refreshGauges() throws Exception {
        atRisk.set(leases.atRiskCount().toCompletableFuture().get(10, TimeUnit.SECONDS));
        pending.set(leases.openCount().toCompletableFuture().get(10, TimeUnit.SECONDS));
        trunks.set(leases.trunksInUse().toCompletableFuture().get(10, TimeUnit.SECONDS));
    }
}
