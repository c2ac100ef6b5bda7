package cn.jiesu.core.appeal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.jiesu.core.intake.Channel;
import cn.jiesu.core.intake.Intake;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SearchTextTest {
    private static Intake intake(String title, String content) {
        return Intake.builder()
                .intakeId("01JDZ0000000000000000000AA")
                .channel(Channel.WEB)
                .channelAccount("web")
                .channelMessageId("m")
                .receivedAt(Instant.EPOCH)
                .title(title)
                .content(content)
                .build();
    }

    @Test
    @DisplayName("text and terms fold full-width forms and case the same way, and words are ANDed")
    void folding() {
        Intake in = intake("路灯", "望京西园　ＬＥＤ灯不亮 ，　Ａ区");
        assertThat(SearchText.terms("  led  Ａ区 led ")).containsExactly("led", "a区");
        assertThat(SearchText.matches(in, SearchText.terms("led a区"))).isTrue();
        assertThat(SearchText.matches(in, SearchText.terms("路灯 望京"))).isTrue();
        assertThat(SearchText.matches(in, SearchText.terms("led 停水"))).isFalse();
        assertThat(SearchText.terms("   ")).isEmpty();
    }

    @Test
    @DisplayName("the stored text is cut at a character boundary, never inside a surrogate pair")
    void cut() {
        Intake in = intake(null, "ab😀cd");
        assertThat(SearchText.of(in, 3)).isEqualTo("ab");
        assertThat(SearchText.of(in, 4)).isEqualTo("ab😀");
        assertThat(SearchText.of(intake("标题", "正文"), 100)).isEqualTo("标题\n正文");
    }

    @Test
    @DisplayName("a cursor survives encoding and anything else is refused")
    void cursor() {
        AppealCursor c = new AppealCursor(1_764_300_000_123L, "01JDZ0000000000000000000AA");
        assertThat(AppealCursor.decode(c.encode())).isEqualTo(c);
        assertThat(c.precedes(1_764_300_000_122L, "ZZ")).isTrue();
        assertThat(c.precedes(1_764_300_000_123L, "01JDZ0000000000000000000A0")).isTrue();
        assertThat(c.precedes(1_764_300_000_123L, "01JDZ0000000000000000000AA")).isFalse();
        for (String bad : List.of("", "!!", "bm9jb2xvbg", "LTE6eA", "MTp")) {
            assertThatThrownBy(() -> AppealCursor.decode(bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
