package cn.jiesu.bench.hotspot;

import cn.jiesu.core.hotspot.HotspotAppeal;
import cn.jiesu.core.hotspot.HotspotDetector;
import cn.jiesu.core.hotspot.HotspotEvent;
import cn.jiesu.core.hotspot.HotspotEvent.HotspotClosed;
import cn.jiesu.core.hotspot.HotspotEvent.HotspotGrew;
import cn.jiesu.core.hotspot.HotspotEvent.HotspotOpened;
import cn.jiesu.core.hotspot.HotspotPolicy;
import cn.jiesu.core.hotspot.HotspotStore;
import cn.jiesu.core.hotspot.InMemoryHotspotStore;
import cn.jiesu.core.hotspot.Resolution;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The hotspot simulator (issue 16): a synthetic city's background of appeals over a warm-up (history for the
 * baseline) and a measured month on a fake clock, with or without injected incidents, through the in-memory
 * detector. Prints each incident's detection delay, the false hotspots per simulated day and the detector's cost
 * per appeal. Arguments: seed, measured days, warm-up days, incidents (true/false), then optionally the policy's
 * alpha, minStreet, minDistrict, minRatio, size. With {@code -Djiesu.hotspots.redis=redis://host:port} the detector
 * runs on the gateway's write-behind Redis store instead, each appeal tagged as the consumer does and the store
 * flushed every {@code jiesu.hotspots.batch} appeals (default 100, the consumer's batch), so the cost per appeal
 * includes the flushes and reads; it also prints the JVM's CPU per appeal and, with
 * {@code -Djiesu.hotspots.redis-pid}, the Redis server's (from {@code /proc/<pid>/stat}) over the measured days.
 */
public final class HotspotSim {
    private static final Instant START = Instant.parse("2026-11-02T00:00:00Z"); // a Monday

    public static void main(String[] args) {
        long seed = Long.parseLong(args[0]);
        int days = Integer.parseInt(args[1]);
        int warmup = Integer.parseInt(args[2]);
        boolean incidents = Boolean.parseBoolean(args[3]);
        HotspotPolicy d = HotspotPolicy.defaults();
        HotspotPolicy policy = new HotspotPolicy(
                arg(args, 4, d.alpha()),
                d.closeAlpha(),
                (int) arg(args, 5, d.minStreet()),
                (int) arg(args, 6, d.minDistrict()),
                arg(args, 7, d.minRatio()),
                arg(args, 8, d.size()),
                d.weeks(),
                d.decay(),
                d.priorWeeks(),
                d.floorPerHour());
        new HotspotSim().run(seed, days, warmup, incidents, policy);
    }

    private static double arg(String[] args, int i, double fallback) {
        return args.length > i ? Double.parseDouble(args[i]) : fallback;
    }

    private void run(long seed, int days, int warmup, boolean withIncidents, HotspotPolicy policy) {
        SimCity city = new SimCity(seed);
        SimClock clock = new SimClock(START);
        HotspotStore store = store(clock);
        HotspotDetector detector = new HotspotDetector(store, policy, clock);
        Instant measured = START.plus(Duration.ofDays(warmup));
        List<Incident> incidents = withIncidents ? incidents(city, measured, days, seed) : List.of();
        Map<Long, List<HotspotAppeal>> injected = new HashMap<>();
        for (Incident i : incidents) {
            for (HotspotAppeal a : i.appeals()) {
                injected.computeIfAbsent(Resolution.HOUR.slot(a.acknowledged()), h -> new ArrayList<>())
                        .add(a);
            }
        }
        Tally tally = new Tally(incidents);
        int batchSize = Integer.getInteger("jiesu.hotspots.batch", 100);
        CpuMeter cpu = new CpuMeter(Long.getLong("jiesu.hotspots.redis-pid", 0L));
        long nanos = 0;
        long appeals = 0;
        long inBatch = 0;
        Instant nextTick = START;
        Instant end = measured.plus(Duration.ofDays(days));
        for (Instant hour = START; hour.isBefore(end); hour = hour.plus(Duration.ofHours(1))) {
            List<HotspotAppeal> batch = city.hour(hour);
            List<HotspotAppeal> extra = injected.get(Resolution.HOUR.slot(hour));
            if (extra != null) {
                batch.addAll(extra);
                batch.sort(Comparator.comparing(HotspotAppeal::acknowledged));
            }
            boolean counted = !hour.isBefore(measured);
            for (int i = 0; i < batch.size(); i++) {
                HotspotAppeal a = batch.get(i);
                clock.now = a.acknowledged();
                if (counted && appeals == 0) {
                    cpu.start();
                }
                long t0 = System.nanoTime();
                if (inBatch == 0) {
                    // As the gateway's consumer does at a batch's end: one fetch for what the batch will read.
                    detector.prefetch(batch.subList(i, Math.min(batch.size(), i + batchSize)));
                }
                store.observing(a, true);
                List<HotspotEvent> events = new ArrayList<>(detector.observe(a));
                if (++inBatch == batchSize) {
                    store.flush();
                    inBatch = 0;
                }
                if (!a.acknowledged().isBefore(nextTick)) {
                    events.addAll(detector.tick());
                    nextTick = nextTick.plus(Duration.ofMinutes(5));
                }
                nanos += System.nanoTime() - t0;
                tally.seen(a);
                if (counted) {
                    appeals++;
                    for (HotspotEvent e : events) {
                        switch (e) {
                            case HotspotOpened o -> tally.opened(o.hotspot(), a.acknowledged());
                            case HotspotClosed c -> tally.closed(c.hotspot(), c.closedAt());
                            case HotspotGrew g -> {}
                        }
                    }
                } else {
                    nanos = 0;
                }
            }
            long t0 = System.nanoTime();
            store.flush(); // batches end with the hour, so each one's prefetch covers it
            inBatch = 0;
            if (counted) {
                nanos += System.nanoTime() - t0;
            }
        }
        tally.report(seed, days, withIncidents, policy, appeals, nanos);
        cpu.report(appeals);
    }

    /** In memory, or Redis when {@code jiesu.hotspots.redis} names one. */
    private static HotspotStore store(Clock clock) {
        String uri = System.getProperty("jiesu.hotspots.redis", "");
        if (uri.isBlank()) {
            return new InMemoryHotspotStore();
        }
        try {
            return (HotspotStore) Class.forName("cn.jiesu.bench.hotspot.RedisSimStore")
                    .getMethod("open", String.class, Clock.class)
                    .invoke(null, uri, clock);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(
                    "the Redis store needs the redis module on the class path (STORE=redis)", e);
        }
    }

    private static List<Incident> incidents(SimCity city, Instant day0, int days, long seed) {
        Random r = new Random(seed * 31 + 1);
        List<Incident> out = new ArrayList<>();
        // A big street in the morning peak, a small one at night, a middle one on a Saturday afternoon.
        out.add(Incident.waterMain(1, city, r.nextInt(SimCity.STREETS), at(day0, days * 3 / 10, 10, 20), 40, r));
        out.add(Incident.waterMain(2, city, r.nextInt(SimCity.STREETS), at(day0, days / 2, 3, 5), 30, r));
        out.add(Incident.waterMain(3, city, r.nextInt(SimCity.STREETS), at(day0, days * 8 / 10, 15, 40), 25, r));
        out.add(Incident.heating(4, city, r.nextInt(SimCity.DISTRICTS), at(day0, days * 6 / 10, 1, 0), 300, r));
        int s = r.nextInt(SimCity.STREETS);
        out.add(Incident.slowNoise(5, city, s, day0.plus(Duration.ofDays(1)), days - 2, 0.3, r));
        return out;
    }

    private static Instant at(Instant day0, int day, int hour, int minute) {
        return day0.plus(Duration.ofDays(day).plusHours(hour).plusMinutes(minute));
    }

    /** The detector's clock, moved by the simulation. */
    private static final class SimClock extends Clock {
        private Instant now;

        SimClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
