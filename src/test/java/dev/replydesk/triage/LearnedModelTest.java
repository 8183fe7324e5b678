package dev.replydesk.triage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The learned feature: built only from our own labelled comments, and kept in step with them. */
class LearnedModelTest {
    @Test
    void learnedCountsMatchTheFixturesTheyWereBuiltFrom() throws IOException {
        assertEquals(LearnedModelBuilder.build(LearnedModelBuilder.TRAINING), Files.readString(LearnedModelBuilder.FILE),
                "config/triage/learned.tsv is stale: run LearnedModelBuilder");
    }

    @Test
    void theLockedHalfOfTheBlindSetIsNeverLearnedFrom() {
        assertTrue(!LearnedModelBuilder.TRAINING.contains("blind-b.tsv"));
    }

    @Test
    void aRulesFolderWithoutLearnedCountsStillLoads(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        for (String name : Rules.FILES) {
            if (!Rules.OPTIONAL.contains(name)) {
                Files.copy(Path.of("config/triage").resolve(name), dir.resolve(name));
            }
        }
        assertEquals(Label.COMPLAINT, Triage.load(dir).classify("Заказ 123456 третью неделю не могут доставить").label());
    }

    @Test
    void whenTheLearnedFeatureDecidesTheCardSaysWhichStemsItLeanedOn() {
        Learned learned = Learned.parse("t", "#docs\t20\t5\t5\t5\t5\t5\nсдвиг\t20\t0\t0\t0\t0\t0\nпривет\t0\t5\t5\t5\t5\t5\n");
        Learned.Evidence e = learned.judge(Text.of("опять сдвигают"), 1.0);
        for (Label other : Label.values()) {
            assertTrue(other == Label.COMPLAINT
                    || e.probability()[Label.COMPLAINT.ordinal()] > e.probability()[other.ordinal()], other.code());
        }
        assertEquals(java.util.List.of("сдвиг"), e.why().get(Label.COMPLAINT.ordinal()));
    }
}
