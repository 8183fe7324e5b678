package dev.replydesk.digest;

import static dev.replydesk.digest.DigestFixture.MANAGER_EN;
import static dev.replydesk.digest.DigestFixture.MANAGER_RU;
import static dev.replydesk.digest.DigestFixture.MANAGER_UK;
import static dev.replydesk.digest.DigestFixture.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.replydesk.outbox.Outbox;
import dev.replydesk.outbox.OutboxListener;
import dev.replydesk.storage.Database;
import dev.replydesk.telegram.TelegramBotApi;
import dev.replydesk.testing.FakeBotApi;
import dev.replydesk.testing.TestDatabase;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The digest and the export go through the real outbox to a fake Bot API server on loopback. */
class DigestThroughTheOutboxTest {
    @TempDir
    Path dir;
    Database db;
    FakeBotApi fake;
    TelegramBotApi api;
    Outbox outbox;
    DigestFixture fixture;

    @BeforeEach
    void setUp() {
        db = TestDatabase.open(dir);
        fixture = new DigestFixture(db);
        fixture.load();
        fake = FakeBotApi.start();
        api = new TelegramBotApi(fake.token(), fake.uri(), Duration.ofSeconds(5));
        outbox = new Outbox(db, api, OutboxListener.NONE, Clock.systemUTC(), Outbox.Settings.defaults()
                .withRates(10_000, 1_000_000, 10_000, 10_000).withPollInterval(Duration.ofMillis(10)));
        outbox.start();
    }

    @AfterEach
    void tearDown() {
        outbox.close();
        api.close();
        fake.close();
        db.close();
    }

    @Test
    void eachManagerReceivesTheDigestTextAndChartOnce() throws Exception {
        DigestScheduler scheduler = new DigestScheduler(DigestFixture.config(), db, DigestSink.of(outbox),
                DigestFixture.clockAt(at("2026-03-03T09:00")));
        assertEquals(3, scheduler.tick());
        assertEquals(0, scheduler.tick());
        for (long manager : List.of(MANAGER_RU, MANAGER_UK, MANAGER_EN)) {
            fake.awaitRequests(FakeBotApi.ok("sendMessage", manager), 1, Duration.ofSeconds(20));
            fake.awaitRequests(FakeBotApi.ok("sendPhoto", manager), 1, Duration.ofSeconds(20));
        }
        FakeBotApi.Posted text = fake.sent(MANAGER_EN).get(0);
        assertTrue(text.text().startsWith("📊 Digest for Monday, 2 March 2026"), text.text());
        assertTrue(text.text().contains("Борис <mod>"), "escaped HTML arrives as the plain name");
        FakeBotApi.Posted chart = fake.sent(MANAGER_EN).get(1);
        assertNotNull(ImageIO.read(new ByteArrayInputStream(chart.file().bytes())));
        assertEquals(6, fixture.count("SELECT COUNT(*) FROM outbox WHERE correlation LIKE 'digest:2026-03-02:%'"));
    }

    @Test
    void anExportArrivesAsADocument() {
        DigestScheduler scheduler = new DigestScheduler(DigestFixture.config(), db, DigestSink.of(outbox),
                DigestFixture.clockAt(at("2026-03-03T10:00")));
        db.inTransaction(c -> scheduler.exportFile(c, MANAGER_RU, "2026-03-02 xlsx"));
        fake.awaitRequests(FakeBotApi.ok("sendDocument", MANAGER_RU), 1, Duration.ofSeconds(20));
        FakeBotApi.Posted file = fake.sent(MANAGER_RU).get(0);
        assertEquals("replydesk-2026-03-02_2026-03-03.xlsx", file.file().fileName());
        assertTrue(file.text().startsWith("Комментарии с 2026-03-02 по 2026-03-03, строк: 14."), file.text());
    }
}
