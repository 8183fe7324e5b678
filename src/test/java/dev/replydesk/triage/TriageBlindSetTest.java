package dev.replydesk.triage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Half B of our blind set, never learned from nor tuned on: the figures reached when it was
 * measured once (accuracy 0.892, macro-F1 0.894, complaint recall 0.917, no complaint taken for
 * trolling) must hold, less a small margin, so a rule change that overfits elsewhere shows here.
 */
class TriageBlindSetTest {
    private static BlindSetReport.Figures b;

    @BeforeAll
    static void measure() {
        b = BlindSetReport.measure(Triage.load(Path.of("config/triage")), Fixtures.read("blind-b.tsv"));
    }

    @Test
    void lockedHalfKeepsItsAccuracyAndMacroF1() {
        assertTrue(b.accuracy() >= 0.87 && b.macroF1() >= 0.87, b + "\n" + String.join("\n", b.errors()));
    }

    @Test
    void lockedHalfKeepsItsComplaintRecall() {
        assertTrue(b.complaintRecall() >= 0.89, b + "\n" + String.join("\n", b.errors()));
    }

    @Test
    void noComplaintOfTheLockedHalfIsTakenForTrolling() {
        assertEquals(0, b.complaintsAsTroll(), String.join("\n", b.errors()));
    }
}
