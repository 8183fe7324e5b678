package dev.replydesk.app;

import static dev.replydesk.app.LiveBot.COMMUNITY;
import static dev.replydesk.app.LiveBot.MODS;
import static dev.replydesk.app.LiveBot.MOD_A;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.replydesk.testing.FakeBotApi;
import dev.replydesk.testing.LogCapture;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Bot API misbehaving, with the whole bot running as {@code run} starts it against the fake
 * server: nothing is lost, nothing is sent twice, the backlog drains within the limits afterwards,
 * and the bot keeps answering meanwhile.
 */
class FaultsTest {
    static final Duration WAIT = Duration.ofSeconds(40);

    @TempDir
    Path dir;
    FakeBotApi fake;
    LiveBot bot;
    LogCapture logs;

    @BeforeEach
    void start() throws Exception {
        logs = LogCapture.capture();
        fake = FakeBotApi.start();
        bot = new LiveBot(fake, dir).start();
    }

    @AfterEach
    void stop() {
        bot.close();
        fake.close();
        logs.close();
    }

    private List<Long> comments(int n, String prefix) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(fake.pushMessage(COMMUNITY, 500_000 + ids.size() + prefix.hashCode() % 1000, "Customer",
                    prefix + " " + i + ": when will my order arrive?"));
        }
        return ids;
    }

    private void awaitCards(int n) {
        LiveBot.await(n + " cards", WAIT, () -> bot.cardsSent().size() >= n);
    }

    /** Every comment stored once and its card delivered exactly once. */
    private void assertEachCardOnce(int n) {
        assertEquals(n, bot.comments(), "comments stored");
        assertEquals(n, bot.scalar("SELECT COUNT(DISTINCT chat_id * 1000000 + message_id) FROM comment"));
        Map<Long, Integer> cards = bot.cardsSent();
        assertEquals(n, cards.size(), "cards delivered: " + cards);
        assertEquals(Map.of(), cards.entrySet().stream().filter(e -> e.getValue() != 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)), "cards delivered twice");
    }

    /**
     * No more deliveries to one chat than its token bucket lets out: between any two of them, at
     * most one more than {@code perSecond} times the time between them (one of slack for the jitter
     * of the HTTP hop on a loaded machine).
     */
    static void assertWithinRate(List<FakeBotApi.Request> delivered, double perSecond) {
        for (int i = 0; i < delivered.size(); i++) {
            for (int j = i + 1; j < delivered.size(); j++) {
                double seconds = Duration.between(delivered.get(i).at(), delivered.get(j).at()).toNanos() / 1e9;
                int between = j - i;
                assertTrue(between <= 2 + perSecond * seconds, between + " messages to one chat within "
                        + seconds + " s: faster than " + perSecond + "/s");
            }
        }
    }

    @Test
    void apiDownForAWhileLosesNothingSendsNothingTwiceAndAnswersCommandsWhenBack() {
        comments(5, "before");
        awaitCards(5);
        // a backlog the outbox is in the middle of sending when the server goes away
        comments(15, "burst");
        LiveBot.await("15 more comments stored", WAIT, () -> bot.comments() == 20);
        fake.down();
        Instant down = Instant.now();
        // what people write while the API is unreachable waits on Telegram's side
        comments(5, "during");
        long open = fake.pushMessage(MODS, MOD_A, "Moderator", "/open");
        sleep(Duration.ofSeconds(6));
        long stored = bot.comments();
        fake.up();
        long openMessage = open;
        LiveBot.await("the answer to /open", WAIT, () -> !bot.answersTo(openMessage).isEmpty());
        awaitCards(25);
        LiveBot.await("the outbox drained", WAIT, () -> bot.wiring().outbox.counts().pending() == 0);
        LiveBot.await("all updates acknowledged", WAIT, () -> fake.unconfirmedUpdates() == 0);

        assertEachCardOnce(25);
        assertEquals(1, bot.answersTo(open).size(), "/open answered once");
        assertEquals(20, stored, "nothing could be fetched while the API was down");
        assertTrue(Duration.between(down, Instant.now()).toSeconds() >= 6);
        assertWithinRate(bot.delivered(MODS), 5);
        assertFalse(logs.lines().isEmpty(), "the outage is logged");
    }

    @Test
    void a429StormIsWaitedOutExactlyWhileButtonPressesKeepBeingAnswered() {
        comments(1, "first");
        awaitCards(1);
        long commentId = bot.scalar("SELECT MIN(id) FROM comment");
        long cardMessage = bot.scalar("SELECT message_id FROM card WHERE comment_id = " + commentId);
        fake.failNext("sendMessage", 4, 429, 1);
        comments(5, "storm");
        String callback = fake.pushCallback(MODS, cardMessage, MOD_A, "Moderator", "tk:" + commentId);
        fake.awaitRequests(r -> r.method().equals("answercallbackquery")
                && callback.equals(r.body().path("callback_query_id").asText()), 1, Duration.ofSeconds(10));
        awaitCards(6);
        LiveBot.await("the outbox drained", WAIT, () -> bot.wiring().outbox.counts().pending() == 0);

        assertEachCardOnce(6);
        List<FakeBotApi.Request> toMods = fake.requests().stream()
                .filter(r -> r.chatId() != null && r.chatId() == MODS && !r.method().equals("answercallbackquery"))
                .toList();
        int storms = 0;
        for (int i = 0; i + 1 < toMods.size(); i++) {
            if (toMods.get(i).outcome().equals("error 429")) {
                storms++;
                Duration waited = Duration.between(toMods.get(i).at(), toMods.get(i + 1).at());
                assertTrue(waited.toMillis() >= 950, "asked again " + waited.toMillis() + " ms after a 429 "
                        + "that said retry_after 1 s");
            }
        }
        assertEquals(4, storms);
        assertEquals(1, fake.requests("answerCallbackQuery").size());
        assertEquals(MOD_A, bot.scalar("SELECT owner_id FROM comment WHERE id = " + commentId));
        logs.await("rate limited (429), waiting exactly 1 s", Duration.ofSeconds(1));
    }

    @Test
    void hangingSendsAreRetriedWithoutDuplicatesWhileCommentsKeepBeingStored() {
        fake.hangNext(2, Duration.ofSeconds(4));
        comments(1, "hung");
        fake.awaitRequests(r -> r.outcome().equals("hung"), 1, WAIT);
        // the outbox waits on a hung call; intake does not
        comments(4, "meanwhile");
        LiveBot.await("comments stored while a send hangs", Duration.ofSeconds(3), () -> bot.comments() == 5);
        awaitCards(5);
        LiveBot.await("the outbox drained", WAIT, () -> bot.wiring().outbox.counts().pending() == 0);

        assertEachCardOnce(5);
        assertEquals(2, fake.requests().stream().filter(r -> r.outcome().equals("hung")).count());
    }

    @Test
    void serverErrorsAndDroppedConnectionsAreRetriedAndEachCardGoesOnce() {
        fake.failNext(3, 502);
        fake.dropNext(2);
        fake.failNext("getUpdates", 2, 502, 0);
        fake.failNext("getUpdates", 1, 429, 2);
        comments(8, "flaky");
        awaitCards(8);
        LiveBot.await("the outbox drained", WAIT, () -> bot.wiring().outbox.counts().pending() == 0);
        LiveBot.await("all updates acknowledged", WAIT, () -> fake.unconfirmedUpdates() == 0);

        assertEachCardOnce(8);
        assertEquals(8, bot.scalar("SELECT COUNT(*) FROM processed_update"));
        assertEquals(3, fake.requests("getUpdates").stream().filter(r -> !r.ok()).count());
        assertEquals(2, fake.requests().stream().filter(r -> r.outcome().equals("dropped")).count());
        assertWithinRate(bot.delivered(MODS), 5);
        logs.await("getUpdates: 429 Too Many Requests; retrying in 2 s", Duration.ofSeconds(1));
        logs.await("getUpdates failed", Duration.ofSeconds(1));
    }

    @Test
    void withTelegramsOwnLimitsABacklogToTheModeratorsChatGoesOutAtTwentyAMinute() {
        bot.stop();
        bot.start(dev.replydesk.outbox.Outbox.Settings.defaults());
        comments(4, "real limits");
        awaitCards(4);
        List<FakeBotApi.Request> cards = bot.delivered(MODS);
        assertEquals(4, cards.size());
        // one every 3 s; a single gap may look shorter by the jitter of the HTTP hop, the span may not
        for (int i = 1; i < cards.size(); i++) {
            Duration gap = Duration.between(cards.get(i - 1).at(), cards.get(i).at());
            assertTrue(gap.toMillis() >= 2_400, "cards " + gap.toMillis() + " ms apart: over 20 a minute");
        }
        Duration span = Duration.between(cards.get(0).at(), cards.get(3).at());
        assertTrue(span.toMillis() >= 8_700, "4 cards within " + span.toMillis() + " ms: over 20 a minute");
        assertEachCardOnce(4);
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static List<Long> range(long from, long to) {
        return LongStream.range(from, to).boxed().toList();
    }
}
