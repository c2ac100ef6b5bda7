package cn.jiesu.channels.wechat;

import cn.jiesu.channels.PushQuery;
import cn.jiesu.core.config.ConfigException;
import cn.jiesu.core.intake.Crs;
import java.time.Duration;
import java.util.Objects;

/**
 * WeChat official-account push settings (config key {@code channels.wechat}).
 *
 * @param token           the 令牌 set in the console: the signature key (never logged)
 * @param encodingAesKey  the 43-character EncodingAESKey; null when only plaintext mode is used (never logged)
 * @param appId           our appid: required with {@code encodingAesKey}, checked after every decryption
 * @param accountId       our {@code gh_…} id; when set, messages to another ToUserName are refused (403); may be null
 * @param allowPlaintext  false refuses unencrypted POSTs (403): set it once the console is in 安全模式
 * @param locationCrs     CRS of {@code Location_X/Y} (probably GCJ02)
 * @param maxBodyBytes    larger bodies are refused with 413
 * @param maxTimestampAge a signed {@code timestamp} further than this from the clock is refused (401), and each
 *                        push's timestamp and nonce are remembered for twice this (see {@link PushQuery#guard});
 *                        1 min to 1 h, 5 min when null. WeChat's retries reuse the first timestamp for ~15 s.
 */
public record WeChatConfig(
        String token,
        String encodingAesKey,
        String appId,
        String accountId,
        boolean allowPlaintext,
        Crs locationCrs,
        int maxBodyBytes,
        Duration maxTimestampAge) {
    public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;

    public WeChatConfig {
        if (token == null || token.isBlank()) {
            throw new ConfigException("channels.wechat.token", "required");
        }
        if (encodingAesKey != null) {
            if (encodingAesKey.length() != 43) {
                throw new ConfigException("channels.wechat.encodingAesKey", "must be 43 characters");
            }
            if (appId == null || appId.isBlank()) {
                throw new ConfigException("channels.wechat.appId", "required with encodingAesKey");
            }
        }
        if (!allowPlaintext && encodingAesKey == null) {
            throw new ConfigException("channels.wechat.allowPlaintext", "false needs an encodingAesKey");
        }
        locationCrs = Objects.requireNonNullElse(locationCrs, Crs.GCJ02);
        maxBodyBytes = maxBodyBytes <= 0 ? DEFAULT_MAX_BODY_BYTES : maxBodyBytes;
        maxTimestampAge = PushQuery.window(maxTimestampAge, "channels.wechat.max-timestamp-age");
    }

    @Override
    public String toString() {
        return "WeChatConfig[token=***, encodingAesKey=" + (encodingAesKey == null ? "null" : "***") + ", appId="
                + appId + ", accountId=" + accountId + ", allowPlaintext=" + allowPlaintext + ", locationCrs="
                + locationCrs + ", maxBodyBytes=" + maxBodyBytes + ", maxTimestampAge=" + maxTimestampAge + "]";
    }
}
