package cn.jiesu.core.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TextNormalizerTest {
    private final TextNormalizer n = TextNormalizer.standard();

    @Test
    @DisplayName("traditional characters fold to simplified")
    void traditional() {
        assertThat(n.normalize("燃氣洩漏 電線起火 被困電梯 暖氣不熱")).isEqualTo("燃气泄漏电线起火被困电梯暖气不热");
        assertThat(n.normalize("投訴舉報諮詢建議表揚")).isEqualTo("投诉举报咨询建议表扬");
    }

    @Test
    @DisplayName("characters that are valid simplified text are left alone (著 stays 著)")
    void ambiguousLeftAlone() {
        assertThat(n.normalize("显著")).isEqualTo("显著");
    }

    @Test
    @DisplayName("full-width ASCII folds to half-width and Latin letters to lower case")
    void widthAndCase() {
        assertThat(n.normalize("ＧＡＳ　Ｌｅａｋ３号楼")).isEqualTo("gasleak3号楼");
    }

    @Test
    @DisplayName("spaces, punctuation, symbols and emoji are dropped")
    void separatorsDropped() {
        assertThat(n.normalize("燃 气-泄，漏！！🙏 (3)")).isEqualTo("燃气泄漏3");
        assertThat(n.normalize(null)).isEmpty();
    }

    @Test
    @DisplayName("a normalizer can drop extra characters, after folding")
    void dropped() {
        assertThat(TextNormalizer.withDroppedCharacters(Set.of('的', '了')).normalize("停水了的"))
                .isEqualTo("停水");
    }
}
