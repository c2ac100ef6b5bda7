package cn.jiesu.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.jiesu.core.console.ConsoleNotice;
import cn.jiesu.core.console.PopState;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class JsonNoticeCodecTest {
    private final JsonNoticeCodec codec = new JsonNoticeCodec();

    @Test
    @DisplayName("notices are the JSON instances have always published, and read back equal")
    void wireFormat() {
        ConsoleNotice pop = new ConsoleNotice.Pop(
                "gw-a", "8001", "L1~8001", PopState.CONNECTED, "{\"n\":1}", Instant.ofEpochMilli(1_764_300_000_123L));
        ConsoleNotice frame = new ConsoleNotice.Frame("gw-b", "8002", "{\"type\":\"dial-result\"}");

        assertThat(codec.encode(pop))
                .isEqualTo(
                        "{\"kind\":\"pop\",\"origin\":\"gw-a\",\"ext\":\"8001\","
                                + "\"popId\":\"L1~8001\",\"state\":\"CONNECTED\",\"body\":\"{\\\"n\\\":1}\",\"at\":1764300000123}");
        assertThat(codec.encode(frame))
                .isEqualTo("{\"kind\":\"frame\",\"origin\":\"gw-b\",\"ext\":\"8002\","
                        + "\"frame\":\"{\\\"type\\\":\\\"dial-result\\\"}\"}");
        assertThat(codec.decode(codec.encode(pop))).isEqualTo(pop);
        assertThat(codec.decode(codec.encode(frame))).isEqualTo(frame);
    }

    @Test
    @DisplayName("a malformed message is an IllegalArgumentException, whatever is wrong with it")
    void malformed() {
        for (String bad : new String[] {
            "not json",
            "{\"kind\":\"other\"}",
            "{\"kind\":\"pop\",\"origin\":\"a\"}",
            "{\"kind\":\"pop\",\"origin\":\"a\",\"ext\":\"8001\",\"popId\":\"p\",\"state\":\"LOST\",\"at\":1}"
        }) {
            assertThatThrownBy(() -> codec.decode(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
