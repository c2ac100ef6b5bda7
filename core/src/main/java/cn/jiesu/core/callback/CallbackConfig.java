package cn.jiesu.core.callback;

import cn.jiesu.core.config.ConfigException;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything the callback scheduler is configured with, validated; messages name the YAML keys
 * ({@code callbacks.trunk-cap: ...}).
 *
 * @param trunkCap            concurrent outbound calls across all instances (trunk channels)
 * @param typicalCallDuration how long one callback holds a trunk, for the pre-breach forecast
 * @param lease               how long a claim is valid without renewal; an instance that dies loses its claims
 *                            (and trunk slots) after this
 * @param tickMin             the scheduler never wakes more often than this while it has nothing to do
 * @param tickMax             the longest it sleeps without looking (bounds the delay of work scheduled elsewhere)
 * @param claimBatch          most callbacks claimed in one round trip
 * @param riskInterval        how often the pre-breach forecast runs (one instance per interval)
 * @param riskHorizon         the forecast looks at callbacks whose placeBy is at most this far ahead
 */
public record CallbackConfig(
        CallingWindow window,
        RetryPolicy retry,
        CreationRules rules,
        int trunkCap,
        Duration typicalCallDuration,
        Duration lease,
        Duration tickMin,
        Duration tickMax,
        int claimBatch,
        Duration riskInterval,
        Duration riskHorizon) {
    public static final int DEFAULT_TRUNK_CAP = 30;
    public static final Duration DEFAULT_CALL_DURATION = Duration.ofMinutes(3);
    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);
    public static final Duration DEFAULT_TICK_MIN = Duration.ofMillis(10);
    public static final Duration DEFAULT_TICK_MAX = Duration.ofSeconds(1);
    public static final int DEFAULT_CLAIM_BATCH = 20;
    public static final Duration DEFAULT_RISK_INTERVAL = Duration.ofSeconds(10);
    public static final Duration DEFAULT_RISK_HORIZON = Duration.ofHours(6);
    public static final CallbackConfig DEFAULT = new CallbackConfig(
            CallingWindow.DEFAULT,
            RetryPolicy.DEFAULT,
            CreationRules.DEFAULT,
            DEFAULT_TRUNK_CAP,
            DEFAULT_CALL_DURATION,
            DEFAULT_LEASE,
            DEFAULT_TICK_MIN,
            DEFAULT_TICK_MAX,
            DEFAULT_CLAIM_BATCH,
            DEFAULT_RISK_INTERVAL,
            DEFAULT_RISK_HORIZON);

    public CallbackConfig {
        Objects.requireNonNull(window, "callbacks.quiet-start: window required");
        Objects.requireNonNull(retry, "callbacks.retry: required");
        Objects.requireNonNull(rules, "callbacks.requested-within: rules required");
        if (trunkCap < 1 || trunkCap > 10_000) {
            throw new ConfigException("callbacks.trunk-cap", "must be between 1 and 10000, was " + trunkCap);
        }
        positive(typicalCallDuration, "callbacks.typical-call-duration");
        positive(lease, "callbacks.lease");
        if (lease.compareTo(Duration.ofSeconds(2)) < 0) {
            throw new ConfigException("callbacks.lease", "must be at least 2s (renewed every third of it)");
        }
        positive(tickMin, "callbacks.tick-min");
        positive(tickMax, "callbacks.tick-max");
        if (tickMax.compareTo(tickMin) < 0) {
            throw new ConfigException("callbacks.tick-max", "must not be shorter than callbacks.tick-min");
        }
        if (tickMax.compareTo(lease.dividedBy(3)) > 0) {
            throw new ConfigException("callbacks.tick-max", "must be at most a third of callbacks.lease");
        }
        if (claimBatch < 1 || claimBatch > 1000) {
            throw new ConfigException("callbacks.claim-batch", "must be between 1 and 1000, was " + claimBatch);
        }
        positive(riskInterval, "callbacks.risk-interval");
        positive(riskHorizon, "callbacks.risk-horizon");
    }

    public CallbackConfig withTrunkCap(int cap) {
        return new CallbackConfig(
                window,
                retry,
                rules,
                cap,
                typicalCallDuration,
                lease,
                tickMin,
                tickMax,
                claimBatch,
                riskInterval,
                riskHorizon);
    }

    public CallbackConfig withWindow(CallingWindow w) {
        return new CallbackConfig(
                w,
                retry,
                rules,
                trunkCap,
                typicalCallDuration,
                lease,
                tickMin,
                tickMax,
                claimBatch,
                riskInterval,
                riskHorizon);
    }

    public CallbackConfig withRetry(RetryPolicy r) {
        return new CallbackConfig(
                window,
                r,
                rules,
                trunkCap,
                typicalCallDuration,
                lease,
                tickMin,
                tickMax,
                claimBatch,
                riskInterval,
                riskHorizon);
    }

    public CallbackConfig withRules(CreationRules r) {
        return new CallbackConfig(
                window,
                retry,
                r,
                trunkCap,
                typicalCallDuration,
                lease,
                tickMin,
                tickMax,
                claimBatch,
                riskInterval,
                riskHorizon);
    }

    /** Lease, ticks and forecast timing together (tests and benchmarks shrink them). */
    public CallbackConfig withTiming(Duration leaseTime, Duration min, Duration max, Duration risk) {
        return new CallbackConfig(
                window,
                retry,
                rules,
                trunkCap,
                typicalCallDuration,
                leaseTime,
                min,
                max,
                claimBatch,
                risk,
                riskHorizon);
    }

    public CallbackConfig withCapacity(int cap, Duration callDuration, int batch) {
        return new CallbackConfig(
                window, retry, rules, cap, callDuration, lease, tickMin, tickMax, batch, riskInterval, riskHorizon);
    }

    private static void positive(Duration d, String key) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new ConfigException(key, "must be positive");
        }
    }
}
