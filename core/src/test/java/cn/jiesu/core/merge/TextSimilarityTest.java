package cn.jiesu.core.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TextSimilarityTest {
    private final TextSimilarity s = TextSimilarity.standard();

    @Test
    @DisplayName("identical text scores 1, disjoint text 0, empty text 0")
    void bounds() {
        assertThat(s.dice("小区门口井盖缺失", "小区门口井盖缺失")).isEqualTo(1.0);
        assertThat(s.dice("楼道照明灯损坏", "暖气不热")).isEqualTo(0.0);
        assertThat(s.dice("", "停水")).isEqualTo(0.0);
        assertThat(s.dice(null, "停水")).isEqualTo(0.0);
    }

    @Test
    @DisplayName("traditional characters, punctuation and particles do not lower the score")
    void folding() {
        assertThat(s.dice("小區門口的井蓋缺失了！", "小区门口井盖缺失")).isEqualTo(1.0);
    }

    @Test
    @DisplayName("is symmetric, and one character counts as its own bigram")
    void symmetric() {
        String a = "望京西园三区垃圾站三天没清运了";
        String b = "西园三区的垃圾站好几天没人清运了，臭味很大";
        assertThat(s.dice(a, b)).isCloseTo(s.dice(b, a), within(1e-12));
        assertThat(s.dice("水", "水")).isEqualTo(1.0);
    }
}
