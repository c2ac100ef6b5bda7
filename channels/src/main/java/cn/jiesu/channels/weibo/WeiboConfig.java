package cn.jiesu.channels.weibo;

import cn.jiesu.channels.PushQuery;
import cn.jiesu.core.config.ConfigException;
import cn.jiesu.core.intake.Crs;
import java.time.Duration;
import java.util.Objects;

/**
 * Weibo fan-service push settings (config key {@code channels.weibo}).
 *
 * @param appSecret       the App Secret of the app bound in 开发模式: the signature key (never logged)
 * @param receiverId      our account's uid; when set, pushes for another receiver are refused (403); may be null
 * @param positionCrs     CRS of {@code position} coordinates (undocumented by Weibo; GCJ02 assumed)
 * @param maxBodyBytes    larger bodies are refused with 413
 * @param maxTimestampAge a signed {@code timestamp} further than this from the clock is refused (401), and each
 *                        push's timestamp and nonce are remembered for twice this (see {@link PushQuery#guard});
 *                        1 min to 1 h, 5 min when null. Weibo's retries reuse the first timestamp for ~15 s.
 */
public record WeiboConfig(
        String appSecret, String receiverId, Crs positionCrs, int maxBodyBytes, Duration maxTimestampAge) {
    public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;

    public WeiboConfig {
        if (appSecret == null || appSecret.isBlank()) {
            throw new ConfigException("channels.weibo.appSecret", "required");
        }
        positionCrs = Objects.requireNonNullElse(positionCrs, Crs.GCJ02);
        maxBodyBytes = maxBodyBytes <= 0 ? DEFAULT_MAX_BODY_BYTES : maxBodyBytes;
        maxTimestampAge = PushQuery.window(maxTimestampAge, "channels.weibo.max-timestamp-age");
    }

    @Override
    public String toString() {
        return "WeiboConfig[appSecret=***, receiverId=" + receiverId + ", positionCrs=" + positionCrs
                + ", maxBodyBytes=" + maxBodyBytes + ", maxTimestampAge=" + maxTimestampAge + "]";
    }
}
