package cn.jiesu.core.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class IntakeIdsTest {

    @Test
    @DisplayName("ids are 26 Crockford characters that encode the millisecond")
    void encodesTime() {
        Instant t = Instant.parse("2026-11-28T06:37:40.123Z");
        IntakeIds ids = new IntakeIds(Clock.fixed(t, ZoneOffset.UTC), new SplittableRandom(1));
        String id = ids.next();
        assertThat(id).hasSize(26).matches("[0-9A-HJKMNP-TV-Z]{26}");
        assertThat(IntakeIds.timestampOf(id)).isEqualTo(t.toEpochMilli());
    }

    @Test
    @DisplayName("ids within the same millisecond are strictly increasing")
    void monotonicWithinMillisecond() {
        IntakeIds ids = new IntakeIds(Clock.fixed(Instant.now(), ZoneOffset.UTC), new SplittableRandom(7));
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            seen.add(ids.next());
        }
        assertThat(seen).isSorted().doesNotHaveDuplicates();
    }

    @Test
    @DisplayName("a known vector: time 0 and zero randomness is all zeros, max is 7ZZZ…")
    void vectors() {
        assertThat(IntakeIds.encode(0, 0, 0)).isEqualTo("0".repeat(26));
        assertThat(IntakeIds.encode((1L << 48) - 1, 0xFFFF, -1L)).isEqualTo("7" + "Z".repeat(25));
    }
}
