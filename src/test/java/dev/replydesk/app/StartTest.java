package dev.replydesk.app;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.replydesk.config.ConfigLoader;
import dev.replydesk.config.ReplydeskConfig;
import dev.replydesk.testing.FakeBotApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start of {@code run}: the reply checklist loads once polling has started (it checks
 * drafts, never a comment), yet a broken checklist rule file still stops the bot at start.
 */
class StartTest {
    @TempDir
    Path dir;

    @Test
    void aBrokenChecklistRuleFileStillStopsTheBotAtStartNamingTheFileAndTheKey() throws Exception {
        Files.createDirectories(dir.resolve("review"));
        Files.writeString(dir.resolve("review").resolve("ru.yml"), Files.readString(Path.of("config", "review", "ru.yml"))
                .replace("max_emoji: 1", "max_emoji: many"));
        try (FakeBotApi fake = FakeBotApi.start()) {
            String yaml = LiveBot.yaml(fake, "jdbc:h2:file:" + dir.toAbsolutePath().resolve("replydesk"), "");
            ReplydeskConfig config = ConfigLoader.parse(yaml, dir.resolve("replydesk.yml").toString(), Map.of());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> RunCommand.Bot.start(config, Clock.systemUTC()).close());
            assertTrue(e.getMessage().contains("ru.yml") && e.getMessage().contains("polite.max_emoji"), e.getMessage());
        }
    }
}
