package cn.jiesu.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.jiesu.channels.Fixtures.Req;
import cn.jiesu.core.intake.Intake;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EdgeParsingTest {

    @Test
    @DisplayName("form bodies decode %-escapes and + strictly; repeated fields keep their order")
    void formData() throws InputRejected {
        Map<String, List<String>> f =
                FormData.parse("a=1&b=%E5%8C%97+%E4%BA%AC&a=2&c&=x&&d=".getBytes(StandardCharsets.US_ASCII));
        assertThat(f.get("a")).containsExactly("1", "2");
        assertThat(f.get("b")).containsExactly("北 京");
        assertThat(f.get("c")).containsExactly("");
        assertThat(f.get("d")).containsExactly("");
        assertThat(FormData.encode("北 京+&")).isEqualTo("%E5%8C%97%20%E4%BA%AC%2B%26");
    }

    @Test
    @DisplayName("form bodies: bad escapes, invalid UTF-8 and too many fields are refused naming the field")
    void formDataErrors() {
        assertThatThrownBy(() -> FormData.parse("name=%ZZ".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOfSatisfying(
                        InputRejected.class, e -> assertThat(e.field()).isEqualTo("name"));
        assertThatThrownBy(() -> FormData.parse("name=%C3%28".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOfSatisfying(
                        InputRejected.class, e -> assertThat(e.code()).isEqualTo("invalid_utf8"));
        assertThatThrownBy(() -> FormData.parse("a=1&".repeat(300).getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOfSatisfying(
                        InputRejected.class, e -> assertThat(e.code()).isEqualTo("too_many_fields"));
    }

    @Test
    @DisplayName("content text is cut at 4000 characters with the marker, never inside a surrogate pair")
    void truncation() {
        assertThat(ContentText.fit("短")).isEqualTo("短");
        assertThat(ContentText.fit(null)).isNull();
        String emoji = "🙏".repeat(3000);
        String cut = ContentText.fit(emoji);
        assertThat(cut.length()).isLessThanOrEqualTo(Intake.MAX_CONTENT_CHARS);
        assertThat(cut).endsWith(ContentText.MARKER);
        String body = cut.substring(0, cut.length() - ContentText.MARKER.length());
        assertThat(Character.isHighSurrogate(body.charAt(body.length() - 1))).isFalse();
    }

    @Test
    @DisplayName("the per-key quota lets a burst through, then answers 429 with Retry-After, and refills")
    void quota() {
        java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong(0);
        java.time.Clock clock = new java.time.Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public java.time.Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public java.time.Instant instant() {
                return java.time.Instant.ofEpochMilli(now.get());
            }
        };
        ChannelQuota quota = new ChannelQuota(clock, 2, 1.0);
        assertThat(quota.tryAcquire("weibo")).isZero();
        assertThat(quota.tryAcquire("weibo")).isZero();
        Duration wait = quota.tryAcquire("weibo");
        assertThat(wait).isPositive();
        assertThat(quota.tryAcquire("wechat")).isZero();
        ChannelResult.Rejected r = ChannelQuota.tooManyRequests("channel", wait);
        assertThat(r.status()).isEqualTo(429);
        assertThat(r.reply().headers()).containsEntry("Retry-After", "1");
        now.addAndGet(1000);
        assertThat(quota.tryAcquire("weibo")).isZero();
    }

    @Test
    @DisplayName("inbound requests copy their body, lower-case header names and hide nothing in toString")
    void inboundRequest() {
        byte[] body = {1, 2, 3};
        InboundRequest r =
                Req.post("/x").header("Content-Type", "a/b").body(body).build();
        body[0] = 9;
        assertThat(r.body()[0]).isEqualTo((byte) 1);
        assertThat(r.header("CONTENT-TYPE")).isEqualTo("a/b");
        assertThat(r.toString()).contains("3 bytes");
    }

    @Test
    @DisplayName("API clients are found in constant time by key; secrets never appear in toString")
    void apiClients() {
        List<ApiClient> clients = List.of(
                new ApiClient("a", "key-aaaaaaaa", "secret-aaaaaaaaaaaa"), new ApiClient("b", "key-bbbbbbbb", null));
        assertThat(ApiClient.byKey(clients, "key-bbbbbbbb")).map(ApiClient::id).hasValue("b");
        assertThat(ApiClient.byKey(clients, "key-cccccccc")).isEmpty();
        assertThat(ApiClient.byKey(clients, null)).isEmpty();
        assertThat(clients.get(0).toString()).doesNotContain("key-aaaaaaaa").doesNotContain("secret-aaaa");
        assertThatThrownBy(() -> new ApiClient("a|b", "key-aaaaaaaa", null)).hasMessageContaining("client.id");
    }

    @Test
    @DisplayName("a UTF-8 byte order mark before a JSON or XML body is skipped, as RFC 8259 allows")
    void byteOrderMark() throws InputRejected {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] json = ("{\"description\":\"路灯不亮\"}").getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[bom.length + json.length];
        System.arraycopy(bom, 0, withBom, 0, bom.length);
        System.arraycopy(json, 0, withBom, bom.length, json.length);
        assertThat(JsonBody.object(withBom).getString("description")).isEqualTo("路灯不亮");
        assertThat(RequestChecks.firstSignificantByte(withBom)).isEqualTo('{');
        assertThat(RequestChecks.firstSignificantByte(" \r\n\t<xml/>".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo('<');
        assertThat(RequestChecks.firstSignificantByte(bom)).isEqualTo(-1);
    }
}
