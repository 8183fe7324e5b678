package dev.replydesk.inbox;

import static dev.replydesk.inbox.InboxHarness.COMMUNITY;
import static dev.replydesk.inbox.InboxHarness.MODS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ledger's timers after a viral post: more comments waiting than one tick reads at a time. */
class LedgerAtScaleTest {
    @TempDir
    Path dir;

    @Test
    void everyOneOfSixHundredWaitingCommentsIsNudgedOnceAtEachDeadline() throws Exception {
        try (InboxHarness h = new InboxHarness(dir)) {
            int n = 600;
            for (int i = 0; i < n; i++) {
                // a different customer each: no burst folds them into one
                h.intake.handle(h.message(COMMUNITY, 1_000_000 + i, "question " + i + "?", null, null, false), null);
            }
            h.drain();
            h.clock.advance(Duration.ofMinutes(16));
            int sent = 0;
            for (int tick = 0; tick < 3; tick++) {
                sent += h.ledger.tick();
            }
            h.drain();
            assertEquals(n, sent, "one target nudge per waiting comment, however many wait");
            assertEquals(n, h.scalar("SELECT COUNT(DISTINCT comment_id) FROM nudge WHERE kind = 'TARGET'"));
            assertEquals(n, h.api.sends(MODS).stream().filter(s -> s.html().startsWith("⏰")).count());
            assertEquals(0, h.ledger.tick(), "nothing more until the next deadline");

            h.clock.advance(Duration.ofHours(5)); // past the warning an hour before the 6 h limit
            assertEquals(n, h.ledger.tick() + h.ledger.tick());
            h.clock.advance(Duration.ofHours(1)); // past the limit: escalated, once each
            assertEquals(n, h.ledger.tick() + h.ledger.tick());
            assertEquals(0, h.ledger.tick());
            assertEquals(n, h.scalar("SELECT COUNT(*) FROM nudge WHERE kind = 'PRELIMIT'"));
            assertEquals(n, h.scalar("SELECT COUNT(*) FROM nudge WHERE kind = 'LIMIT'"));
        }
    }
}
