package cn.jiesu.gateway.channels;

import cn.jiesu.channels.Digests;
import cn.jiesu.channels.RequestSignature;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** How each channel's real sender signs a request, for the tests. */
final class Signers {
    private Signers() {}

    /** Weibo's query: signature = sha1(sorted app secret, timestamp (ms), nonce). */
    static String weiboQuery(long timestampMillis, String nonce) {
        String ts = Long.toString(timestampMillis);
        return "signature=" + Digests.sortedSha1Hex(ChannelGateway.WEIBO_SECRET, ts, nonce) + "&timestamp=" + ts
                + "&nonce=" + nonce;
    }

    static String weiboQuery() {
        return weiboQuery(
                System.currentTimeMillis(),
                Long.toString(Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L)));
    }

    /** WeChat's plaintext-mode query: signature = sha1(sorted token, timestamp (s), nonce). */
    static String wechatQuery(long timestampSeconds, String nonce) {
        String ts = Long.toString(timestampSeconds);
        return "signature=" + Digests.sortedSha1Hex(ChannelGateway.WECHAT_TOKEN, ts, nonce) + "&timestamp=" + ts
                + "&nonce=" + nonce + "&openid=oR5Gk6ZcX1aYbQ2Pq3wE4rT5yU6i";
    }

    /** The app's headers over {@code body} at {@code path}, with a fresh nonce. */
    static HttpRequest<Buffer> signApp(HttpRequest<Buffer> request, String path, byte[] body) {
        return signApp(
                request,
                path,
                body,
                System.currentTimeMillis() / 1000,
                UUID.randomUUID().toString().replace("-", ""),
                ChannelGateway.APP_SECRET);
    }

    static HttpRequest<Buffer> signApp(
            HttpRequest<Buffer> request, String path, byte[] body, long ts, String nonce, String secret) {
        String t = Long.toString(ts);
        return request.putHeader("X-Api-Key", ChannelGateway.APP_KEY)
                .putHeader("X-Intake-Timestamp", t)
                .putHeader("X-Intake-Nonce", nonce)
                .putHeader("X-Intake-Signature", RequestSignature.sign(secret, "POST", path, t, nonce, body))
                .putHeader("content-type", "application/json; charset=utf-8");
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
