package dev.replydesk.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.slf4j.LoggerFactory;

/**
 * Collects what replydesk logs at WARN and above while a test runs, so a test can assert that a
 * failure was told clearly (and that nothing leaked, such as the token).
 */
public final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {
    private final List<ILoggingEvent> events = new ArrayList<>();
    private final Logger root;

    private LogCapture() {
        root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        setName("log-capture");
        setContext(root.getLoggerContext());
        start();
        root.addAppender(this);
    }

    /** Starts collecting on the root logger. */
    public static LogCapture capture() {
        return new LogCapture();
    }

    @Override
    protected synchronized void append(ILoggingEvent e) {
        if (e.getLevel().isGreaterOrEqual(Level.WARN)) {
            e.prepareForDeferredProcessing();
            events.add(e);
            notifyAll();
        }
    }

    /** Every collected line as "LEVEL logger - message". */
    public synchronized List<String> lines() {
        return events.stream().map(e -> e.getLevel() + " " + e.getLoggerName() + " - " + e.getFormattedMessage())
                .toList();
    }

    public List<String> lines(Predicate<String> filter) {
        return lines().stream().filter(filter).toList();
    }

    /** Waits until a line containing {@code fragment} was logged; returns it. */
    public synchronized String await(String fragment, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (ILoggingEvent e : events) {
                String line = e.getLevel() + " " + e.getLoggerName() + " - " + e.getFormattedMessage();
                if (line.contains(fragment)) {
                    return line;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no log line containing \"" + fragment + "\" within " + timeout
                        + "; logged: " + lines());
            }
            try {
                wait(Math.max(1, Math.min(left / 1_000_000, 100)));
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", ex);
            }
        }
    }

    @Override
    public void close() {
        root.detachAppender(this);
        stop();
    }
}
