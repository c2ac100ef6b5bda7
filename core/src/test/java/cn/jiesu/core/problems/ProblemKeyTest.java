package cn.jiesu.core.problems;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.jiesu.core.intake.PlaceMark;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ProblemKeyTest {
    @Test
    @DisplayName("an appeal counts city-wide per topic, and in its district and street when placed there")
    void pairs() {
        PlaceMark street = new PlaceMark("朝阳区", "望京街道", 0.9);
        assertThat(ProblemKey.of(List.of("water"), street))
                .containsExactly(
                        new ProblemKey("water", null, null),
                        new ProblemKey("water", "朝阳区", null),
                        new ProblemKey("water", "朝阳区", "望京街道"));
        assertThat(ProblemKey.of(List.of("gas"), new PlaceMark("海淀区", null, 0.5)))
                .extracting(ProblemKey::level)
                .containsExactly(ProblemLevel.CITY, ProblemLevel.DISTRICT);
        assertThat(ProblemKey.of(List.of("gas", "water"), null))
                .containsExactly(new ProblemKey("gas", null, null), new ProblemKey("water", null, null));
    }

    @Test
    @DisplayName("a topic or place a key cannot hold is skipped or counted a level up, never thrown on the stream")
    void neverThrows() {
        assertThat(ProblemKey.of(List.of("a|b", "x".repeat(65), "water"), new PlaceMark("朝阳区", "望京|街道", 0.9)))
                .containsExactly(new ProblemKey("water", null, null), new ProblemKey("water", "朝阳区", null));
        assertThat(ProblemKey.of(List.of("water"), new PlaceMark("朝|阳区", "望京街道", 0.9)))
                .containsExactly(new ProblemKey("water", null, null));
    }

    @Test
    @DisplayName("keys round-trip through their storage form; malformed parts are refused")
    void encoding() {
        ProblemKey k = new ProblemKey("water", "朝阳区", "望京街道");
        assertThat(ProblemKey.decode(k.encode())).isEqualTo(k);
        assertThat(ProblemKey.decode("gas||")).isEqualTo(new ProblemKey("gas", null, null));
        assertThat(k.parent().parent()).isEqualTo(new ProblemKey("water", null, null));
        assertThatThrownBy(() -> new ProblemKey(" ", null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new ProblemKey("停水", null, null).encode()).isEqualTo("停水||");
        assertThatThrownBy(() -> new ProblemKey("water", null, "望京街道")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ProblemKey("water", "a|b", null)).isInstanceOf(IllegalArgumentException.class);
    }
}
