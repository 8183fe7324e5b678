package dev.replydesk.app;

import static dev.replydesk.app.LiveBot.COMMUNITY;
import static dev.replydesk.app.LiveBot.MODS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.replydesk.storage.Database;
import dev.replydesk.testing.FakeBotApi;
import dev.replydesk.testing.TestDatabase;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances as real child processes on one PostgreSQL: the one holding the polling lease is
 * killed with SIGKILL in the middle of a burst (no release, no drain, its HTTP calls cut); the
 * other takes over polling once the lease runs out, and every comment is stored once and every
 * card sent once, across the takeover. PostgreSQL only: H2 is one process's embedded database
 * (several instances need PostgreSQL, README "Several instances"); skipped without
 * {@code REPLYDESK_TEST_PG_URL}. Tagged {@code slow} (up to about a minute and a half: a card the
 * killed instance had claimed is sent by the other once the outbox's one-minute lease runs out).
 */
@Tag("slow")
class PollTakeoverAfterKillTest {
    static final int BURST = 1_000;

    @TempDir
    Path dir;
    FakeBotApi fake;
    TestDatabase.Store store;
    final List<Process> children = new ArrayList<>();

    @AfterEach
    void stop() throws InterruptedException, IOException {
        for (Process p : children) {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
        // the instances' logs outlive the temporary folder, for a failure to be read
        Path keep = Path.of("target", "poll-takeover-logs");
        Files.createDirectories(keep);
        for (String instance : new String[] {"instance-a", "instance-b"}) {
            Path log = dir.resolve(instance + ".log");
            if (Files.exists(log)) {
                Files.copy(log, keep.resolve(instance + ".log"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (fake != null) {
            fake.close();
        }
        if (store != null) {
            store.close();
        }
    }

    private Process startBot(Path config, String instance) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx512m", "-XX:+UseSerialGC", "-Dfile.encoding=UTF-8",
                "-cp", System.getProperty("java.class.path"), ChildBot.class.getName(), config.toString(), instance)
                .redirectError(dir.resolve(instance + ".log").toFile())
                .start();
        children.add(p);
        return p;
    }

    private void awaitReady(Process p, String instance) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null && !line.equals("READY")) {
            // the child prints nothing else on stdout
        }
        assertEquals("READY", line, "the bot did not start: " + Files.readString(dir.resolve(instance + ".log")));
    }

    /** The pid of the process holding the polling lease now, or 0 when nobody holds it. */
    private static long leaseHolderPid(Database db) {
        return db.withConnection(c -> {
            try (ResultSet rs = c.createStatement().executeQuery(
                    "SELECT holder FROM poll_lease WHERE name = 'telegram' AND expires_at > CURRENT_TIMESTAMP")) {
                if (!rs.next() || rs.getString(1).isEmpty()) {
                    return 0L;
                }
                return Long.parseLong(rs.getString(1).split("/")[1]); // host/pid/random
            }
        });
    }

    /** Cards the fake server accepted, per comment id. */
    private Map<Long, Integer> cardsSent() {
        Map<Long, Integer> cards = new HashMap<>();
        for (FakeBotApi.Request r : fake.requests("sendMessage")) {
            if (r.ok() && r.chatId() != null && r.chatId() == MODS) {
                Long id = LiveBot.takeId(r.body());
                if (id != null) {
                    cards.merge(id, 1, Integer::sum);
                }
            }
        }
        return cards;
    }

    private void push(int from, int to) {
        for (int i = from; i < to; i++) {
            fake.pushMessage(COMMUNITY, 1_000_000 + i, "Customer " + i, "Когда привезут мой заказ номер " + i + "?");
        }
    }

    @Test
    void whenThePollingInstanceIsKilledTheOtherTakesOverAndNothingIsLostOrSentTwice() throws Exception {
        store = TestDatabase.create(TestDatabase.Kind.POSTGRESQL, dir);
        Database db = store.open(); // migrated here, before the instances start
        fake = FakeBotApi.start();
        Path config = dir.resolve("replydesk.yml");
        Files.writeString(config, LiveBot.yaml(fake, store.url(), ""));
        Process a = startBot(config, "instance-a");
        Process b = startBot(config, "instance-b");
        awaitReady(a, "instance-a");
        awaitReady(b, "instance-b");
        LiveBot.await("one instance holds the polling lease", Duration.ofSeconds(30), () -> leaseHolderPid(db) != 0);
        long holderPid = leaseHolderPid(db);
        assertTrue(holderPid == a.pid() || holderPid == b.pid(), "the lease holder is one of the two: " + holderPid);
        Process holder = holderPid == a.pid() ? a : b;
        Process survivor = holder == a ? b : a;

        push(0, BURST);
        LiveBot.await("a third of the burst acknowledged", Duration.ofSeconds(120),
                () -> fake.unconfirmedUpdates() <= BURST * 2 / 3);
        assertEquals(1, fake.maxConcurrentPolls(), () -> "never two getUpdates at once while both ran: " + fake.pollOverlaps());
        holder.destroyForcibly(); // SIGKILL: the lease is neither released nor renewed again
        assertTrue(holder.waitFor(30, TimeUnit.SECONDS));
        long tKill = System.nanoTime();
        // the dead instance's last long poll stays open at the server until its timeout (answered
        // then into a closed connection), as at Telegram; it was sent to end before the dead
        // instance's lease could run out, so the other polls only after it: no reset of the count
        int unconfirmedAtKill = fake.unconfirmedUpdates();
        int cardsAtKill = cardsSent().size();
        assertTrue(unconfirmedAtKill > 0, "killed in the middle of the burst");
        push(BURST, 2 * BURST); // comments that arrive while nobody polls

        LiveBot.await("the other instance polls", Duration.ofSeconds(30), () -> leaseHolderPid(db) == survivor.pid());
        long tTakeover = System.nanoTime();
        LiveBot.await("every update acknowledged and every card sent", Duration.ofSeconds(150),
                () -> fake.unconfirmedUpdates() == 0 && cardsSent().size() == 2 * BURST);
        Thread.sleep(1_000); // anything sent twice would arrive now
        assertTrue(survivor.isAlive(), "the other instance kept running");

        Map<Long, Integer> cards = cardsSent();
        long duplicates = cards.values().stream().filter(n -> n > 1).mapToLong(n -> n - 1).sum();
        System.out.printf("lease holder killed after %d of %d updates acknowledged and %d cards sent; the other "
                + "polled %.1f s later; cards sent twice: %d; most getUpdates open at once: %d%n",
                BURST - unconfirmedAtKill, BURST, cardsAtKill, (tTakeover - tKill) / 1e9, duplicates,
                fake.maxConcurrentPolls());
        // the "(not an overlap)" ones: a getUpdates that arrived while the server's thread still
        // wrote the answer to the one before; counted as two at once before the accounting fix
        System.out.println("getUpdates overlaps seen: " + fake.pollOverlaps() + "; ended with 409: " + fake.pollsTerminated());
        assertEquals(2 * BURST, count(db, "SELECT COUNT(*) FROM comment"), "every comment stored");
        assertEquals(2 * BURST, count(db, "SELECT COUNT(DISTINCT message_id) FROM comment WHERE chat_id = " + COMMUNITY),
                "no comment stored twice");
        assertEquals(2 * BURST, count(db, "SELECT COUNT(*) FROM processed_update"));
        assertEquals(count(db, "SELECT MAX(update_id) FROM processed_update") + 1,
                count(db, "SELECT next_value FROM poll_state WHERE name = 'offset'"), "the offset carried on");
        assertEquals(2 * BURST, count(db, "SELECT COUNT(*) FROM card WHERE message_id IS NOT NULL"));
        assertEquals(0, count(db, "SELECT COUNT(*) FROM outbox WHERE status <> 'SENT'"));
        assertEquals(2 * BURST, cards.size(), "a card for every comment");
        // Never two getUpdates open at once, over the whole run: while both ran, across the kill
        // (the dead one's last poll had ended before its lease could run out) and after. This
        // used to tolerate one extra: the server counted a getUpdates open until its thread had
        // written the answer, so a thread descheduled on the loaded machine overlapped the same
        // client's next poll (FakeBotApiTest); and the poller could outlive its lease (50 s polls
        // against a 30 s lease) or cut a poll on close that the server still held
        // (OneGetUpdatesAtATimeTest). The instances' logs are kept in target/poll-takeover-logs.
        assertEquals(1, fake.maxConcurrentPolls(), () -> "never two getUpdates at once: " + fake.pollOverlaps());
        assertEquals(List.of(), fake.pollsTerminated(), "no getUpdates ended by a newer one (409)");
        // Telegram has no idempotency key: a card the killed instance had handed to the HTTP client
        // but not yet recorded as sent is sent again by the other (the outbox's documented
        // at-least-once window); nothing else may be
        assertTrue(duplicates <= 1, "at most the card in flight at the kill is sent again: " + duplicates);
        assertNotEquals(holderPid, leaseHolderPid(db));
    }

    private static long count(Database db, String sql) {
        return db.withConnection(c -> {
            try (ResultSet rs = c.createStatement().executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
