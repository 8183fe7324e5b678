package dev.replydesk.app;

import static dev.replydesk.app.LiveBot.COMMUNITY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.replydesk.testing.DiskFull;
import dev.replydesk.testing.FakeBotApi;
import dev.replydesk.testing.LogCapture;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store failing under a running bot (locked, disk full): the failure is logged clearly, no
 * update is acknowledged, and once the store is back the same updates are fetched again and
 * stored once.
 */
class StorageFaultsTest {
    static final Duration WAIT = Duration.ofSeconds(40);

    @TempDir
    Path dir;
    FakeBotApi fake;
    LiveBot bot;
    LogCapture logs;

    @BeforeEach
    void start() {
        logs = LogCapture.capture();
        fake = FakeBotApi.start();
    }

    @AfterEach
    void stop() {
        DiskFull.full(false);
        if (bot != null) {
            bot.close();
        }
        fake.close();
        logs.close();
    }

    private void comments(int n, String prefix) {
        for (int i = 0; i < n; i++) {
            fake.pushMessage(COMMUNITY, 600_000 + i, "Customer", prefix + " " + i + ": is the shop open on Sunday?");
        }
    }

    private void assertEachCardOnce(int n) {
        assertEquals(n, bot.comments());
        Map<Long, Integer> cards = bot.cardsSent();
        assertEquals(n, cards.size(), "cards: " + cards);
        assertTrue(cards.values().stream().allMatch(v -> v == 1), "a card went twice: " + cards);
    }

    /** getUpdates calls since {@code from}, each with the offset it asked for. */
    private List<Long> offsetsAsked(int from) {
        List<FakeBotApi.Request> polls = fake.requests("getUpdates");
        return polls.subList(Math.min(from, polls.size()), polls.size()).stream()
                .map(r -> r.body().path("offset").asLong(0)).toList();
    }

    @Test
    void aLockedStoreStopsAcknowledgingAndTheSameUpdatesAreStoredOnceWhenItIsFree() throws Exception {
        bot = new LiveBot(fake, dir, "jdbc:h2:file:" + dir.toAbsolutePath().resolve("replydesk") + ";LOCK_TIMEOUT=1000",
                "").start();
        comments(1, "before");
        LiveBot.await("the first comment's card", WAIT, () -> bot.cardsSent().size() == 1);
        long offset = bot.offset();

        // someone else holds the polling state (a long transaction, another instance, a console)
        try (Connection locker = bot.db().dataSource().getConnection()) {
            locker.setAutoCommit(false);
            try (ResultSet rs = locker.createStatement()
                    .executeQuery("SELECT * FROM poll_state WHERE name = 'offset' FOR UPDATE")) {
                assertTrue(rs.next());
            }
            comments(3, "locked");
            String line = logs.await("the store failed; updates are not acknowledged", WAIT);
            assertTrue(line.contains("Timeout trying to lock table"), line);
            int polls = fake.requests("getUpdates").size();
            logs.await("the store failed", Duration.ofSeconds(1));
            Thread.sleep(3_000);

            assertEquals(offset, bot.offset(), "nothing acknowledged");
            assertEquals(1, bot.comments(), "nothing half-stored");
            assertEquals(3, fake.unconfirmedUpdates(), "the updates wait on Telegram's side");
            assertTrue(offsetsAsked(polls).stream().allMatch(o -> o == offset),
                    "asked again from the same offset: " + offsetsAsked(polls));
            locker.rollback();
        }
        LiveBot.await("the updates stored once the lock is gone", WAIT, () -> bot.comments() == 4);
        LiveBot.await("all cards", WAIT, () -> bot.cardsSent().size() == 4);
        LiveBot.await("all updates acknowledged", WAIT, () -> fake.unconfirmedUpdates() == 0);
        assertEachCardOnce(4);
        assertEquals(4, bot.scalar("SELECT COUNT(*) FROM processed_update"));
    }

    @Test
    void aFullDiskStopsAcknowledgingAndTheSameUpdatesAreStoredOnceWhenThereIsRoomAgain() throws Exception {
        bot = new LiveBot(fake, dir, DiskFull.h2Url(dir), "").start();
        comments(2, "before");
        LiveBot.await("the first cards", WAIT, () -> bot.cardsSent().size() == 2);
        long offset = bot.offset();

        DiskFull.full(true);
        comments(3, "full");
        String line = logs.await("the store failed; updates are not acknowledged", WAIT);
        assertTrue(line.contains("No space left on device"), line);
        Thread.sleep(3_000);
        assertEquals(3, fake.unconfirmedUpdates(), "nothing acknowledged while the disk is full");
        DiskFull.full(false);

        LiveBot.await("the updates stored once there is room", WAIT, () -> {
            try {
                return bot.comments() == 5;
            } catch (RuntimeException e) {
                return false;
            }
        });
        LiveBot.await("all cards", WAIT, () -> bot.cardsSent().size() == 5);
        LiveBot.await("all updates acknowledged", WAIT, () -> fake.unconfirmedUpdates() == 0);
        assertTrue(bot.offset() > offset);
        assertEachCardOnce(5);
    }
}
