package cn.jiesu.bench.callback;

import cn.jiesu.core.callback.AttemptProbe;
import cn.jiesu.core.callback.CallbackAttempt;
import cn.jiesu.core.callback.CallbackOutcome;
import cn.jiesu.core.callback.CallbackPlanner;
import cn.jiesu.core.callback.Dialer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A simulated PBX shared by every scheduler instance of the benchmark: each dial ends after a duration drawn for its
 * outcome (answered calls lognormal around the mean talk time), in compressed time, with an outcome from the
 * configured mix. It counts what the benchmark reports: dials per ChannelId and callback (duplicates), concurrent
 * calls (trunk cap), dials after an ANSWERED one, and each callback's first placement against its placeBy.
 */
final class SimulatedCalls implements Dialer, AttemptProbe {
    private final Clock clock;
    private final CallbackPlanner planner;
    private final double rate;
    private final Map<CallbackOutcome, Double> mix;
    private final Duration talkMean;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sim-pbx");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Boolean> channels = new ConcurrentHashMap<>(400_000);
    private final Map<String, CallbackOutcome> ended = new ConcurrentHashMap<>(400_000);
    private final Map<String, AtomicInteger> perCallback = new ConcurrentHashMap<>(200_000);
    private final Map<String, Boolean> answered = new ConcurrentHashMap<>(200_000);
    private final Map<String, Instant> firstPlaced = new ConcurrentHashMap<>(200_000);
    final LongAdder dials = new LongAdder();
    final LongAdder duplicateChannels = new LongAdder();
    final LongAdder dialsAfterAnswer = new LongAdder();
    final LongAdder firstAfterPlaceBy = new LongAdder();
    final Map<CallbackOutcome, LongAdder> outcomes = new EnumMap<>(CallbackOutcome.class);
    private final AtomicInteger concurrent = new AtomicInteger();
    final AtomicInteger maxConcurrent = new AtomicInteger();
    final AtomicLong lastEnd = new AtomicLong();
    private final LatencyLog lateness = new LatencyLog(1_000_000);
    private final Instant midnight;
    /** Per simulated hour of placement: attempts more than 1 s (simulated) late, and the worst lateness. */
    final LongAdder[] lateByHour = new LongAdder[48];

    final AtomicLong[] maxLateByHour = new AtomicLong[48];

    SimulatedCalls(
            Clock clock,
            CallbackPlanner planner,
            double rate,
            Map<CallbackOutcome, Double> mix,
            Duration talkMean,
            Instant midnight) {
        this.midnight = midnight;
        for (int i = 0; i < 48; i++) {
            lateByHour[i] = new LongAdder();
            maxLateByHour[i] = new AtomicLong();
        }
        this.clock = clock;
        this.planner = planner;
        this.rate = rate;
        this.mix = mix;
        this.talkMean = talkMean;
        for (CallbackOutcome o : CallbackOutcome.values()) {
            outcomes.put(o, new LongAdder());
        }
    }

    @Override
    public CompletionStage<CallbackOutcome> dial(CallbackAttempt a) {
        Instant now = clock.instant();
        dials.increment();
        if (channels.putIfAbsent(a.channelId(), Boolean.TRUE) != null) {
            duplicateChannels.increment();
        }
        perCallback.computeIfAbsent(a.callbackId(), k -> new AtomicInteger()).incrementAndGet();
        if (answered.containsKey(a.callbackId())) {
            dialsAfterAnswer.increment();
        }
        if (firstPlaced.putIfAbsent(a.callbackId(), now) == null && now.isAfter(a.placeBy())) {
            firstAfterPlaceBy.increment();
        }
        long late = planner.lateness(a, now).toNanos();
        lateness.add(late);
        int hour = (int) Math.min(
                47, Math.max(0, java.time.Duration.between(midnight, now).toHours()));
        if (late > 1_000_000_000L) {
            lateByHour[hour].increment();
        }
        maxLateByHour[hour].accumulateAndGet(late, Math::max);
        maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
        SplittableRandom random = new SplittableRandom(a.channelId().hashCode() * 31L + a.attempt());
        CallbackOutcome outcome = pick(random.nextDouble());
        Duration held = duration(outcome, random);
        CompletableFuture<CallbackOutcome> done = new CompletableFuture<>();
        timer.schedule(
                () -> {
                    concurrent.decrementAndGet();
                    ended.put(a.channelId(), outcome);
                    outcomes.get(outcome).increment();
                    if (outcome.reached()) {
                        answered.put(a.callbackId(), Boolean.TRUE);
                    }
                    lastEnd.set(System.nanoTime());
                    done.complete(outcome);
                },
                (long) (held.toNanos() / rate),
                TimeUnit.NANOSECONDS);
        return done;
    }

    @Override
    public CompletionStage<ProbeResult> probe(CallbackAttempt attempt) {
        String channelId = attempt.channelId();
        CallbackOutcome o = ended.get(channelId);
        if (o != null) {
            return CompletableFuture.completedFuture(new ProbeResult.Ended(o));
        }
        return CompletableFuture.completedFuture(
                channels.containsKey(channelId) ? new ProbeResult.InProgress() : new ProbeResult.NeverStarted());
    }

    /** The hours with attempts over 1 s late: "16h: 812 late, worst 41.2 s" ... */
    String lateHours(double rate) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 48; i++) {
            if (lateByHour[i].sum() > 0) {
                b.append(String.format(
                        java.util.Locale.ROOT,
                        " %02dh: %d late (worst %.1f s sim / %.0f ms wall);",
                        i,
                        lateByHour[i].sum(),
                        maxLateByHour[i].get() / 1e9,
                        maxLateByHour[i].get() / rate / 1e6));
            }
        }
        return b.length() == 0 ? " none" : b.toString();
    }

    LatencyLog lateness() {
        return lateness;
    }

    int callbacksDialed() {
        return perCallback.size();
    }

    int concurrent() {
        return concurrent.get();
    }

    void close() {
        timer.shutdownNow();
    }

    private CallbackOutcome pick(double u) {
        double acc = 0;
        for (Map.Entry<CallbackOutcome, Double> e : mix.entrySet()) {
            acc += e.getValue();
            if (u < acc) {
                return e.getKey();
            }
        }
        return CallbackOutcome.ANSWERED;
    }

    /** How long the attempt holds a trunk: talk time for answered calls, ringing or a signal otherwise. */
    private Duration duration(CallbackOutcome o, SplittableRandom random) {
        return switch (o) {
            case ANSWERED -> {
                double sigma = 0.6;
                double mu = Math.log(talkMean.toMillis()) - sigma * sigma / 2;
                yield Duration.ofMillis((long) Math.exp(mu + sigma * random.nextGaussian()));
            }
            case NO_ANSWER -> Duration.ofSeconds(30);
            case MACHINE -> Duration.ofSeconds(25);
            case BUSY -> Duration.ofSeconds(4);
            case CONGESTION, FAILED -> Duration.ofSeconds(2);
        };
    }
}
