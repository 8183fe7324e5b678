package dev.replydesk.triage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Our blind sets, never learned from nor tuned on. Half B of the first blind set, and set C,
 * written before the complaint-recall work of issue 4 and scored only once at its end. The
 * figures measured then must hold, less a small margin (about one comment), so a rule change
 * that overfits elsewhere shows here:
 * <ul>
 * <li>B (120): accuracy 0.917, macro-F1 0.911, complaint recall 0.944 (34 of 36), no complaint
 *     taken for trolling;
 * <li>C (158): accuracy 0.924, macro-F1 0.913, complaint recall 0.967 (58 of 60), one complaint
 *     taken for trolling (a sweary one about the hotline with no order behind it).
 * </ul>
 */
class TriageBlindSetTest {
    private static BlindSetReport.Figures b;
    private static BlindSetReport.Figures c;

    @BeforeAll
    static void measure() {
        Triage triage = Triage.load(Path.of("config/triage"));
        b = BlindSetReport.measure(triage, Fixtures.read("blind-b.tsv"));
        c = BlindSetReport.measure(triage, Fixtures.read("blind-c.tsv"));
    }

    @Test
    void lockedHalfKeepsItsAccuracyAndMacroF1() {
        assertTrue(b.accuracy() >= 0.90 && b.macroF1() >= 0.89, b + "\n" + String.join("\n", b.errors()));
    }

    @Test
    void lockedHalfKeepsItsComplaintRecall() {
        assertTrue(b.complaintRecall() >= 0.91, b + "\n" + String.join("\n", b.errors()));
    }

    @Test
    void noComplaintOfTheLockedHalfIsTakenForTrolling() {
        assertEquals(0, b.complaintsAsTroll(), String.join("\n", b.errors()));
    }

    @Test
    void setCKeepsItsAccuracyAndMacroF1() {
        assertTrue(c.accuracy() >= 0.90 && c.macroF1() >= 0.89, c + "\n" + String.join("\n", c.errors()));
    }

    @Test
    void setCKeepsItsComplaintRecall() {
        assertTrue(c.complaintRecall() >= 0.95, c + "\n" + String.join("\n", c.errors()));
    }

    @Test
    void atMostOneComplaintOfSetCIsTakenForTrolling() {
        assertTrue(c.complaintsAsTroll() <= 1, c + "\n" + String.join("\n", c.errors()));
    }
}
