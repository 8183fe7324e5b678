package dev.replydesk.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.replydesk.storage.Database;
import dev.replydesk.testing.MutableClock;
import dev.replydesk.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

@ParameterizedClass
@MethodSource("dev.replydesk.testing.TestDatabase#kinds")
class PollLeaseTest {
    static final PollLease.Settings SETTINGS = new PollLease.Settings(Duration.ofSeconds(30), Duration.ofSeconds(5));

    @Parameter
    TestDatabase.Kind kind;
    @TempDir
    Path dir;
    TestDatabase.Store store;
    Database db;
    MutableClock clock = new MutableClock();

    @BeforeEach
    void setUp() {
        store = TestDatabase.create(kind, dir);
        db = store.open();
    }

    @AfterEach
    void tearDown() {
        if (store != null) {
            store.close();
        }
    }

    PollLease lease(String me) {
        return new PollLease(db, clock, SETTINGS, me);
    }

    @Test
    void theFirstInstanceTakesTheLeaseAndTheOthersStandBy() {
        PollLease a = lease("a");
        PollLease b = lease("b");
        assertTrue(a.acquire());
        assertFalse(b.acquire());
        assertTrue(a.held());
        assertFalse(b.held());
        assertEquals("a", b.holder().orElseThrow().id());
        assertEquals(clock.instant().plusSeconds(30), b.holder().orElseThrow().expiresAt());
    }

    @Test
    void theHolderKeepsItByRenewing() {
        PollLease a = lease("a");
        PollLease b = lease("b");
        assertTrue(a.acquire());
        for (int i = 0; i < 20; i++) {
            clock.advance(Duration.ofSeconds(5));
            assertTrue(a.acquire(), "renewal " + i);
            assertFalse(b.acquire(), "taken over at renewal " + i);
        }
    }

    @Test
    void aLeaseThatRanOutIsTakenOverAndTheOldHolderKnowsItLostIt() {
        PollLease a = lease("a");
        PollLease b = lease("b");
        assertTrue(a.acquire());
        clock.advance(Duration.ofSeconds(29));
        assertFalse(b.acquire(), "not before it expires");
        assertFalse(a.held(), "the holder stops counting on it a renewal interval before it expires");
        clock.advance(Duration.ofSeconds(1));
        assertTrue(b.acquire(), "taken over once expired");
        assertFalse(a.acquire(), "the old holder cannot renew what is no longer its own");
        assertFalse(a.held());
        assertEquals("b", a.holder().orElseThrow().id());
    }

    @Test
    void releaseHandsItOverAtOnce() {
        PollLease a = lease("a");
        PollLease b = lease("b");
        assertTrue(a.acquire());
        a.release();
        assertFalse(a.held());
        assertTrue(a.holder().isEmpty());
        assertTrue(b.acquire());
        a.release(); // not its own any more: changes nothing
        assertTrue(b.held());
        assertEquals("b", b.holder().orElseThrow().id());
    }

    @Test
    void theHolderCountsOnItUntilARenewalIntervalBeforeItExpires() {
        PollLease a = lease("a");
        assertEquals(null, a.safeUntil());
        assertTrue(a.acquire());
        assertEquals(clock.instant().plusSeconds(25), a.safeUntil());
        assertEquals(Duration.ofMillis(2500), SETTINGS.transit());
        clock.advance(Duration.ofSeconds(5));
        assertTrue(a.acquire());
        assertEquals(clock.instant().plusSeconds(25), a.safeUntil());
    }

    @Test
    void aHolderReleasingWithAGetUpdatesPossiblyOpenHandsOverOnlyWhenItCouldHaveEnded() {
        PollLease a = lease("a");
        PollLease b = lease("b");
        assertTrue(a.acquire());
        a.release(clock.instant().plusSeconds(12));
        assertFalse(a.held());
        assertEquals(clock.instant().plusSeconds(12), b.holder().orElseThrow().expiresAt());
        clock.advance(Duration.ofSeconds(11));
        assertFalse(b.acquire(), "not while a's last getUpdates may be open");
        clock.advance(Duration.ofSeconds(1));
        assertTrue(b.acquire());
    }

    @Test
    void aReleaseNeverExtendsTheLeaseAndAPastInstantReleasesAtOnce() {
        PollLease a = lease("a");
        PollLease b = lease("b");
        assertTrue(a.acquire());
        a.release(clock.instant().plusSeconds(60));
        assertEquals(clock.instant().plusSeconds(30), b.holder().orElseThrow().expiresAt(), "capped at the lease");
        clock.advance(Duration.ofSeconds(30));
        assertTrue(b.acquire());
        b.release(clock.instant().minusSeconds(5));
        assertTrue(a.acquire(), "released at once");
    }

    @Test
    void manyInstancesRacingForAFreeLeaseHaveOneWinner() throws Exception {
        List<Database> pools = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            pools.add(store.open());
        }
        for (int round = 0; round < 20; round++) {
            clock.advance(Duration.ofMinutes(1)); // whoever held it last round has expired
            AtomicInteger winners = new AtomicInteger();
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                PollLease l = new PollLease(pools.get(t % pools.size()), clock, SETTINGS, "i" + t);
                Thread th = new Thread(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    if (l.acquire()) {
                        winners.incrementAndGet();
                    }
                });
                th.start();
                threads.add(th);
            }
            go.countDown();
            for (Thread th : threads) {
                th.join();
            }
            assertEquals(1, winners.get(), "round " + round);
        }
    }

    @Test
    void aLeaseRenewedMoreRarelyThanAThirdOfItsLengthIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new PollLease.Settings(Duration.ofSeconds(10), Duration.ofSeconds(4)));
        assertThrows(IllegalArgumentException.class, () -> new PollLease(db, clock, SETTINGS, ""));
    }

    @Test
    void aFailingStoreMeansTheLeaseRunsOutHereToo() {
        PollLease a = lease("a");
        assertTrue(a.acquire());
        db.close();
        clock.advance(Duration.ofSeconds(5));
        assertTrue(a.acquire(), "one failed renewal is survived");
        clock.advance(Duration.ofSeconds(20));
        assertFalse(a.acquire(), "but not past the lease, less a renewal interval");
        assertFalse(a.held());
    }
}
