package cn.jiesu.core.console;

import cn.jiesu.core.config.ConfigException;
import java.time.Duration;
import java.util.Objects;

/**
 * How many password checks a sign-in may cost, per (extension, client address) and per extension.
 *
 * <p>Per pair: {@code freeAttempts} checks, then each next one only {@code backoffBase} after the last, doubling up
 * to {@code backoffMax}; the count is forgotten {@code forgetAfter} past the end of the last wait, and a successful
 * sign-in clears it. Keyed by address so that a guesser at one address slows down only their own guesses, never
 * the agent at their desk. Per extension, over all addresses: at most {@code agentLimit} checks per
 * {@code agentWindow}, which bounds a guess spread over many addresses (one address cannot reach it with the defaults:
 * its backoff allows 17 checks in the first hour, 4 an hour after). An address the extension signed in from within
 * {@code knownFor} is exempt from that cap (its own backoff still applies): guesses spread over many new addresses
 * must not lock the agent out at the desk they use every day.
 */
public record SignInPolicy(
        int freeAttempts,
        Duration backoffBase,
        Duration backoffMax,
        Duration forgetAfter,
        int agentLimit,
        Duration agentWindow,
        Duration knownFor) {
    public SignInPolicy {
        Objects.requireNonNull(knownFor, "knownFor");
        Objects.requireNonNull(backoffBase, "backoffBase");
        Objects.requireNonNull(backoffMax, "backoffMax");
        Objects.requireNonNull(forgetAfter, "forgetAfter");
        Objects.requireNonNull(agentWindow, "agentWindow");
        if (freeAttempts < 1) {
            throw new ConfigException("console.sign-in.free-attempts", "at least 1");
        }
        if (backoffMax.compareTo(backoffBase) < 0) {
            throw new ConfigException("console.sign-in.backoff-max", "must not be shorter than backoff-base");
        }
        if (agentLimit < freeAttempts) {
            throw new ConfigException("console.sign-in.agent-limit", "must not be below free-attempts");
        }
    }

    /**
     * How long the pair must wait after its {@code n}-th check (1-based) before the next: nothing while
     * {@code n < freeAttempts}, then {@code backoffBase * 2^(n - freeAttempts)}, at most {@code backoffMax}. The
     * Redis script computes the same.
     */
    public Duration waitAfter(long n) {
        if (n < freeAttempts) {
            return Duration.ZERO;
        }
        long doublings = n - freeAttempts;
        long base = backoffBase.toMillis();
        if (doublings >= 62 || base > (backoffMax.toMillis() >> doublings)) {
            return backoffMax;
        }
        return Duration.ofMillis(base << doublings);
    }
}
