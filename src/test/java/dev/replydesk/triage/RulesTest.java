package dev.replydesk.triage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rule files a team edits: mistakes are refused at load with the file and entry named. */
class RulesTest {
    @TempDir
    Path dir;

    @BeforeEach
    void copyShippedRules() throws IOException {
        for (String name : Rules.FILES) {
            Files.copy(Path.of("config/triage").resolve(name), dir.resolve(name));
        }
    }

    private void append(String file, String text) throws IOException {
        Files.writeString(dir.resolve(file), Files.readString(dir.resolve(file)) + text, StandardCharsets.UTF_8);
    }

    private String refusal() {
        return assertThrows(IllegalArgumentException.class, () -> Triage.load(dir)).getMessage();
    }

    @Test
    void aFeatureTheWeightsDoNotKnowIsATypo() throws IOException {
        append("ru.txt", "\n[problme]\nсломалось\n");
        String message = refusal();
        assertTrue(message.contains("ru.txt") && message.contains("[problme]"), message);
    }

    @Test
    void aWeightForAFeatureNoFileDefinesIsRefused() throws IOException {
        Files.writeString(dir.resolve("weights.yml"),
                Files.readString(dir.resolve("weights.yml")).replace("  problem:          {complaint: 3.0}",
                        "  problem:          {complaint: 3.0}\n  probelm:          {complaint: 1.0}"));
        String message = refusal();
        assertTrue(message.contains("weights.yml") && message.contains("probelm"), message);
    }

    @Test
    void anUnknownLabelIsRefused() throws IOException {
        Files.writeString(dir.resolve("weights.yml"),
                Files.readString(dir.resolve("weights.yml")).replace("{complaint: 3.0}", "{complain: 3.0}"));
        String message = refusal();
        assertTrue(message.contains("complain") && message.contains("not a label"), message);
    }

    @Test
    void aBrokenRegularExpressionIsRefusedWithItsSection() throws IOException {
        append("shared.txt", "\n[url]\nhttps?://(\n");
        String message = refusal();
        assertTrue(message.contains("shared.txt") && message.contains("[url]"), message);
    }

    @Test
    void aMissingFileIsNamed() throws IOException {
        Files.delete(dir.resolve("uk.txt"));
        String message = refusal();
        assertTrue(message.contains("uk.txt"), message);
    }

    @Test
    void anEditedLexiconChangesTheVerdict() throws IOException {
        String text = "радио чихает";
        assertEquals(Label.OTHER, Triage.load(dir).classify(text).label());
        append("ru.txt", "\n[problem]\nчихает\n");
        assertEquals(Label.COMPLAINT, Triage.load(dir).classify(text).label());
    }
}
