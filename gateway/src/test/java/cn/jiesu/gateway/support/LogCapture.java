package cn.jiesu.gateway.support;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Every log event of this JVM while open, kept in memory: lets a test assert that a client's mistake wrote no stack
 * trace and at most a WARN line.
 */
public final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {
    private final List<ILoggingEvent> events = new ArrayList<>();

    public static LogCapture attach() {
        LogCapture c = new LogCapture();
        c.setContext(root().getLoggerContext());
        c.start();
        root().addAppender(c);
        return c;
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    @Override
    protected synchronized void append(ILoggingEvent e) {
        e.prepareForDeferredProcessing();
        events.add(e);
    }

    public synchronized List<ILoggingEvent> events() {
        return List.copyOf(events);
    }

    /** Events carrying a stack trace, as "LEVEL logger: message (exception)" lines. */
    public synchronized List<String> stackTraces() {
        return events.stream()
                .filter(e -> e.getThrowableProxy() != null)
                .map(e -> e.getLevel() + " " + e.getLoggerName() + ": " + e.getFormattedMessage() + " ("
                        + e.getThrowableProxy().getClassName() + ": "
                        + e.getThrowableProxy().getMessage() + ")")
                .toList();
    }

    public synchronized void clear() {
        events.clear();
    }

    @Override
    public void close() {
        root().detachAppender(this);
        stop();
    }
}
