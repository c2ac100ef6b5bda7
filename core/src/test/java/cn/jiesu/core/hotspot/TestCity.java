package cn.jiesu.core.hotspot;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/** A small test city (3 districts × 4 streets) with a steady background, fed through a detector on a fake clock. */
final class TestCity {
    static final Instant START = Instant.parse("2026-11-02T00:00:00Z");
    static final String[] TOPICS = {"garbage", "noise", "water", "lighting"};

    final InMemoryHotspotStore store = new InMemoryHotspotStore();
    final FakeClock clock = new FakeClock(START);
    private final Random random = new Random(42);
    private int seq;

    HotspotDetector detector() {
        return new HotspotDetector(store, HotspotPolicy.defaults(), clock);
    }

    /** About one background appeal every 3 minutes for the duration, random street and topic; returns events. */
    List<HotspotEvent> background(HotspotDetector detector, Duration d) {
        List<HotspotEvent> events = new ArrayList<>();
        Instant end = clock.instant().plus(d);
        while (clock.instant().isBefore(end)) {
            clock.advance(Duration.ofSeconds(30 + random.nextInt(300)));
            int street = random.nextInt(12);
            events.addAll(detector.observe(appeal(TOPICS[random.nextInt(TOPICS.length)], street)));
            if (random.nextInt(20) == 0) {
                events.addAll(detector.tick());
            }
        }
        return events;
    }

    HotspotAppeal appeal(String topic, int street) {
        return new HotspotAppeal(
                "A" + (++seq), clock.instant(), Set.of(topic), "D" + street / 4, "D" + street / 4 + "-S" + street % 4);
    }

    static HotspotKey streetKey(String topic, int street) {
        return HotspotKey.street(topic, "D" + street / 4, "D" + street / 4 + "-S" + street % 4);
    }

    /** A clock the test moves by hand. */
    static final class FakeClock extends Clock {
        private Instant now;

        FakeClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
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
