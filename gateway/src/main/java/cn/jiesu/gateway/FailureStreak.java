package cn.jiesu.gateway;

import cn.jiesu.redis.StoreFailures;
import org.slf4j.Logger;

/**
 * How a repeating job logs its failures: a WARN when it starts failing or fails otherwise, DEBUG while the same
 * failure repeats, an INFO when it works again. A Redis outage would otherwise warn every round of every loop and
 * timer (a fresh operator counted 73-88 WARN lines a minute per gateway). Thread-safe.
 */
public final class FailureStreak {
    private final Logger log;
    private final String name;
    private int failing;
    private String said;

    /** @param name what the lines start with (a loop's name, "draft sweep") */
    public FailureStreak(Logger log, String name) {
        this.log = log;
        this.name = name;
    }

    public synchronized void failed(Throwable e) {
        failing++;
        // Without the wrappers future composition adds: the message names the failure, not the plumbing.
        String what = StoreFailures.unwrap(e).toString();
        if (what.equals(said)) {
            log.debug("{}: {} (round {} failing)", name, what, failing);
        } else {
            said = what;
            log.warn("{}: {}", name, what);
        }
    }

    public synchronized void succeeded() {
        if (failing > 0) {
            log.info("{}: works again after {} failed round(s)", name, failing);
            failing = 0;
            said = null;
        }
    }
}
