package cn.jiesu.redis.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class GroupMetersTest {
    @Test
    @DisplayName("a group's consumer replaced in one registry: the new one's gauges are published, not frozen")
    void replacedConsumerPublishes() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        GroupMeters first = new GroupMeters(registry, "hotspots");
        first.refresh(new GroupPosition("hotspots", StreamId.ZERO, Optional.empty(), 7, Optional.of(9L)));
        GroupMeters second = new GroupMeters(registry, "hotspots"); // a new term's consumer
        second.refresh(new GroupPosition("hotspots", StreamId.ZERO, Optional.empty(), 1, Optional.of(2L)));
        assertThat(registry.get("intake.stream.pending")
                        .tags("group", "hotspots")
                        .gauge()
                        .value())
                .isEqualTo(1.0);
        assertThat(registry.get("intake.stream.lag")
                        .tags("group", "hotspots")
                        .gauge()
                        .value())
                .isEqualTo(2.0);
        assertThat(registry.find("intake.stream.pending").gauges()).hasSize(1);
    }
}
