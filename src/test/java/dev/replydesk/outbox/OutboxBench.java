package dev.replydesk.outbox;

import dev.replydesk.storage.Database;
import dev.replydesk.telegram.TelegramBotApi;
import dev.replydesk.testing.FakeBotApi;
import dev.replydesk.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rough figures for the outbox on H2 against the loopback fake server, printed to stdout:
 * {@code ./mvnw -q -o test -Dtest=OutboxBench -Dreplydesk.bench=true}.
 */
@EnabledIfSystemProperty(named = "replydesk.bench", matches = "true")
class OutboxBench {
    @TempDir
    Path dir;

    @Test
    void measure() throws Exception {
        try (Database db = TestDatabase.open(dir); FakeBotApi fake = FakeBotApi.start();
                TelegramBotApi api = new TelegramBotApi(fake.token(), fake.uri(), Duration.ofSeconds(5))) {
            // unlimited rates: what the queue itself can do
            Outbox.Settings fast = Outbox.Settings.defaults().withRates(10_000, 1_000_000, 10_000, 100);
            Outbox outbox = new Outbox(db, api, OutboxListener.NONE, Clock.systemUTC(), fast, new Random(1));

            int n = 10_000;
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                String detail = "raw " + i;
                db.inTransaction(c -> c.createStatement().executeUpdate(
                        "INSERT INTO audit (at, action, detail) VALUES (CURRENT_TIMESTAMP, 'bench', '" + detail + "')"));
            }
            System.out.printf("raw H2 insert, one transaction each: %,.0f rows/s%n",
                    n / ((System.nanoTime() - t0) / 1e9));

            t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                long chat = -100 - (i % 50);
                db.inTransaction(c -> outbox.enqueue(c, new Outgoing.Send(chat, "card <b>" + chat + "</b>"), "b"));
            }
            double enqueueRate = n / ((System.nanoTime() - t0) / 1e9);
            System.out.printf("enqueue, one transaction each: %,d rows in %.1f s = %,.0f rows/s%n", n,
                    (System.nanoTime() - t0) / 1e9, enqueueRate);

            t0 = System.nanoTime();
            outbox.start();
            int drained = 5_000;
            while (outbox.counts().sent() < drained) {
                Thread.sleep(20);
            }
            double sendRate = drained / ((System.nanoTime() - t0) / 1e9);
            outbox.stop();
            System.out.printf("send (real TelegramBots client, loopback fake, 10k-row backlog): %,.0f messages/s%n",
                    sendRate);

            // one chat with a 5,000-row backlog, every other row in the low lane: each claim must
            // find the chat's head without reading the whole backlog
            db.withConnection(c -> c.createStatement().executeUpdate(
                    "UPDATE outbox SET status = 'FAILED', last_error = 'bench reset' WHERE status = 'PENDING'"));
            long oneChat = -42;
            for (int i = 0; i < 5_000; i++) {
                Outbox.Priority p = i % 2 == 0 ? Outbox.Priority.LOW : Outbox.Priority.NORMAL;
                db.inTransaction(c -> outbox.enqueue(c, new Outgoing.Send(oneChat, "card"), "b", p));
            }
            long before = outbox.counts().sent();
            t0 = System.nanoTime();
            outbox.start();
            while (outbox.counts().sent() < before + 5_000) {
                Thread.sleep(20);
            }
            outbox.stop();
            System.out.printf("send, one chat, 5k-row backlog, half of it in the low lane: %,.0f messages/s%n",
                    5_000 / ((System.nanoTime() - t0) / 1e9));

            // wake-up latency with Telegram's limits, one message at a time to fresh private chats
            Outbox paced = new Outbox(db, api, OutboxListener.NONE, Clock.systemUTC(),
                    Outbox.Settings.defaults().withPollInterval(Duration.ofSeconds(5)), new Random(2));
            db.withConnection(c -> c.createStatement().executeUpdate(
                    "UPDATE outbox SET status = 'FAILED', last_error = 'bench reset' WHERE status = 'PENDING'"));
            paced.start();
            Thread.sleep(500);
            List<Long> micros = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                long chat = 10_000 + i;
                long start = System.nanoTime();
                db.inTransaction(c -> paced.enqueue(c, new Outgoing.Send(chat, "ping"), null));
                fake.awaitRequests(FakeBotApi.ok("sendMessage", chat), 1, Duration.ofSeconds(10));
                micros.add((System.nanoTime() - start) / 1000);
                Thread.sleep(20);
            }
            paced.stop();
            long duplicates = fake.requests("sendMessage").stream().filter(r -> r.chatId() >= 10_000)
                    .collect(java.util.stream.Collectors.groupingBy(FakeBotApi.Request::chatId,
                            java.util.stream.Collectors.counting())).values().stream().filter(c -> c > 1).count();
            System.out.println("pings sent twice: " + duplicates + "; slowest: " + micros.stream()
                    .sorted(Collections.reverseOrder()).limit(3).map(m -> m / 1000 + " ms").toList());
            Collections.sort(micros);
            System.out.printf("commit-to-request latency, idle outbox: p50 %.1f ms, p99 %.1f ms%n",
                    micros.get(100) / 1000.0, micros.get(197) / 1000.0);
        }
    }
}
