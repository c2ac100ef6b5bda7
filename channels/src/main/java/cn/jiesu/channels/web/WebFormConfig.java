package cn.jiesu.channels.web;

import cn.jiesu.core.config.ConfigException;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Web form settings (config key {@code channels.web}).
 *
 * @param account          the channelAccount of web appeals (e.g. {@code web})
 * @param csrfSecret       HMAC key of the form tokens, at least 32 characters (never logged)
 * @param tokenTtl         how long a rendered form can be submitted (2 h by default)
 * @param csrfCookie       the cookie the token is bound to; the gateway sets it (HttpOnly, SameSite=Strict)
 * @param confirmationPath where a successful POST redirects (303) with {@code ?no=<appeal number>}
 * @param maxBodyBytes     larger bodies are refused with 413
 */
public record WebFormConfig(
        String account,
        String csrfSecret,
        Duration tokenTtl,
        String csrfCookie,
        String confirmationPath,
        int maxBodyBytes) {
    /** A 4,000-character Chinese description is ~36 KB form-encoded (9 bytes a character). */
    public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;

    private static final Pattern ACCOUNT = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

    public WebFormConfig {
        account = Objects.requireNonNullElse(account, "web");
        if (!ACCOUNT.matcher(account).matches()) {
            throw new ConfigException("channels.web.account", "1-64 characters of [A-Za-z0-9_.:-]");
        }
        if (csrfSecret == null || csrfSecret.length() < 32) {
            throw new ConfigException("channels.web.csrfSecret", "at least 32 characters");
        }
        tokenTtl = Objects.requireNonNullElse(tokenTtl, Duration.ofHours(2));
        csrfCookie = Objects.requireNonNullElse(csrfCookie, "jiesu_csrf");
        confirmationPath = Objects.requireNonNullElse(confirmationPath, "/appeal/submitted");
        maxBodyBytes = maxBodyBytes <= 0 ? DEFAULT_MAX_BODY_BYTES : maxBodyBytes;
    }

    @Override
    public String toString() {
        return "WebFormConfig[account=" + account + ", csrfSecret=***, tokenTtl=" + tokenTtl + ", csrfCookie="
                + csrfCookie + ", confirmationPath=" + confirmationPath + ", maxBodyBytes=" + maxBodyBytes + "]";
    }
}
