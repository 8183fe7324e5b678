package dev.replydesk.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.pattern.TargetLengthBasedClassNameAbbreviator;
import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/**
 * replydesk's logging set-up, found by logback as a service at its first use. It does what a
 * {@code logback.xml} would, without reading XML: logback's XML configurator loads about a
 * thousand classes and costs a few hundred milliseconds of the start, before anything else runs.
 *
 * <p>Logs go to stderr, one line as {@code logback.xml}'s pattern
 * {@code %d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{20} - %msg%n%ex} would write it
 * (a pattern layout alone spins some eighty lambda classes at its first use). Bot tokens are masked in every line, messages and stack traces alike:
 * anything shaped like a token, and the token segment of Bot API URLs. The root level is the
 * system property {@code replydesk.log.level} (set by {@link Main}; INFO by default).
 *
 * <p>A configuration file still wins: with {@code -Dlogback.configurationFile=...}, or a
 * {@code logback-test.xml} on the class path (the tests'), logback reads that file instead.
 */
public final class LogSetup extends ContextAwareBase implements Configurator {
    /** Anything shaped like a bot token. */
    private static final Pattern TOKEN = Pattern.compile("\\d{5,}:[A-Za-z0-9_-]{30,}");
    /** The token segment of a Bot API URL. */
    private static final Pattern URL_TOKEN = Pattern.compile("/bot[^/\\s]+/");

    public LogSetup() {
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null
                || LogSetup.class.getClassLoader().getResource("logback-test.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        apply(context);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Sets {@code context} up: stderr, masked lines, the levels. */
    static void apply(LoggerContext context) {
        MaskedLayout layout = new MaskedLayout();
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.setLayout(layout);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        context.getLogger("com.zaxxer.hikari").setLevel(Level.WARN);
        context.getLogger("org.flywaydb").setLevel(Level.WARN);
        context.getLogger("okhttp3").setLevel(Level.WARN);
        context.getLogger("org.telegram").setLevel(Level.WARN);
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(System.getProperty("replydesk.log.level", "INFO"), Level.INFO));
        root.addAppender(stderr);
    }

    /** Masks the bot token in {@code text}: anything shaped like one, and the segment of a Bot API URL. */
    static String mask(String text) {
        return URL_TOKEN.matcher(TOKEN.matcher(text).replaceAll("<token>")).replaceAll("/bot<token>/");
    }

    /** One event as a line (and its stack trace), the token masked in both. */
    static final class MaskedLayout extends LayoutBase<ILoggingEvent> {
        private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
                .withZone(ZoneId.systemDefault());
        private final TargetLengthBasedClassNameAbbreviator logger = new TargetLengthBasedClassNameAbbreviator(20);
        private final ThrowableProxyConverter stack = new ThrowableProxyConverter();

        @Override
        public void start() {
            stack.setContext(getContext());
            stack.start();
            super.start();
        }

        @Override
        public String doLayout(ILoggingEvent e) {
            StringBuilder line = new StringBuilder(128);
            TIME.formatTo(Instant.ofEpochMilli(e.getTimeStamp()), line);
            String level = e.getLevel().toString();
            line.append(' ').append(level).append(" ".repeat(Math.max(0, 5 - level.length())))
                    .append(" [").append(e.getThreadName()).append("] ")
                    .append(logger.abbreviate(e.getLoggerName())).append(" - ");
            String body = e.getFormattedMessage() + CoreConstants.LINE_SEPARATOR + stack.convert(e);
            return line.append(mask(body)).toString();
        }
    }
}
