package cn.jiesu.core.hotspot;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiesu.core.hotspot.HotspotEvent.HotspotOpened;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HotspotBaselineTest {
    private final TestCity city = new TestCity();
    private final HotspotDetector detector = city.detector();

    @Test
    @DisplayName("a key's same hour of the week learns a weekly excess; a new key starts at its share")
    void learnsHourOfWeek() {
        for (int week = 0; week < 4; week++) {
            city.background(detector, Duration.ofDays(4).plusHours(22));
            for (int i = 0; i < 6; i++) {
                city.clock.advance(Duration.ofMinutes(8));
                detector.observe(city.appeal("noise", 2));
            }
            city.background(
                    detector,
                    Duration.between(city.clock.instant(), TestCity.START.plus(Duration.ofDays(7L * (week + 1)))));
        }
        Baseline baseline = new Baseline(city.store, HotspotPolicy.defaults());
        long friday22 =
                Resolution.HOUR.slot(TestCity.START.plus(Duration.ofDays(28 + 4).plusHours(22)));
        double learned = baseline.perHourRate(TestCity.streetKey("noise", 2), friday22);
        double thursday = baseline.perHourRate(TestCity.streetKey("noise", 2), friday22 - 24);
        double neighbour = baseline.perHourRate(TestCity.streetKey("noise", 3), friday22);
        assertThat(learned).isGreaterThan(5 * thursday).isGreaterThan(2.0);
        assertThat(neighbour).isLessThan(0.5);
        double unseenTopic = baseline.perHourRate(TestCity.streetKey("heating", 3), friday22);
        assertThat(unseenTopic).isEqualTo(HotspotPolicy.defaults().floorPerHour());
    }

    @Test
    @DisplayName("a noise problem growing by half an appeal a day, spread over the day, escapes the live windows")
    void slowBurn() {
        city.background(detector, Duration.ofDays(15));
        Instant start = city.clock.instant();
        List<HotspotEvent> opened = new ArrayList<>();
        for (int day = 1; day <= 28 && opened.isEmpty(); day++) {
            int extra = day / 2;
            Duration step = Duration.ofMinutes(Math.max(1, 24 * 60 / Math.max(1, extra + 1)));
            Instant dayEnd = start.plus(Duration.ofDays(day));
            for (int i = 0; i < extra; i++) {
                city.clock.advance(step);
                detector.observe(city.appeal("noise", 7)).stream()
                        .filter(e -> e instanceof HotspotOpened && isNoise7(e))
                        .forEach(opened::add);
            }
            city.background(detector, Duration.between(city.clock.instant(), dayEnd)).stream()
                    .filter(e -> e instanceof HotspotOpened && isNoise7(e))
                    .forEach(opened::add);
        }
        // A known limit, kept visible: at +14 a day on a street's ~10, the 24 h count is about twice an expected
        // count that has itself been learning the excess for weeks, which is not improbable at the per-key alpha
        // that keeps false hotspots city-wide under one a day. Month-scale trends belong to the recurring-problems
        // view (举一反三), which tests each key once a month, not every few minutes.
        assertThat(opened).isEmpty();
    }

    private static boolean isNoise7(HotspotEvent e) {
        return e.hotspot().opened().key().equals(TestCity.streetKey("noise", 7));
    }
}
