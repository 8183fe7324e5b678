package dev.replydesk.digest;

import static dev.replydesk.digest.DigestFixture.DAY;
import static dev.replydesk.digest.DigestFixture.MANAGER_EN;
import static dev.replydesk.digest.DigestFixture.MANAGER_RU;
import static dev.replydesk.digest.DigestFixture.MANAGER_UK;
import static dev.replydesk.digest.DigestFixture.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.replydesk.config.ReplydeskConfig;
import dev.replydesk.storage.Database;
import dev.replydesk.testing.TestDatabase;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigestSchedulerTest {
    @TempDir
    java.nio.file.Path dir;
    Database db;
    DigestFixture fixture;
    final ReplydeskConfig config = DigestFixture.config();
    final RecordingSink sink = new RecordingSink();

    @BeforeEach
    void setUp() {
        db = TestDatabase.open(dir);
        fixture = new DigestFixture(db);
        fixture.load();
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    private DigestScheduler scheduler(Database store, Instant now) {
        return new DigestScheduler(config, store, sink, DigestFixture.clockAt(now));
    }

    private long sentRows() {
        return fixture.count("SELECT COUNT(*) FROM digest_sent WHERE digest_day = ?", DAY);
    }

    private long queuedRows() {
        return fixture.count("SELECT COUNT(*) FROM audit WHERE action = 'test_queued'");
    }

    @Test
    void nothingIsSentBeforeTheDigestTime() {
        assertEquals(0, scheduler(db, at("2026-03-03T08:59:59")).tick());
        assertEquals(0, sentRows());
        assertTrue(sink.messages.isEmpty());
    }

    @Test
    void eachManagerGetsYesterdaysDigestAndChartInTheirLanguageAtTheDigestTime() throws Exception {
        DigestScheduler scheduler = scheduler(db, at("2026-03-03T09:00"));
        assertEquals(3, scheduler.tick());
        assertEquals(3, sentRows());
        assertTrue(sink.to(MANAGER_RU).get(0).text().startsWith("📊 <b>Дайджест за понедельник, 2 марта 2026</b>"));
        assertTrue(sink.to(MANAGER_UK).get(0).text().startsWith("📊 <b>Дайджест за понеділок, 2 березня 2026</b>"));
        assertTrue(sink.to(MANAGER_EN).get(0).text().startsWith("📊 <b>Digest for Monday, 2 March 2026</b>"));
        for (long manager : List.of(MANAGER_RU, MANAGER_UK, MANAGER_EN)) {
            List<RecordingSink.Message> got = sink.to(manager);
            assertEquals(List.of("send", "photo"), got.stream().map(RecordingSink.Message::kind).toList());
            assertEquals("digest:2026-03-02:" + manager, got.get(0).correlation());
            assertNotNull(ImageIO.read(new ByteArrayInputStream(got.get(1).content())));
        }
        assertEquals(0, scheduler.tick(), "a second tick the same day sends nothing");
        assertEquals(6, sink.messages.size());
    }

    @Test
    void aDigestMissedWhileTheBotWasDownIsSentAtTheFirstTickAfterStart() {
        // The bot was down at 09:00 and starts at 14:30: today's digest is missing and due.
        DigestScheduler started = scheduler(db, at("2026-03-03T14:30"));
        assertEquals(3, started.tick());
        assertEquals(3, sentRows());
        assertEquals(3, sink.messages.stream().filter(m -> m.correlation().startsWith("digest:2026-03-02:")
                && m.kind().equals("send")).count());
    }

    @Test
    void aFreshInstallSendsNoDigestOfTheDaysBeforeItSawItsFirstComment() {
        Database fresh = TestDatabase.open(dir.resolve("fresh"));
        try {
            assertEquals(0, scheduler(fresh, at("2026-03-03T14:30")).tick());
            assertTrue(sink.messages.isEmpty(), "the managers' first message is not an empty digest");
        } finally {
            fresh.close();
        }
    }

    @Test
    void theDigestGoesOutExactlyOnceAcrossARestart() {
        assertEquals(3, scheduler(db, at("2026-03-03T09:00")).tick());
        db.close();
        db = TestDatabase.open(dir);
        fixture = new DigestFixture(db);
        DigestScheduler restarted = scheduler(db, at("2026-03-03T09:01"));
        assertEquals(0, restarted.tick());
        assertEquals(0, scheduler(db, at("2026-03-03T23:59")).tick());
        assertEquals(3, sentRows());
        assertEquals(6, queuedRows());
        // The next day brings the next digest.
        assertEquals(3, scheduler(db, at("2026-03-04T09:00")).tick());
    }

    @Test
    void twoInstancesTickingOnOneStoreSendEachDigestOnce() throws Exception {
        try (Database other = TestDatabase.open(dir); ExecutorService pool = Executors.newFixedThreadPool(2)) {
            DigestScheduler a = scheduler(db, at("2026-03-03T09:00"));
            DigestScheduler b = scheduler(other, at("2026-03-03T09:00"));
            List<Future<Integer>> runs = pool.invokeAll(List.<Callable<Integer>>of(a::tick, b::tick));
            int sent = 0;
            for (Future<Integer> f : runs) {
                sent += f.get();
            }
            assertEquals(3, sent + a.tick() + b.tick());
        }
        assertEquals(3, sentRows());
        assertEquals(6, queuedRows());
    }

    @Test
    void aDigestWhoseMessagesCannotBeQueuedIsNotMarkedSentAndGoesOutAtTheNextTick() {
        sink.failing = m -> m.chatId() == MANAGER_UK && m.kind().equals("photo");
        DigestScheduler scheduler = scheduler(db, at("2026-03-03T09:00"));
        assertEquals(2, scheduler.tick());
        assertEquals(2, sentRows());
        assertEquals(4, queuedRows(), "the Ukrainian text queued before the failure was rolled back");
        sink.failing = m -> false;
        assertEquals(1, scheduler.tick());
        assertEquals(3, sentRows());
        assertEquals(6, queuedRows());
    }

    @Test
    void digestCommandSendsNowWithoutTakingTheDailySlot() {
        DigestScheduler scheduler = scheduler(db, at("2026-03-03T08:00"));
        scheduler.sendNow(MANAGER_EN);
        assertEquals(0, sentRows());
        List<RecordingSink.Message> got = sink.to(MANAGER_EN);
        assertEquals(2, got.size());
        assertTrue(got.get(0).text().contains("Digest for Monday, 2 March 2026"));
        assertEquals(3, scheduler(db, at("2026-03-03T09:00")).tick());
    }

    @Test
    void exportCommandQueuesTheSpreadsheetOfTheDaysAsked() {
        DigestScheduler scheduler = scheduler(db, at("2026-03-03T10:00"));
        boolean ok = db.inTransaction(c -> scheduler.exportFile(c, MANAGER_EN, "2026-03-02 2026-03-02 csv"));
        assertTrue(ok);
        RecordingSink.Message file = sink.to(MANAGER_EN).get(0);
        assertEquals("document", file.kind());
        assertEquals("replydesk-2026-03-02_2026-03-02.csv", file.fileName());
        assertEquals("Comments from 2026-03-02 to 2026-03-02, rows: 11. Times in Europe/Moscow.", file.text());
        assertTrue(new String(file.content(), java.nio.charset.StandardCharsets.UTF_8).startsWith("\uFEFFcomment_id,"));
    }

    @Test
    void exportWithoutDatesCoversTheLastThirtyDaysAsXlsx() {
        DigestScheduler scheduler = scheduler(db, at("2026-03-03T10:00"));
        assertTrue(db.<Boolean>inTransaction(c -> scheduler.exportFile(c, MANAGER_RU, "")));
        RecordingSink.Message file = sink.to(MANAGER_RU).get(0);
        assertEquals("replydesk-2026-02-02_2026-03-03.xlsx", file.fileName());
        assertTrue(file.text().contains("строк: 21"), file.text());
    }

    @Test
    void exportWithArgumentsItCannotReadAnswersHowToWriteThem() {
        DigestScheduler scheduler = scheduler(db, at("2026-03-03T10:00"));
        assertFalse(db.<Boolean>inTransaction(c -> scheduler.exportFile(c, MANAGER_UK, "вчора")));
        assertFalse(db.<Boolean>inTransaction(c -> scheduler.exportFile(c, MANAGER_UK, "2026-03-05 2026-03-01")));
        List<RecordingSink.Message> got = sink.to(MANAGER_UK);
        assertEquals(2, got.size());
        assertTrue(got.get(0).text().startsWith("Як вивантажити: /export"), got.get(0).text());
    }
}
