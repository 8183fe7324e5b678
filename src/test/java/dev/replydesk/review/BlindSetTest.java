package dev.replydesk.review;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.replydesk.knowledge.KnowledgeBase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The checklist on a locked set of drafts written blind (before the checker's output was seen):
 * good replies and failures of every item in both directions. It must stay at the level reached
 * when the set was first measured, less a small margin. The entries it checks against are
 * restated in src/test/resources/review/kb with the facts of the evaluation knowledge base.
 */
class BlindSetTest {
    /** The share of drafts judged right on all four items when blind-b was measured, less a margin. */
    private static final double ALL_FOUR_FLOOR = BlindLevel.ALL_FOUR - 0.03;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void lockedBlindSetStaysAtTheLevelReached() throws IOException {
        Path dir = Path.of("src/test/resources/review");
        KnowledgeBase kb = KnowledgeBase.load(dir.resolve("kb"));
        Checklist checklist = Files.isDirectory(Path.of("config/review")) ? Checklist.load(Path.of("config/review"))
                : Checklist.defaults();
        List<String> wrong = new ArrayList<>();
        int total = 0;
        int right = 0;
        for (String line : Files.readAllLines(dir.resolve("blind-b.jsonl"), StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode c = json.readTree(line);
            List<Turn> thread = new ArrayList<>();
            for (JsonNode t : c.get("thread")) {
                thread.add(t.get("role").asText().equals("brand") ? Turn.brand(t.get("text").asText())
                        : Turn.customer(t.get("text").asText()));
            }
            String draft = c.get("draft").asText();
            Optional<Reference> ref = Optional.empty();
            if (c.hasNonNull("kb")) {
                ref = kb.entry(c.get("kb").asText(), checklist.language(thread, draft))
                        .map(e -> new Reference(e.id(), e.title(), e.answer(), e.link()));
            }
            Review review = checklist.check(thread, draft, ref);
            boolean all = true;
            for (Check check : Check.values()) {
                boolean expected = c.get("expect").get(check.name().toLowerCase(Locale.ROOT)).asBoolean();
                all &= review.passed(check) == expected;
            }
            total++;
            if (all) {
                right++;
            } else {
                wrong.add(draft + " → " + review);
            }
        }
        double share = (double) right / total;
        assertTrue(share >= ALL_FOUR_FLOOR, "all four right on " + right + "/" + total + " (floor "
                + ALL_FOUR_FLOOR + "); wrong:\n" + String.join("\n", wrong));
    }

    private static final class BlindLevel {
        static final double ALL_FOUR = 33.0 / 38; // 0.868, measured once at the end
    }
}
