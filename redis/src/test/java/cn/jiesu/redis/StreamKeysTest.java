package cn.jiesu.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.jiesu.core.intake.Channel;
import cn.jiesu.core.intake.Intake;
import java.time.LocalDate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class StreamKeysTest {
    private final StreamKeys keys = new StreamKeys("jiesu:");

    @Test
    @DisplayName("Every key family is built from the prefix")
    void layout() {
        assertThat(keys.intakeStream()).isEqualTo("jiesu:intake");
        assertThat(keys.deadLetterStream()).isEqualTo("jiesu:intake:dead");
        assertThat(keys.appealEvents()).isEqualTo("jiesu:appeal-events");
        assertThat(keys.appeal("01JDQ8Z5V3K4M2N6P7R8S9T0VW")).isEqualTo("jiesu:appeal:01JDQ8Z5V3K4M2N6P7R8S9T0VW");
        assertThat(keys.related("01JDQ8Z5V3K4M2N6P7R8S9T0VW")).isEqualTo("jiesu:related:01JDQ8Z5V3K4M2N6P7R8S9T0VW");
        assertThat(keys.appealNo("261128000042")).isEqualTo("jiesu:appealno:261128000042");
        assertThat(keys.phone("13800138000")).isEqualTo("jiesu:phone:13800138000");
        assertThat(keys.sequence(LocalDate.of(2026, 11, 28))).isEqualTo("jiesu:seq:261128");
        assertThat(new StreamKeys("t:1:").intakeStream()).isEqualTo("t:1:intake");
    }

    @Test
    @DisplayName("A short ASCII dedupe key stays readable, separators included")
    void plainDedupe() {
        String key = Intake.dedupeKey(Channel.WECHAT, "gh_12345:svc", "msg-7788|x");
        assertThat(keys.dedupe(key)).isEqualTo("jiesu:dedupe:WECHAT|gh_12345:svc|msg-7788|x");
    }

    @Test
    @DisplayName("Dedupe keys with Chinese text, spaces, glob characters or great length are hashed")
    void hashedDedupe() {
        String chinese = Intake.dedupeKey(Channel.WEIBO, "北京12345", "4919283746");
        String spaced = Intake.dedupeKey(Channel.EMAIL, "inbox", "<a b@mail>");
        String glob = Intake.dedupeKey(Channel.WEB, "portal", "id*?[1]");
        String longKey = Intake.dedupeKey(Channel.EMAIL, "inbox", "x".repeat(300));
        for (String k : new String[] {chinese, spaced, glob, longKey}) {
            assertThat(keys.dedupe(k)).matches("jiesu:dedupe:sha256:[0-9a-f]{64}");
        }
        assertThat(keys.dedupe(chinese)).isEqualTo(keys.dedupe(chinese));
        String neighbour = Intake.dedupeKey(Channel.WEIBO, "北京12345", "4919283747");
        assertThat(keys.dedupe(chinese)).isNotEqualTo(keys.dedupe(neighbour));
    }

    @Test
    @DisplayName("A raw key that looks like a hashed one is hashed itself, so the two forms never collide")
    void noCollision() {
        String hashed = keys.dedupe("WEB|portal|中文");
        String lookalike = hashed.substring("jiesu:dedupe:".length());
        assertThat(keys.dedupe(lookalike)).isNotEqualTo(hashed).startsWith("jiesu:dedupe:sha256:");
    }

    @Test
    @DisplayName("Empty key components are refused")
    void emptyComponents() {
        assertThatThrownBy(() -> keys.appeal("")).hasMessage("intakeId: required");
        assertThatThrownBy(() -> keys.phone(null)).hasMessage("phone: required");
        assertThatThrownBy(() -> new StreamKeys("")).hasMessage("prefix: required");
    }
}
