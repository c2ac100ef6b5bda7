package cn.jiesu.core.console;

import java.time.Duration;
import java.util.Objects;

/**
 * The answer to a request for one password check: granted (the check is already counted), or refused with how long
 * to wait and whether the extension as a whole ({@code agentWide}) or only this address is held back.
 */
public record SignInGrant(boolean granted, Duration retryAfter, boolean agentWide) {
    public static final SignInGrant GRANTED = new SignInGrant(true, Duration.ZERO, false);

    public SignInGrant {
        Objects.requireNonNull(retryAfter, "retryAfter");
    }

    public static SignInGrant refused(Duration retryAfter, boolean agentWide) {
        return new SignInGrant(false, retryAfter.isNegative() ? Duration.ZERO : retryAfter, agentWide);
    }
}
