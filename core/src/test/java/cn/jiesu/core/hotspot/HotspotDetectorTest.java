package cn.jiesu.core.hotspot;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiesu.core.hotspot.HotspotEvent.HotspotClosed;
import cn.jiesu.core.hotspot.HotspotEvent.HotspotGrew;
import cn.jiesu.core.hotspot.HotspotEvent.HotspotOpened;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HotspotDetectorTest {
    private final TestCity city = new TestCity();
    private final HotspotDetector detector = city.detector();

    /** Feeds a burst of water appeals on street 5, one a minute; returns the 1-based index that opened it. */
    private int burst(HotspotDetector a, HotspotDetector b, int n) {
        for (int i = 1; i <= n; i++) {
            city.clock.advance(Duration.ofMinutes(1));
            HotspotDetector d = i % 2 == 0 ? b : a;
            List<HotspotEvent> events = d.observe(city.appeal("water", 5));
            if (events.stream().anyMatch(e -> e instanceof HotspotOpened)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    @DisplayName("a burst of water appeals on one street opens a street hotspot by its 5th appeal")
    void burstOpens() {
        city.background(detector, Duration.ofDays(15));
        int opener = burst(detector, detector, 10);
        assertThat(opener).isBetween(3, 5);
        Hotspot h = detector.hotspot(TestCity.streetKey("water", 5)).orElseThrow();
        assertThat(h.count()).isEqualTo(opener);
        assertThat(h.opened().window()).isEqualTo(Window.M15);
        List<HotspotEvent> next = detector.observe(city.appeal("water", 5));
        assertThat(next).singleElement().isInstanceOf(HotspotGrew.class);
        assertThat(next.get(0).hotspot().count()).isEqualTo(opener + 1);
        assertThat(next.get(0).hotspot().growthPerHour()).isEqualTo(opener + 1);
    }

    @Test
    @DisplayName("background at its baseline opens nothing for a week")
    void backgroundDoesNotOpen() {
        city.background(detector, Duration.ofDays(15));
        List<HotspotEvent> week = city.background(detector, Duration.ofDays(7));
        assertThat(week).isEmpty();
    }

    @Test
    @DisplayName("nothing opens before the city has a week of history to compare with")
    void noHistoryNoTest() {
        assertThat(burst(detector, detector, 10)).isEqualTo(-1);
    }

    @Test
    @DisplayName("a hotspot closes after its hold time of quiet, not before, and its appeals do not reopen it")
    void closesAfterQuiet() {
        city.background(detector, Duration.ofDays(15));
        burst(detector, detector, 8);
        city.background(detector, Duration.ofMinutes(50));
        assertThat(detector.tick()).isEmpty();
        List<HotspotEvent> later = city.background(detector, Duration.ofHours(2));
        assertThat(later)
                .filteredOn(e -> e instanceof HotspotClosed)
                .singleElement()
                .satisfies(e -> assertThat(e.hotspot().opened().key()).isEqualTo(TestCity.streetKey("water", 5)));
        assertThat(detector.hotspot(TestCity.streetKey("water", 5))).isEmpty();
        // The burst's appeals are still in the 24 h window but belong to the closed hotspot: no reopening.
        List<HotspotEvent> after = city.background(detector, Duration.ofHours(3));
        after.addAll(detector.observe(city.appeal("water", 5)));
        assertThat(after).noneMatch(e -> e instanceof HotspotOpened);
    }

    @Test
    @DisplayName("two detectors sharing one store open one hotspot at the same appeal as one detector would")
    void mergeableAcrossInstances() {
        city.background(detector, Duration.ofDays(15));
        HotspotDetector other = city.detector();
        int opener = burst(detector, other, 10);
        assertThat(opener).isBetween(3, 5);
        List<HotspotEvent> rest = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            rest.addAll((i % 2 == 0 ? other : detector).observe(city.appeal("water", 5)));
        }
        assertThat(rest)
                .filteredOn(e -> e.hotspot().opened().key().level() == HotspotKey.Level.STREET)
                .hasSize(4)
                .allMatch(e -> e instanceof HotspotGrew);
        Hotspot seenByA = detector.hotspot(TestCity.streetKey("water", 5)).orElseThrow();
        Hotspot seenByB = other.hotspot(TestCity.streetKey("water", 5)).orElseThrow();
        assertThat(seenByA).isEqualTo(seenByB);
        assertThat(seenByA.count()).isEqualTo(opener + 4);
    }

    @Test
    @DisplayName("history counted without testing opens nothing but is counted for the baseline")
    void countOnly() {
        city.background(detector, Duration.ofDays(15));
        for (int i = 0; i < 10; i++) {
            city.clock.advance(Duration.ofMinutes(1));
            detector.count(city.appeal("water", 5));
        }
        assertThat(detector.hotspot(TestCity.streetKey("water", 5))).isEmpty();
        long bucket = Resolution.BUCKET.slot(city.clock.instant());
        long[] counts = city.store.counts(TestCity.streetKey("water", 5), Resolution.BUCKET, bucket - 2, 3);
        assertThat(counts[0] + counts[1] + counts[2]).isGreaterThanOrEqualTo(10);
    }
}
