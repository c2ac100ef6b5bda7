package cn.jiesu.core.callback;

import cn.jiesu.core.config.ConfigException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * When to try again after an attempt that did not reach the citizen: per outcome a delay and a cap on attempts
 * (default 3 attempts, 10 minutes apart, for every outcome but ANSWERED). A retry is only ever scheduled strictly
 * before the callback's {@code placeBy}; a retry of a non-emergency callback that would fall into quiet hours
 * moves to the next opening, and is dropped when that is too late. Immutable, thread-safe.
 */
public record RetryPolicy(Map<CallbackOutcome, Retry> perOutcome) {
    public static final Duration DEFAULT_DELAY = Duration.ofMinutes(10);
    public static final int DEFAULT_MAX_ATTEMPTS = 3;
    public static final RetryPolicy DEFAULT = uniform(DEFAULT_DELAY, DEFAULT_MAX_ATTEMPTS);

    /**
     * The retry rule of one outcome.
     *
     * @param maxAttempts attempts in all (the first one included) after which an attempt ending with this outcome
     *                    is final
     */
    public record Retry(Duration delay, int maxAttempts) {
        public Retry {
            if (delay == null || delay.isNegative()) {
                throw new ConfigException("delay", "must be zero or positive");
            }
            if (maxAttempts < 1 || maxAttempts > 100) {
                throw new ConfigException("max-attempts", "must be between 1 and 100, was " + maxAttempts);
            }
        }
    }

    public RetryPolicy {
        EnumMap<CallbackOutcome, Retry> copy = new EnumMap<>(CallbackOutcome.class);
        copy.putAll(perOutcome);
        for (CallbackOutcome o : CallbackOutcome.values()) {
            if (!o.reached() && !copy.containsKey(o)) {
                throw new ConfigException(key(o), "missing");
            }
        }
        copy.remove(CallbackOutcome.ANSWERED);
        perOutcome = Map.copyOf(copy);
    }

    /** The same rule for every unreached outcome. */
    public static RetryPolicy uniform(Duration delay, int maxAttempts) {
        Map<CallbackOutcome, Retry> m = new EnumMap<>(CallbackOutcome.class);
        for (CallbackOutcome o : CallbackOutcome.values()) {
            if (!o.reached()) {
                m.put(o, new Retry(delay, maxAttempts));
            }
        }
        return new RetryPolicy(m);
    }

    public Retry rule(CallbackOutcome outcome) {
        return perOutcome.get(outcome);
    }

    /**
     * When the next attempt may start, or empty when the callback is final.
     *
     * @param attemptsMade started attempts so far, the one that just ended included
     * @param ended        when the attempt ended
     */
    public Optional<Instant> nextAttempt(
            int attemptsMade,
            CallbackOutcome outcome,
            Instant ended,
            Instant placeBy,
            boolean emergency,
            CallingWindow window) {
        if (outcome.reached()) {
            return Optional.empty();
        }
        Retry r = perOutcome.get(outcome);
        if (attemptsMade >= r.maxAttempts()) {
            return Optional.empty();
        }
        Instant at = ended.plus(r.delay());
        if (!emergency) {
            at = window.nextOpen(at);
        }
        return at.isBefore(placeBy) ? Optional.of(at) : Optional.empty();
    }

    /** The config key prefix of an outcome's rule, e.g. {@code callbacks.retry.no-answer}. */
    public static String key(CallbackOutcome outcome) {
        return "callbacks.retry." + outcome.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
