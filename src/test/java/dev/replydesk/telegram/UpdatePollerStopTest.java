package dev.replydesk.telegram;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.replydesk.inbox.Analysis;
import dev.replydesk.inbox.DraftChecker;
import dev.replydesk.inbox.Intake;
import dev.replydesk.inbox.Ledger;
import dev.replydesk.config.ConfigLoader;
import dev.replydesk.config.ReplydeskConfig;
import dev.replydesk.language.Lang;
import dev.replydesk.language.Texts;
import dev.replydesk.outbox.Outbox;
import dev.replydesk.outbox.OutboxListener;
import dev.replydesk.storage.Database;
import dev.replydesk.testing.FakeBotApi;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stop never waits out a retry the poller was told to wait (429 retry_after, 409). */
class UpdatePollerStopTest {
    @TempDir
    Path dir;

    @Test
    void closeDuringA429RetryAfterReturnsAtOnce() throws Exception {
        try (FakeBotApi fake = FakeBotApi.start();
                Database db = Database.open("jdbc:h2:file:" + dir.resolve("db").toAbsolutePath());
                TelegramBotApi api = new TelegramBotApi(fake.token(), fake.uri())) {
            ReplydeskConfig config = ConfigLoader.parse("""
                    telegram:
                      token: "%s"
                      api-url: %s
                    communities:
                      - chat-id: -1001
                        name: Brand chat
                    moderators:
                      chat-id: -1002
                      users: [11]
                    storage:
                      url: "jdbc:h2:file:%s"
                    """.formatted(fake.token(), fake.uri(), dir.resolve("db").toAbsolutePath().toString()
                    .replace('\\', '/')), "stop.yml", Map.of());
            Outbox outbox = new Outbox(db, api, OutboxListener.NONE, Clock.systemUTC(), Outbox.Settings.defaults());
            Texts texts = new Texts();
            Intake intake = new Intake(config, db, outbox, text -> Analysis.unclassified(Lang.RU), DraftChecker.NONE,
                    new Ledger(config, db, outbox, texts, Clock.systemUTC()), texts, Clock.systemUTC());
            fake.failNext("getUpdates", 1, 429, 60);
            UpdatePoller poller = new UpdatePoller(intake, api, fake.token(), fake.uri(), Duration.ofSeconds(1));
            poller.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (fake.requests("getUpdates").isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Thread.sleep(300); // the poller is now waiting out retry_after = 60 s
            long t0 = System.nanoTime();
            poller.close();
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms < 3_000, "close took " + ms + " ms");
            outbox.close();
        }
    }
}
