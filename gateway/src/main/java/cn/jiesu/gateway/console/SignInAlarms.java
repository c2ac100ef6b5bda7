package cn.jiesu.gateway.console;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;

/**
 * WARN lines an operator acts on: an extension whose wrong passwords lock an address out, or that has reached the
 * extension-wide cap (guesses from many addresses). At most one line per extension and kind per interval, so a
 * guessing attack cannot flood the log; the single wrong passwords stay at INFO. Thread-safe.
 */
final class SignInAlarms {
    private final Logger log;
    private final Clock clock;
    private final long intervalMillis;
    private final ConcurrentHashMap<String, Long> lastWarned = new ConcurrentHashMap<>();

    SignInAlarms(Logger log, Clock clock, Duration interval) {
        this.log = log;
        this.clock = clock;
        this.intervalMillis = interval.toMillis();
    }

    /** {@code agentWide}: the extension-wide cap, else one address's backoff. */
    void refused(String ext, String source, boolean agentWide, Duration retryAfter) {
        String key = ext + (agentWide ? "|cap" : "|address");
        long now = clock.millis();
        Long last = lastWarned.get(key);
        if (last != null && now - last < intervalMillis) {
            return;
        }
        if (last == null ? lastWarned.putIfAbsent(key, now) != null : !lastWarned.replace(key, last, now)) {
            return; // another thread warned meanwhile
        }
        if (agentWide) {
            log.warn(
                    "console sign-in: extension {} reached console.sign-in.agent-limit (wrong passwords from many "
                            + "addresses, the latest {}); only addresses it signed in from recently may try for {} s",
                    ext,
                    source,
                    retryAfter.toSeconds());
        } else {
            log.warn(
                    "console sign-in: extension {} locked for address {} after repeated wrong passwords; it may "
                            + "try again in {} s (further lockouts of this extension not logged for {} s)",
                    ext,
                    source,
                    retryAfter.toSeconds(),
                    intervalMillis / 1000);
        }
    }
}
