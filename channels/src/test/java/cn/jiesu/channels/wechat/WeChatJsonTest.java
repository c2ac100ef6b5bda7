package cn.jiesu.channels.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.jiesu.channels.InputRejected;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class WeChatJsonTest {
    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("numbers keep their digits (64-bit MsgId), doubles lose no digits and gain no exponent")
    void scalars() throws InputRejected {
        assertThat(WeChatJson.parse(
                        utf8("{\"MsgId\":24583016739012848,\"CreateTime\":1714037059,"
                                + "\"Latitude\":23.134521,\"Big\":1e9,\"Flag\":true,\"Nested\":{\"a\":1},\"List\":[1],\"Null\":null,"
                                + "\"Inf\":1e999}"),
                        "body"))
                .containsEntry("MsgId", "24583016739012848")
                .containsEntry("CreateTime", "1714037059")
                .containsEntry("Latitude", "23.134521")
                .containsEntry("Big", "1000000000")
                .containsEntry("Flag", "true")
                .containsEntry("Inf", "Infinity")
                .doesNotContainKeys("Nested", "List", "Null");
    }

    @Test
    @DisplayName("JSON is told from XML by its first character; malformed JSON and bad UTF-8 are 400s naming the field")
    void sniffAndErrors() {
        assertThat(WeChatJson.looksLikeJson(utf8(" \n{\"a\":1}"))).isTrue();
        assertThat(WeChatJson.looksLikeJson(utf8("<xml></xml>"))).isFalse();
        assertThat(WeChatJson.looksLikeJson(new byte[0])).isFalse();
        assertThatThrownBy(() -> WeChatJson.parse(utf8("{\"a\":"), "Encrypt"))
                .isInstanceOfSatisfying(InputRejected.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.field()).isEqualTo("Encrypt");
                });
        assertThatThrownBy(() -> WeChatJson.parse(new byte[] {'{', '"', (byte) 0xC3, '"', '}'}, "body"))
                .isInstanceOfSatisfying(
                        InputRejected.class, e -> assertThat(e.status()).isEqualTo(400));
    }
}
