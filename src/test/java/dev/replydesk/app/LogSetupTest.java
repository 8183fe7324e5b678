package dev.replydesk.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import org.junit.jupiter.api.Test;

class LogSetupTest {
    private static final String TOKEN = "123456789:AAFakeTokenForReplydeskTests_0123456789";

    private static String line(String message, Throwable t) {
        LoggerContext context = new LoggerContext();
        LogSetup.MaskedLayout layout = new LogSetup.MaskedLayout();
        layout.setContext(context);
        layout.start();
        Logger logger = context.getLogger("dev.replydesk.telegram.UpdatePoller");
        return layout.doLayout(new LoggingEvent(Logger.class.getName(), logger, Level.WARN, message, t, null));
    }

    @Test
    void aLineHasTheTimeLevelThreadAndShortenedLoggerAsTheXmlPatternWroteIt() {
        String line = line("polling stopped", null);
        assertTrue(line.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} WARN  \\[[^]]+] "
                + "d\\.r\\.t\\.UpdatePoller - polling stopped" + System.lineSeparator()), line);
    }

    @Test
    void theTokenIsMaskedInMessagesUrlsAndStackTraces() {
        String line = line("getUpdates https://api.telegram.org/bot" + TOKEN + "/getUpdates failed; token " + TOKEN,
                new IllegalStateException("posting to /bot42:short/sendMessage", new RuntimeException(TOKEN)));
        assertFalse(line.contains(TOKEN), line);
        assertFalse(line.contains("42:short"), line);
        assertTrue(line.contains("https://api.telegram.org/bot<token>/getUpdates failed; token <token>"), line);
        assertTrue(line.contains("java.lang.IllegalStateException: posting to /bot<token>/sendMessage"), line);
        assertTrue(line.contains("Caused by: java.lang.RuntimeException: <token>"), line);
        assertTrue(line.contains("\tat dev.replydesk.app.LogSetupTest."), line);
    }

    @Test
    void aConfigurationFileWinsOverTheBuiltInSetUp() {
        // the tests' logback-test.xml is on the class path
        LoggerContext context = new LoggerContext();
        assertEquals(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY, new LogSetup().configure(context));
        assertFalse(context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders().hasNext());
    }

    @Test
    void withoutAFileTheRootLogsToStderrAtTheChosenLevelAndTheNoisyLibrariesAtWarn() {
        LoggerContext context = new LoggerContext();
        String before = System.getProperty("replydesk.log.level");
        System.setProperty("replydesk.log.level", "DEBUG");
        try {
            LogSetup.apply(context);
        } finally {
            if (before == null) {
                System.clearProperty("replydesk.log.level");
            } else {
                System.setProperty("replydesk.log.level", before);
            }
        }
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertEquals(Level.DEBUG, root.getLevel());
        assertTrue(root.getAppender("STDERR") instanceof ConsoleAppender<?> c && c.getTarget().equals("System.err"));
        for (String noisy : new String[] {"com.zaxxer.hikari", "org.flywaydb", "okhttp3", "org.telegram"}) {
            assertEquals(Level.WARN, context.getLogger(noisy).getLevel(), noisy);
        }
        context.stop();
    }
}
