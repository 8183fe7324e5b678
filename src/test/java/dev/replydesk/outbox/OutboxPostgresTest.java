package dev.replydesk.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.replydesk.storage.Database;
import dev.replydesk.telegram.TelegramBotApi;
import dev.replydesk.testing.FakeBotApi;
import dev.replydesk.testing.MutableClock;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The outbox on a real PostgreSQL, as several instances would run it: each instance its own
 * connection pool. Runs when {@code REPLYDESK_TEST_PG_URL} names a database the tests may use
 * ({@code .ci/postgres} starts one); each test migrates a schema of its own and drops it after.
 * Skipped without it, unless {@code CI} and {@code REPLYDESK_TEST_PG_REQUIRED} are set: then it fails.
 */
class OutboxPostgresTest {
    MutableClock clock = new MutableClock();
    FakeBotApi fake;
    TelegramBotApi api;
    String url;
    String schema;
    List<Database> pools = new ArrayList<>();
    List<Outbox> outboxes = new ArrayList<>();

    @BeforeEach
    void setUp() {
        String base = System.getenv("REPLYDESK_TEST_PG_URL");
        if (base == null || base.isBlank()) {
            if (System.getenv("CI") != null && System.getenv("REPLYDESK_TEST_PG_REQUIRED") != null) {
                fail("REPLYDESK_TEST_PG_URL is not set but PostgreSQL is required here");
            }
            assumeTrue(false, "REPLYDESK_TEST_PG_URL is not set: no PostgreSQL to test against");
        }
        schema = "outbox_" + Long.toHexString(new Random().nextLong() >>> 4);
        url = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        fake = FakeBotApi.start(clock);
        api = new TelegramBotApi(fake.token(), fake.uri(), Duration.ofSeconds(2));
    }

    @AfterEach
    void tearDown() {
        outboxes.forEach(Outbox::stop);
        pools.forEach(Database::close);
        if (fake != null) {
            fake.close();
        }
        if (schema != null) {
            try (Connection c = DriverManager.getConnection(System.getenv("REPLYDESK_TEST_PG_URL"));
                    Statement st = c.createStatement()) {
                st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        if (api != null) {
            api.close();
        }
    }

    Database pool() {
        Database db = Database.open(url);
        pools.add(db);
        return db;
    }

    @Test
    void concurrentClaimsOfTheSameRowsHaveOneWinnerEach() throws Exception {
        Database one = pool();
        Database two = pool();
        Outbox seed = new Outbox(one, api, OutboxListener.NONE, clock, Outbox.Settings.defaults());
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            ids.add(seed.enqueue(new Outgoing.Send(1000 + i, "m" + i), null));
        }
        Instant now = clock.instant();
        ConcurrentHashMap<Long, String> winners = new ConcurrentHashMap<>();
        AtomicInteger doubles = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            OutboxStore store = new OutboxStore(t % 2 == 0 ? one : two, new Payloads());
            String me = "instance-" + t;
            Thread th = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (long id : ids) {
                    if (store.claim(id, me, now, now.plusSeconds(60)) != null && winners.putIfAbsent(id, me) != null) {
                        doubles.incrementAndGet();
                    }
                }
            });
            th.start();
            threads.add(th);
        }
        go.countDown();
        for (Thread th : threads) {
            th.join();
        }
        assertEquals(0, doubles.get(), "no row claimed twice");
        assertEquals(200, winners.size(), "every row claimed once");
    }

    @Test
    void twoInstancesOnOnePostgresSendEveryRowOnceInOrderPerChat() throws Exception {
        Outbox.Settings settings = Outbox.Settings.defaults().withPollInterval(Duration.ofMillis(20))
                .withDrainOnStop(Duration.ZERO);
        Outbox a = new Outbox(pool(), api, OutboxListener.NONE, clock, settings.withInstanceId("a"), new Random(1));
        Outbox b = new Outbox(pool(), api, OutboxListener.NONE, clock, settings.withInstanceId("b"), new Random(2));
        outboxes.addAll(List.of(a, b));
        a.start();
        b.start();
        int n = 120;
        for (int i = 0; i < n; i++) {
            (i % 2 == 0 ? a : b).enqueue(new Outgoing.Send(1 + i % 8, "m" + i), null);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (a.counts().sent() < n && System.nanoTime() < deadline) {
            clock.advance(Duration.ofMillis(500));
            a.wakeUp();
            b.wakeUp();
            Thread.sleep(5);
        }
        Thread.sleep(300);
        assertEquals(new Outbox.Counts(0, n, 0), a.counts());
        List<FakeBotApi.Request> sends = fake.requests("sendMessage");
        assertEquals(n, sends.size(), "each row sent exactly once");
        for (long chat = 1; chat <= 8; chat++) {
            List<Integer> order = fake.sent(chat).stream().map(p -> Integer.parseInt(p.text().substring(1))).toList();
            assertEquals(order.stream().sorted().toList(), order, "in order in chat " + chat);
        }
    }

    @Test
    void filesAreKeptAsBytea() throws Exception {
        Database db = pool();
        Outbox outbox = new Outbox(db, api, OutboxListener.NONE, clock,
                Outbox.Settings.defaults().withPollInterval(Duration.ofMillis(20)), new Random(1));
        outboxes.add(outbox);
        byte[] bytes = new byte[100_000];
        new Random(5).nextBytes(bytes);
        outbox.enqueue(new Outgoing.Document(5, "x.bin", bytes, null), null);
        outbox.start();
        fake.awaitRequests(FakeBotApi.ok("sendDocument", 5), 1, Duration.ofSeconds(10));
        assertTrue(Arrays.equals(bytes, fake.requests("sendDocument").get(0).files().get("document").bytes()));
    }
}
