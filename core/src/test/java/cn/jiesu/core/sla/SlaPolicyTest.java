package cn.jiesu.core.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.jiesu.core.intake.Urgency;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlaPolicyTest {
    private final Instant received = Instant.parse("2026-11-28T01:00:00Z");

    @Test
    void beijingTiers() {
        assertThat(SlaPolicy.BEIJING.dueAt(Urgency.EMERGENCY, received)).isEqualTo("2026-11-28T03:00:00Z");
        assertThat(SlaPolicy.BEIJING.dueAt(Urgency.IMMEDIATE, received)).isEqualTo("2026-11-29T01:00:00Z");
        assertThat(SlaPolicy.BEIJING.dueAt(Urgency.NORMAL, received)).isEqualTo("2026-12-05T01:00:00Z");
        assertThat(SlaPolicy.BEIJING.dueAt(Urgency.COMPLEX, received)).isEqualTo("2026-12-13T01:00:00Z");
    }

    @Test
    void missingOrNonPositiveTierNamesTheKey() {
        assertThatThrownBy(() -> new SlaPolicy(Map.of(Urgency.EMERGENCY, Duration.ofHours(1))))
                .hasMessageContaining("sla.immediate");
        assertThatThrownBy(() -> new SlaPolicy(Map.of(
                        Urgency.EMERGENCY,
                        Duration.ZERO,
                        Urgency.IMMEDIATE,
                        Duration.ofHours(1),
                        Urgency.NORMAL,
                        Duration.ofHours(1),
                        Urgency.COMPLEX,
                        Duration.ofHours(1))))
                .hasMessageContaining("sla.emergency");
    }
}
