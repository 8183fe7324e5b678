package dev.replydesk.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.replydesk.storage.Database;
import dev.replydesk.telegram.TelegramBotApi;
import dev.replydesk.testing.FakeBotApi;
import dev.replydesk.testing.MutableClock;
import dev.replydesk.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The outbox against a real store (H2, and PostgreSQL when there is one: see {@link TestDatabase})
 * and the real TelegramBots client talking to a fake Bot API server.
 */
@ParameterizedClass
@MethodSource("dev.replydesk.testing.TestDatabase#kinds")
class OutboxTest {
    static final long USER = 111_111L;          // a private chat: 1 message/s
    static final long OTHER_USER = 222_222L;
    static final long GROUP = -1001234567890L;  // a group: also 20 messages/min
    static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    @Parameter
    TestDatabase.Kind kind;
    TestDatabase.Store store;
    Database db;
    MutableClock clock;
    FakeBotApi fake;
    TelegramBotApi api;
    Recorder listener;
    List<Outbox> outboxes = new ArrayList<>();

    @BeforeEach
    void setUp() {
        store = TestDatabase.create(kind, dir);
        db = store.open();
        clock = new MutableClock();
        fake = FakeBotApi.start(clock);
        api = new TelegramBotApi(fake.token(), fake.uri(), Duration.ofSeconds(1));
        listener = new Recorder();
    }

    @AfterEach
    void tearDown() {
        if (store == null) {
            return; // skipped: no PostgreSQL
        }
        outboxes.forEach(Outbox::stop);
        api.close();
        fake.close();
        store.close();
    }

    Outbox.Settings settings() {
        return Outbox.Settings.defaults().withPollInterval(Duration.ofMillis(20)).withDrainOnStop(Duration.ZERO)
                .withLease(Duration.ofSeconds(30));
    }

    Outbox outbox(Outbox.Settings settings) {
        Outbox o = new Outbox(db, api, listener, clock, settings, new Random(7));
        outboxes.add(o);
        return o;
    }

    Outbox started() {
        Outbox o = outbox(settings());
        o.start();
        return o;
    }

    // ---- order and pacing -------------------------------------------------------------------

    @Test
    void messagesToOneChatGoOutInOrderOnePerSecond() throws Exception {
        Outbox outbox = started();
        for (int i = 1; i <= 5; i++) {
            outbox.enqueue(new Outgoing.Send(USER, "message " + i), "m" + i);
        }
        Instant t0 = clock.instant();
        fake.awaitRequests(FakeBotApi.ok("sendMessage", USER), 1, WAIT);
        for (int i = 2; i <= 5; i++) {
            clock.advance(Duration.ofMillis(999));
            outbox.wakeUp();
            quiet();
            assertEquals(i - 1, fake.sent(USER).size(), "not before a second has passed");
            clock.advance(Duration.ofMillis(1));
            outbox.wakeUp();
            fake.awaitRequests(FakeBotApi.ok("sendMessage", USER), i, WAIT);
        }
        assertEquals(List.of("message 1", "message 2", "message 3", "message 4", "message 5"), texts(USER));
        List<Instant> at = fake.requests("sendMessage").stream().map(FakeBotApi.Request::at).toList();
        for (int i = 0; i < at.size(); i++) {
            assertEquals(t0.plusSeconds(i), at.get(i));
        }
        waitFor(() -> outbox.counts().equals(new Outbox.Counts(0, 5, 0)));
    }

    @Test
    void aGroupGetsAtMostTwentyMessagesAMinute() throws Exception {
        Outbox outbox = started();
        for (int i = 1; i <= 25; i++) {
            outbox.enqueue(new Outgoing.Send(GROUP, "card " + i), null);
        }
        fake.awaitRequests(FakeBotApi.ok("sendMessage", GROUP), 1, WAIT);
        for (int second = 1; second < 60; second++) {
            clock.advance(Duration.ofSeconds(1));
            outbox.wakeUp();
            if (second % 3 == 0) {
                fake.awaitRequests(FakeBotApi.ok("sendMessage", GROUP), second / 3 + 1, WAIT);
            }
        }
        quiet();
        assertEquals(20, fake.sent(GROUP).size(), "20 in the first minute, one every 3 s");
        clock.advance(Duration.ofSeconds(1));
        outbox.wakeUp();
        fake.awaitRequests(FakeBotApi.ok("sendMessage", GROUP), 21, WAIT);
        assertEquals(IntStream.rangeClosed(1, 21).mapToObj(i -> "card " + i).toList(), texts(GROUP));
        List<Instant> at = fake.requests("sendMessage").stream().map(FakeBotApi.Request::at).toList();
        for (int i = 20; i < at.size(); i++) {
            assertTrue(Duration.between(at.get(i - 20), at.get(i)).compareTo(Duration.ofMinutes(1)) >= 0,
                    "never 21 within a minute");
        }
    }

    @Test
    void whileAGroupIsRateLimitedNormalRowsOvertakeLowOnesAndEachLaneKeepsItsOrder() throws Exception {
        Outbox outbox = started();
        db.inTransaction(c -> {
            for (int i = 1; i <= 3; i++) {
                outbox.enqueue(c, new Outgoing.Send(GROUP, "praise " + i), null, Outbox.Priority.LOW);
            }
            for (int i = 1; i <= 3; i++) {
                outbox.enqueue(c, new Outgoing.Send(GROUP, "complaint " + i), null);
            }
            return null;
        });
        pumpUntil(Duration.ofSeconds(1), () -> fake.sent(GROUP).size() == 6);
        assertEquals(List.of("complaint 1", "complaint 2", "complaint 3", "praise 1", "praise 2", "praise 3"),
                texts(GROUP));
    }

    @Test
    void answersToModeratorsOvertakeCardsAndNudges() throws Exception {
        Outbox outbox = started();
        db.inTransaction(c -> {
            outbox.enqueue(c, new Outgoing.Send(GROUP, "praise card"), null, Outbox.Priority.LOW);
            outbox.enqueue(c, new Outgoing.Send(GROUP, "complaint card"), null);
            outbox.enqueue(c, new Outgoing.Send(GROUP, "nudge"), null, Outbox.Priority.NORMAL);
            outbox.enqueue(c, new Outgoing.Send(GROUP, "/open: 3 open items"), null, Outbox.Priority.HIGH);
            return null;
        });
        pumpUntil(Duration.ofSeconds(1), () -> fake.sent(GROUP).size() == 4);
        assertEquals(List.of("/open: 3 open items", "complaint card", "nudge", "praise card"), texts(GROUP));
    }

    @Test
    void anEditKeepsTheLaneOfItsCardAndAnUrgentEditTakesTheCardAndEarlierEditsAlong() throws Exception {
        Outbox outbox = started();
        long[] ids = db.inTransaction(c -> {
            long low = outbox.enqueue(c, new Outgoing.Send(GROUP, "praise card"), "card:1", Outbox.Priority.LOW);
            outbox.enqueue(c, new Outgoing.Edit(GROUP, MessageRef.outboxRow(low), "praise card: seen", null),
                    "cardedit:1", Outbox.Priority.LOW);
            long other = outbox.enqueue(c, new Outgoing.Send(GROUP, "other praise card"), "card:2",
                    Outbox.Priority.LOW);
            outbox.enqueue(c, new Outgoing.Send(GROUP, "question card"), "card:3");
            // the comment was edited into a complaint: its card must now go first, edits in order
            long urgent = outbox.enqueue(c, new Outgoing.Edit(GROUP, MessageRef.outboxRow(low),
                    "complaint card", null), "cardedit:1");
            return new long[] {low, other, urgent};
        });
        assertEquals(Outbox.Priority.NORMAL.ordinal(), intColumn(ids[0], "lane"), "the card was promoted");
        assertEquals(Outbox.Priority.LOW.ordinal(), intColumn(ids[1], "lane"), "the other card was not");
        pumpUntil(Duration.ofSeconds(1), () -> listener.events.size() == 5);
        List<String> order = listener.events.stream().map(e -> e.split(" ")[2]).toList();
        assertEquals(List.of("card:1", "cardedit:1", "card:3", "cardedit:1", "card:2"), order);
        assertEquals("complaint card", fake.sent(GROUP).get(0).text(), "the last edit won");
    }

    @Test
    void anEditOfASentLowCardByMessageIdStaysBehindItsEarlierEdits() throws Exception {
        Outbox outbox = started();
        db.inTransaction(c -> outbox.enqueue(c, new Outgoing.Send(GROUP, "praise card"), "card:1",
                Outbox.Priority.LOW));
        pumpUntil(Duration.ofSeconds(1), () -> listener.events.size() == 1);
        long messageId = fake.sent(GROUP).get(0).messageId();
        db.inTransaction(c -> {
            outbox.enqueue(c, new Outgoing.Edit(GROUP, MessageRef.message(messageId), "seen", null), "cardedit:1",
                    Outbox.Priority.LOW);
            outbox.enqueue(c, new Outgoing.Send(GROUP, "question card"), "card:2");
            // without promotion "taken" would go before "seen" and the card would end up stale
            outbox.enqueue(c, new Outgoing.Edit(GROUP, MessageRef.message(messageId), "taken", null), "cardedit:1");
            return null;
        });
        pumpUntil(Duration.ofSeconds(1), () -> listener.events.size() == 4);
        assertEquals(List.of("card:1", "cardedit:1", "card:2", "cardedit:1"),
                listener.events.stream().map(e -> e.split(" ")[2]).toList());
        assertEquals("taken", fake.sent(GROUP).get(0).text(), "the last edit won");
    }

    @Test
    void allChatsTogetherStayWithinTheOverallRate() throws Exception {
        Outbox outbox = started();
        for (long chat = 1; chat <= 40; chat++) {
            outbox.enqueue(new Outgoing.Send(chat, "hello " + chat), null);
        }
        fake.awaitRequests(r -> r.ok() && r.method().equals("sendmessage"), 5, WAIT);
        quiet();
        assertEquals(5, fake.requests("sendMessage").size(), "a burst of 5, then 25/s");
        clock.advance(Duration.ofMillis(40));
        outbox.wakeUp();
        fake.awaitRequests(r -> r.ok() && r.method().equals("sendmessage"), 6, WAIT);
        for (int k = 1; k <= 25; k++) {
            clock.advance(Duration.ofMillis(40));
            outbox.wakeUp();
            fake.awaitRequests(r -> r.ok() && r.method().equals("sendmessage"), 6 + k, WAIT);
        }
        quiet();
        assertEquals(31, fake.requests("sendMessage").size(), "25 more in the next second, one every 40 ms");
    }

    @Test
    void anEnqueueWakesTheThreadAtOnceWhenItsTransactionCommits() throws Exception {
        Outbox outbox = new Outbox(db, api, listener, java.time.Clock.systemUTC(),
                settings().withPollInterval(Duration.ofSeconds(30)), new Random(1));
        outboxes.add(outbox);
        outbox.start();
        Thread.sleep(300);
        long t0 = System.nanoTime();
        db.inTransaction(c -> {
            outbox.enqueue(c, new Outgoing.Send(USER, "now"), null);
            java.util.concurrent.locks.LockSupport.parkNanos(100_000_000L);
            return null;
        });
        fake.awaitRequests(FakeBotApi.ok("sendMessage", USER), 1, WAIT);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < 3_000, "sent " + ms + " ms after the enqueue, long before the 30 s poll");
    }

    // ---- Telegram says no, or nothing ---------------------------------------------------------

    @Test
    void tooManyRequestsWaitsExactlyRetryAfterForThatChatOnly() throws Exception {
        Outbox outbox = started();
        fake.failNext(1, 429, 7);
        Instant t0 = clock.instant();
        long first = outbox.enqueue(new Outgoing.Send(GROUP, "first"), null);
        outbox.enqueue(new Outgoing.Send(GROUP, "second"), null);
        outbox.enqueue(new Outgoing.Send(USER, "elsewhere"), null);

        fake.awaitRequests(r -> r.outcome().equals("error 429"), 1, WAIT);
        fake.awaitRequests(FakeBotApi.ok("sendMessage", USER), 1, WAIT);
        clock.advance(Duration.ofMillis(6_999));
        outbox.wakeUp();
        quiet();
        assertEquals(List.of(), texts(GROUP), "nothing before retry_after has passed");
        clock.advance(Duration.ofMillis(1));
        outbox.wakeUp();
        List<FakeBotApi.Request> ok = fake.awaitRequests(FakeBotApi.ok("sendMessage", GROUP), 1, WAIT);
        assertEquals(t0.plusSeconds(7), ok.get(0).at());
        assertEquals(0, intColumn(first, "failures"), "a 429 is not a failed attempt");
        pumpUntil(Duration.ofSeconds(1), () -> texts(GROUP).size() == 2);
        assertEquals(List.of("first", "second"), texts(GROUP));
    }

    @Test
    void serverErrorsDroppedConnectionsAndHangsAreRetriedAndDeliveredExactlyOnce() throws Exception {
        Outbox outbox = started();
        fake.failNext(2, 500);
        fake.dropNext(1);
        fake.hangNext(1, Duration.ofSeconds(3));
        fake.failNext(1, 502);
        long id = outbox.enqueue(new Outgoing.Send(USER, "survivor"), "s");
        outbox.enqueue(new Outgoing.Send(USER, "next"), "n");

        pumpUntil(Duration.ofSeconds(1), () -> listener.events.size() == 2);
        assertEquals(List.of("survivor", "next"), texts(USER));
        assertEquals(List.of("error 500", "error 500", "dropped", "hung", "error 502", "ok", "ok"),
                fake.requests("sendMessage").stream().map(FakeBotApi.Request::outcome).toList());
        assertEquals("SENT", status(id));
        assertEquals(5, intColumn(id, "failures"));
        assertEquals(List.of("sent " + id + " s " + fake.sent(USER).get(0).messageId(),
                "sent " + (id + 1) + " n " + fake.sent(USER).get(1).messageId()), listener.events);
    }

    @Test
    void backoffGrowsAndIsCappedAtAMinute() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1), new Random(1));
        for (int failures = 1; failures <= 40; failures++) {
            Duration d = backoff.after(failures);
            long ceiling = Math.min(60_000, 1000L << Math.min(failures - 1, 20));
            assertTrue(d.toMillis() >= ceiling / 2 && d.toMillis() <= ceiling, failures + " -> " + d);
        }
    }

    @Test
    void givesUpLoudlyAfterTheBoundAndTheChatMovesOn() throws Exception {
        Outbox outbox = outbox(settings().withGiveUpAfter(Duration.ofMinutes(10)));
        outbox.start();
        fake.failNext(10_000, 503);
        long doomed = outbox.enqueue(new Outgoing.Send(GROUP, "doomed"), "card:1");
        outbox.enqueue(new Outgoing.Send(GROUP, "after"), "card:2");
        Instant t0 = clock.instant();

        pumpUntil(Duration.ofSeconds(20), () -> !listener.events.isEmpty());
        assertEquals("FAILED", status(doomed));
        assertTrue(!clock.instant().isBefore(t0.plus(Duration.ofMinutes(10))));
        String event = listener.events.get(0);
        assertTrue(event.startsWith("failed " + doomed + " card:1 gave up after PT10M"), event);
        assertTrue(event.contains("503"), event);

        fake.clearFaults();
        pumpUntil(Duration.ofSeconds(1), () -> texts(GROUP).size() == 1);
        assertEquals(List.of("after"), texts(GROUP));
        waitFor(() -> outbox.counts().equals(new Outbox.Counts(0, 1, 1)));
    }

    @Test
    void aPermanentRefusalFailsAtOnceWithTheReason() throws Exception {
        Outbox outbox = started();
        long bad = outbox.enqueue(new Outgoing.Send(GROUP, null, "a reply", 4242L, null), "reply:9");
        outbox.enqueue(new Outgoing.Send(GROUP, "still goes"), null);

        pumpUntil(Duration.ofSeconds(1), () -> listener.events.size() == 2);
        assertEquals("FAILED", status(bad));
        assertEquals(List.of("failed " + bad + " reply:9 400 Bad Request: message to be replied not found"),
                listener.events.stream().filter(e -> e.startsWith("failed")).toList());
        assertEquals(1, fake.requests("sendMessage").stream().filter(r -> r.text().equals("a reply")).count());
    }

    // ---- restarts and instances ----------------------------------------------------------------

    @Test
    void aNewInstanceSendsWhatTheStoppedOneLeftAndNothingTwice() throws Exception {
        Outbox first = started();
        for (int i = 1; i <= 8; i++) {
            first.enqueue(new Outgoing.Send(GROUP, "card " + i), "card:" + i);
        }
        fake.awaitRequests(FakeBotApi.ok("sendMessage", GROUP), 1, WAIT);
        clock.advance(Duration.ofSeconds(3));
        first.wakeUp();
        fake.awaitRequests(FakeBotApi.ok("sendMessage", GROUP), 2, WAIT);
        first.stop();
        assertEquals(new Outbox.Counts(6, 2, 0), first.counts());

        Outbox second = outbox(settings());
        second.start();
        pumpUntil(Duration.ofSeconds(1), () -> listener.events.size() == 8);
        quiet();
        assertEquals(IntStream.rangeClosed(1, 8).mapToObj(i -> "card " + i).toList(), texts(GROUP));
        assertEquals(8, fake.requests("sendMessage").size());
        assertEquals(8, listener.events.size());
    }

    @Test
    void stopDrainsWhatIsDueWithinItsGrace() throws Exception {
        Outbox outbox = outbox(settings().withDrainOnStop(Duration.ofSeconds(5)));
        for (long chat = 1; chat <= 4; chat++) {
            outbox.enqueue(new Outgoing.Send(chat, "bye " + chat), null);
        }
        outbox.start();
        outbox.stop();
        assertEquals(4, fake.requests("sendMessage").size());
        assertEquals(new Outbox.Counts(0, 4, 0), outbox.counts());
    }

    @Test
    void aRowClaimedByAnInstanceThatDiedIsSentWhenItsLeaseRunsOut() throws Exception {
        Outbox outbox = outbox(settings());
        long id = outbox.enqueue(new Outgoing.Send(USER, "in flight when it died"), null);
        Instant until = clock.instant().plusSeconds(30);
        db.inTransaction(c -> update(c, "UPDATE outbox SET claimed_by = 'dead-instance', claimed_until = ? "
                + "WHERE id = ?", OutboxStore.utc(until), id));
        outbox.start();
        clock.advance(Duration.ofSeconds(29));
        outbox.wakeUp();
        quiet();
        assertEquals(0, fake.requests("sendMessage").size(), "the lease still holds");
        pumpUntil(Duration.ofSeconds(1), () -> "SENT".equals(status(id)));
    }

    @Test
    void anInstanceWithAStableIdTakesBackItsOwnClaimsAtOnceAfterACrash() throws Exception {
        Outbox outbox = outbox(settings().withInstanceId("bot-1"));
        long id = outbox.enqueue(new Outgoing.Send(USER, "resumed"), null);
        db.inTransaction(c -> update(c, "UPDATE outbox SET claimed_by = 'bot-1', claimed_until = ? WHERE id = ?",
                OutboxStore.utc(clock.instant().plusSeconds(600)), id));
        outbox.start();
        fake.awaitRequests(FakeBotApi.ok("sendMessage", USER), 1, WAIT);
        assertEquals(List.of("resumed"), texts(USER));
    }

    @Test
    void twoInstancesOnOneStoreNeverSendTheSameRow() throws Exception {
        Outbox a = started();
        Outbox b = started();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            long chat = 1 + i % 6;
            (i % 2 == 0 ? a : b).enqueue(new Outgoing.Send(chat, "m" + i), null);
            expected.add("m" + i);
        }
        pumpUntil(Duration.ofMillis(500), () -> fake.requests("sendMessage").size() >= 60);
        quiet();
        List<String> sent = fake.requests("sendMessage").stream().map(FakeBotApi.Request::text).toList();
        assertEquals(60, sent.size(), "each row exactly once");
        assertEquals(expected.stream().sorted().toList(), sent.stream().sorted().toList());
        for (long chat = 1; chat <= 6; chat++) {
            List<Integer> order = texts(chat).stream().map(t -> Integer.parseInt(t.substring(1))).toList();
            assertEquals(order.stream().sorted().toList(), order, "in order in chat " + chat);
        }
    }

    @Test
    void concurrentClaimsOfTheSameRowsHaveOneWinnerEach() throws Exception {
        Outbox seed = outbox(settings());
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            ids.add(seed.enqueue(new Outgoing.Send(1000 + i, "m" + i), null));
        }
        Instant now = clock.instant();
        java.util.Map<Long, String> winners = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.concurrent.atomic.AtomicInteger doubles = new java.util.concurrent.atomic.AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            OutboxStore store = new OutboxStore(db, new Payloads());
            String me = "instance-" + t;
            threads.add(Thread.ofPlatform().start(() -> {
                for (long id : ids) {
                    if (store.claim(id, me, now, now.plusSeconds(60)) != null && winners.putIfAbsent(id, me) != null) {
                        doubles.incrementAndGet();
                    }
                }
            }));
        }
        for (Thread th : threads) {
            th.join();
        }
        assertEquals(0, doubles.get(), "no row claimed twice");
        assertEquals(100, winners.size(), "every row claimed once");
    }

    // ---- edits --------------------------------------------------------------------------------

    @Test
    void anEditOfARowWaitsForItAndKeepsItsButtons() throws Exception {
        Outbox outbox = started();
        Keyboard buttons = Keyboard.row(new Button("Take", "take:1"));
        fake.failNext(1, 500);
        long[] ids = db.inTransaction(c -> {
            long card = outbox.enqueue(c, new Outgoing.Send(GROUP, null, "card: open", null, buttons), "card:1");
            long edit = outbox.enqueue(c, new Outgoing.Edit(GROUP, MessageRef.outboxRow(card), "card: taken", null),
                    "cardedit:1");
            return new long[] {card, edit};
        });

        pumpUntil(Duration.ofSeconds(1), () -> listener.events.size() == 2);
        List<String> methods = fake.requests().stream().filter(r -> !r.method().equals("getupdates"))
                .map(r -> r.method() + " " + r.outcome()).toList();
        assertEquals(List.of("sendmessage error 500", "sendmessage ok", "editmessagetext ok"), methods);
        FakeBotApi.Posted card = fake.sent(GROUP).get(0);
        JsonNode edit = fake.requests("editMessageText").get(0).body();
        assertEquals(card.messageId(), edit.get("message_id").asLong());
        assertEquals("card: taken", card.text());
        assertEquals("take:1", card.replyMarkup().get("inline_keyboard").get(0).get(0).get("callback_data").asText(),
                "left as it was");
        assertEquals(List.of("sent " + ids[0] + " card:1 " + card.messageId(),
                "sent " + ids[1] + " cardedit:1 " + card.messageId()), listener.events);
    }

    @Test
    void anEditThatChangesNothingCountsAsDoneAndRemovingButtonsWorks() throws Exception {
        Outbox outbox = started();
        long card = outbox.enqueue(new Outgoing.Send(GROUP, null, "card", null, Keyboard.row(new Button("Go", "g"))),
                null);
        long same = outbox.enqueue(new Outgoing.Edit(GROUP, MessageRef.outboxRow(card), "card", null), null);
        long bare = outbox.enqueue(new Outgoing.Edit(GROUP, MessageRef.outboxRow(card), "card", Keyboard.NONE), null);
        pumpUntil(Duration.ofSeconds(1), () -> outbox.counts().sent() == 3);
        assertEquals("SENT", status(same));
        assertEquals("SENT", status(bare));
        assertNull(fake.sent(GROUP).get(0).replyMarkup());
    }

    @Test
    void anEditOfARowThatFailedFailsToo() throws Exception {
        Outbox outbox = started();
        long card = outbox.enqueue(new Outgoing.Send(GROUP, null, "card", 777L, null), "card:5");
        long edit = outbox.enqueue(new Outgoing.Edit(GROUP, MessageRef.outboxRow(card), "card 2", null), "cardedit:5");
        pumpUntil(Duration.ofSeconds(1), () -> listener.events.size() == 2);
        assertEquals("FAILED", status(edit));
        assertTrue(listener.events.get(1).startsWith("failed " + edit + " cardedit:5 the message to edit was never sent"),
                listener.events.get(1));
        assertEquals(0, fake.requests("editMessageText").size());
    }

    @Test
    void anEditMustStayInItsTargetsChat() {
        Outbox outbox = outbox(settings());
        long card = outbox.enqueue(new Outgoing.Send(GROUP, "card"), null);
        assertThrows(IllegalArgumentException.class,
                () -> outbox.enqueue(new Outgoing.Edit(USER, MessageRef.outboxRow(card), "x", null), null));
    }

    // ---- long texts, files, the transaction ------------------------------------------------------

    @Test
    void aLongTextIsSplitIntoWholePartsWithTheButtonsOnTheLast() throws Exception {
        Outbox outbox = started();
        StringBuilder sb = new StringBuilder("<b>Answer</b>\n\n");
        for (int i = 0; TelegramHtml.visibleLength(sb.toString()) < 10_000; i++) {
            sb.append("Paragraph ").append(i).append(" says <i>something</i> &amp; more. ".repeat(6)).append("\n\n");
        }
        long id = outbox.enqueue(new Outgoing.Send(GROUP, 3, sb.toString(), null, Keyboard.row(new Button("OK", "ok"))),
                "long");
        pumpUntil(Duration.ofSeconds(3), () -> listener.events.size() == 1);
        assertEquals(3, texts(GROUP).size());
        List<FakeBotApi.Posted> parts = fake.sent(GROUP);
        for (FakeBotApi.Posted p : parts) {
            assertTrue(p.text().length() <= 4096);
            assertEquals(3, p.threadId());
        }
        assertNull(parts.get(0).replyMarkup());
        assertNull(parts.get(1).replyMarkup());
        assertNotNull(parts.get(2).replyMarkup());
        assertEquals(List.of("sent " + id + " long " + parts.get(2).messageId()), listener.events);
        assertEquals(new Outbox.Counts(0, 3, 0), outbox.counts());
    }

    @Test
    void documentsAndPhotosSurviveTheQueue() throws Exception {
        Outbox outbox = started();
        byte[] bytes = new byte[300_000];
        new Random(3).nextBytes(bytes);
        outbox.enqueue(new Outgoing.Document(USER, "export.xlsx", bytes, "Your <b>export</b>"), null);
        outbox.enqueue(new Outgoing.Photo(USER, "chart.png", new byte[] {1, 2, 3}, null), null);
        pumpUntil(Duration.ofSeconds(1), () -> outbox.counts().sent() == 2);
        assertTrue(java.util.Arrays.equals(bytes, fake.requests("sendDocument").get(0).files().get("document").bytes()));
        assertEquals("chart.png", fake.requests("sendPhoto").get(0).files().get("photo").fileName());
    }

    @Test
    void nothingIsSentWhenTheEnqueuingTransactionRollsBack() throws Exception {
        Outbox outbox = started();
        assertThrows(IllegalStateException.class, () -> db.inTransaction(c -> {
            outbox.enqueue(c, new Outgoing.Send(USER, "never"), null);
            throw new IllegalStateException("the comment could not be stored");
        }));
        outbox.enqueue(new Outgoing.Send(OTHER_USER, "this one"), null);
        fake.awaitRequests(FakeBotApi.ok("sendMessage", OTHER_USER), 1, WAIT);
        clock.advance(Duration.ofSeconds(5));
        outbox.wakeUp();
        quiet();
        assertEquals(List.of(), texts(USER));
        assertEquals(new Outbox.Counts(0, 1, 0), outbox.counts());
    }

    @Test
    void theListenerWritesInTheTransactionThatMarksTheRowAndItsFailureNeverResends() throws Exception {
        OutboxListener writing = new OutboxListener() {
            @Override
            public void sent(Connection tx, long outboxId, String correlation, long messageId) {
                if (correlation.equals("boom")) {
                    throw new IllegalStateException("listener bug");
                }
                try {
                    update(tx, "INSERT INTO audit (at, action, detail) VALUES (?, 'sent', ?)",
                            OutboxStore.utc(clock.instant()), correlation + "=" + messageId);
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public void failed(Connection tx, long outboxId, String correlation, String reason) {
            }
        };
        Outbox outbox = new Outbox(db, api, writing, clock, settings(), new Random(1));
        outboxes.add(outbox);
        outbox.start();
        long boom = outbox.enqueue(new Outgoing.Send(USER, "one"), "boom");
        outbox.enqueue(new Outgoing.Send(OTHER_USER, "two"), "fine");
        pumpUntil(Duration.ofSeconds(1), () -> outbox.counts().sent() == 2);
        clock.advance(Duration.ofMinutes(5));
        outbox.wakeUp();
        quiet();
        assertEquals("SENT", status(boom));
        assertEquals(2, fake.requests("sendMessage").size(), "the failing listener did not cause a resend");
        String detail = db.withConnection(c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT detail FROM audit WHERE action = 'sent'")) {
                rs.next();
                return rs.getString(1);
            }
        });
        assertEquals("fine=" + fake.sent(OTHER_USER).get(0).messageId(), detail);
    }

    @Test
    void buttonsRefuseCallbackDataOverSixtyFourBytes() {
        new Button("ok", "x".repeat(64));
        assertThrows(IllegalArgumentException.class, () -> new Button("no", "x".repeat(65)));
        assertThrows(IllegalArgumentException.class, () -> new Button("no", "я".repeat(33)));
        assertThrows(IllegalArgumentException.class, () -> new Button("no", ""));
        assertThrows(IllegalArgumentException.class, () -> new Outgoing.Edit(GROUP, MessageRef.message(1),
                "x".repeat(4097), null));
    }

    @Test
    void payloadsSurviveTheRoundTripThroughJson() {
        Payloads p = new Payloads();
        Keyboard k = new Keyboard(List.of(List.of(new Button("A \"q\"", "a:1")), List.of(new Button("B", "b"))));
        List<Outgoing> all = List.of(new Outgoing.Send(GROUP, 5, "<b>x</b>", 9L, k), new Outgoing.Send(USER, "y"),
                new Outgoing.Edit(GROUP, MessageRef.outboxRow(3), "e", null),
                new Outgoing.Edit(GROUP, MessageRef.message(4), "e", Keyboard.NONE),
                new Outgoing.Document(USER, "f.csv", new byte[] {1}, null),
                new Outgoing.Photo(USER, "p.png", new byte[] {2}, "c"));
        for (Outgoing m : all) {
            assertEquals(m, p.fromJson(m.chatId(), Payloads.kind(m), p.toJson(m), Payloads.content(m)));
        }
    }

    // ---- helpers ------------------------------------------------------------------------------

    /** Moves the clock by {@code step} until {@code done}, giving the outbox thread a moment each time. */
    void pumpUntil(Duration step, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos() * 3;
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not done in time; requests: " + fake.requests().stream()
                        .map(r -> r.method() + "=" + r.outcome()).toList() + ", events: " + listener.events);
            }
            clock.advance(step);
            outboxes.forEach(Outbox::wakeUp);
            Thread.sleep(5);
        }
    }

    /** Waits (in real time, the clock standing still) until {@code condition} holds. */
    static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("condition not met in time");
            }
            Thread.sleep(5);
        }
    }

    /** Lets the outbox thread run for a while, to see that it does not do something. */
    static void quiet() throws InterruptedException {
        Thread.sleep(250);
    }

    List<String> texts(long chatId) {
        return fake.sent(chatId).stream().map(FakeBotApi.Posted::text).toList();
    }

    String status(long id) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT status FROM outbox WHERE id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
    }

    int intColumn(long id, String column) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + column + " FROM outbox WHERE id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    static int update(Connection c, String sql, Object... args) throws java.sql.SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps.executeUpdate();
        }
    }

    static final class Recorder implements OutboxListener {
        final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public void sent(Connection tx, long outboxId, String correlation, long messageId) {
            events.add("sent " + outboxId + " " + correlation + " " + messageId);
        }

        @Override
        public void failed(Connection tx, long outboxId, String correlation, String reason) {
            events.add("failed " + outboxId + " " + correlation + " " + reason);
        }
    }
}
