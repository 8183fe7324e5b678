package dev.replydesk.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.replydesk.config.ConfigLoader;
import dev.replydesk.config.ReplydeskConfig;
import dev.replydesk.storage.Database;
import dev.replydesk.telegram.PollLease;
import dev.replydesk.telegram.TelegramBotApi;
import dev.replydesk.telegram.UpdatePoller;
import dev.replydesk.testing.FakeBotApi;
import dev.replydesk.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two instances with a short polling lease on one store, each with its real poller, against the
 * fake Bot API server, which counts a getUpdates open from its arrival until it is answered (a
 * request the client gave up on stays open until its timeout, as at Telegram). Whatever happens
 * to the holder, the server never holds two getUpdates at once. Each case failed before the
 * poller chose its long-poll timeout by the lease left and released the lease only from when its
 * cut getUpdates could have ended.
 */
@ParameterizedClass
@MethodSource("dev.replydesk.testing.TestDatabase#kinds")
class OneGetUpdatesAtATimeTest {
    /** A 6 s lease renewed every second: a holder counts on it for 5 s, transit 0.5 s. */
    static final PollLease.Settings LEASE = new PollLease.Settings(Duration.ofSeconds(6), Duration.ofSeconds(1));

    @Parameter
    TestDatabase.Kind kind;
    @TempDir
    Path dir;
    TestDatabase.Store store;
    FakeBotApi fake;
    ReplydeskConfig config;
    final List<Instance> instances = new ArrayList<>();

    /** One bot instance: its own pools (the lease's apart, to cut it off from the store alone). */
    final class Instance implements AutoCloseable {
        final Database db = store.open();
        final Database leaseDb = store.open();
        final TelegramBotApi api = new TelegramBotApi(fake.token(), fake.uri());
        final Wiring wiring = new Wiring(config, db, api, Clock.systemUTC(), LiveBot.fastSettings());
        final PollLease lease;
        final UpdatePoller poller;
        private boolean closed;

        Instance(String name, Duration pollTimeout) {
            lease = new PollLease(leaseDb, Clock.systemUTC(), LEASE, name);
            poller = new UpdatePoller(wiring.intake, api, fake.token(), fake.uri(), pollTimeout, lease);
            poller.start();
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            poller.close();
            wiring.close();
            api.close();
            leaseDb.close();
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        store = TestDatabase.create(kind, dir);
        store.open().close(); // migrated once, before the instances race
        fake = FakeBotApi.start();
        config = ConfigLoader.parse(LiveBot.yaml(fake, store.url(), ""), "one-poll.yml", Map.of());
    }

    @AfterEach
    void tearDown() {
        if (store == null) {
            return;
        }
        for (Instance i : instances) {
            i.close();
        }
        fake.close();
        store.close();
    }

    Instance start(String name, Duration pollTimeout) {
        Instance i = new Instance(name, pollTimeout);
        instances.add(i);
        return i;
    }

    private int polls() {
        return fake.requests("getUpdates").size();
    }

    private void assertNeverTwoAtOnce() {
        assertEquals(1, fake.maxConcurrentPolls(), () -> "two getUpdates at once: " + fake.pollOverlaps());
        assertEquals(List.of(), fake.pollsTerminated());
    }

    @Test
    void aHolderCutOffFromTheStoreHasNoGetUpdatesOpenWhenTheNextHolderPolls() throws Exception {
        // a 12 s long poll against a 6 s lease: it used to outlive the lease of a holder that
        // could no longer renew it, and the next holder polled beside it
        Instance a = start("a", Duration.ofSeconds(12));
        LiveBot.await("a polls", Duration.ofSeconds(10), () -> a.poller.polling() && fake.pollsInFlight() == 1);
        a.leaseDb.close(); // renewals fail from now on; a's intake and HTTP still work
        Instance b = start("b", Duration.ofSeconds(12));
        LiveBot.await("b takes over", Duration.ofSeconds(15), b.poller::polling);
        Thread.sleep(1_500); // b's first getUpdates goes out at once
        assertNeverTwoAtOnce();
        int before = polls();
        LiveBot.await("b keeps polling", Duration.ofSeconds(10), () -> polls() > before);
        assertTrue(!a.poller.polling(), "a stands by");
        assertNeverTwoAtOnce();
    }

    @Test
    void aHolderThatStopsHandsOverOnlyOnceItsCutGetUpdatesCouldHaveEnded() throws Exception {
        Instance a = start("a", Duration.ofSeconds(4));
        LiveBot.await("a polls", Duration.ofSeconds(10), () -> a.poller.polling() && fake.pollsInFlight() == 1);
        Instance b = start("b", Duration.ofSeconds(4));
        Thread.sleep(200);
        a.close(); // its long poll is cut on this side; the server holds it until its timeout
        LiveBot.await("b takes over", Duration.ofSeconds(15), b.poller::polling);
        Thread.sleep(1_500); // b's first getUpdates goes out at once
        assertNeverTwoAtOnce();
        int before = polls();
        LiveBot.await("b keeps polling", Duration.ofSeconds(10), () -> polls() > before);
        assertNeverTwoAtOnce();
    }

    @Test
    void theHolderKeepsPollingWithLongPollsThatEndBeforeItsLeaseCouldRunOut() throws Exception {
        Instance a = start("a", Duration.ofSeconds(50));
        LiveBot.await("a polls", Duration.ofSeconds(20), () -> a.poller.polling() && polls() >= 3);
        for (FakeBotApi.Request r : fake.requests("getUpdates")) {
            long timeout = r.body().path("timeout").asLong();
            // 6 s lease, counted on for 5 s, transit 0.5 s: at most 4 s
            assertTrue(timeout <= 4, "timeout " + timeout);
        }
        long fetched = fake.pushMessage(LiveBot.COMMUNITY, 42, "Ann", "Где мой заказ?");
        LiveBot.await("the update is handled", Duration.ofSeconds(10), () -> fake.unconfirmedUpdates() == 0);
        assertTrue(fetched > 0);
        assertNeverTwoAtOnce();
    }
}
