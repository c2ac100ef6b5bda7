package cn.jiesu.gateway.channels;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Runs an action on SIGHUP (the operator's "reload your rules"), and puts the previous handler back on close. Where
 * the platform has no SIGHUP (or the JVM reserves it) this does nothing but log.
 */
public final class Sighup implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Sighup.class);

    private final Signal signal;
    private final SignalHandler previous;

    private Sighup(Signal signal, SignalHandler previous) {
        this.signal = signal;
        this.previous = previous;
    }

    public static Sighup install(String what, Runnable action) {
        try {
            Signal hup = new Signal("HUP");
            SignalHandler previous = Signal.handle(hup, s -> {
                LOG.info("SIGHUP: {}", what);
                try {
                    action.run();
                } catch (RuntimeException e) {
                    LOG.warn("SIGHUP: {} failed: {}", what, e.toString());
                }
            });
            if (previous == SignalHandler.SIG_IGN) {
                // Started with SIGHUP ignored (nohup, a supervisor's setting): the JVM then installs no handler and
                // says nothing, so the operator's kill -HUP would do nothing, silently.
                LOG.warn(
                        "SIGHUP is ignored by this process (started under nohup?): kill -HUP will not {}; use the"
                                + " admin endpoint or the file watch",
                        what);
                return new Sighup(null, null);
            }
            return new Sighup(hup, previous);
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            LOG.info("SIGHUP is not available here ({}); use the admin endpoint to {}", e.getMessage(), what);
            return new Sighup(null, null);
        }
    }

    /** Whether a SIGHUP reaches the action. */
    public boolean active() {
        return signal != null;
    }

    @Override
    public void close() {
        if (signal != null && previous != null) {
            try {
                Signal.handle(signal, previous);
            } catch (IllegalArgumentException e) {
                LOG.debug("could not restore the SIGHUP handler: {}", e.getMessage());
            }
        }
    }
}
