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
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The checklist on locked sets of drafts written blind (before the checker's output was seen):
 * good replies and failures of every item in both directions. Each set must stay at the level
 * reached when it was first measured, less a small margin: the share of drafts judged right on all
 * four items, and per item the precision and recall of catching a failure. The entries they check
 * against are restated in src/test/resources/review/kb with the facts of the evaluation knowledge
 * base.
 */
class BlindSetTest {
    private static final double ALL_FOUR_MARGIN = 0.03;
    private static final double ITEM_MARGIN = 0.05;

    private static final Path DIR = Path.of("src/test/resources/review");
    private final ObjectMapper json = new ObjectMapper();

    /** Set B: 38 drafts; measured after the logical check was made less brittle. */
    @Test
    void blindSetBStaysAtTheLevelReached() throws IOException {
        holds("blind-b.jsonl", 37.0 / 38, Map.of(
                Check.POLITE, new double[] {1.0, 1.0},
                Check.LOGICAL, new double[] {1.0, 5.0 / 6},
                Check.CONSISTENT, new double[] {1.0, 1.0},
                Check.LINKS, new double[] {1.0, 1.0}));
    }

    /**
     * Set C: 121 drafts (ru 73, uk 24, en 24; 41 all-pass), written before the logical check was
     * changed. Scored blind once that work was done (all four 107/121); general fixes for what it
     * showed came after, so this level (114/121) is no longer a blind figure — set D is.
     */
    @Test
    void blindSetCStaysAtTheLevelReached() throws IOException {
        holds("blind-c.jsonl", 114.0 / 121, Map.of(
                Check.POLITE, new double[] {1.0, 17.0 / 20},
                Check.LOGICAL, new double[] {1.0, 18.0 / 20},
                Check.CONSISTENT, new double[] {1.0, 20.0 / 22},
                Check.LINKS, new double[] {1.0, 1.0}));
    }

    /** Set D: 60 drafts (ru 36, uk 12, en 12; 20 all-pass), written after C was scored and scored once. */
    @Test
    void blindSetDStaysAtTheLevelReached() throws IOException {
        holds("blind-d.jsonl", 58.0 / 60, Map.of(
                Check.POLITE, new double[] {1.0, 9.0 / 10},
                Check.LOGICAL, new double[] {10.0 / 11, 1.0},
                Check.CONSISTENT, new double[] {1.0, 1.0},
                Check.LINKS, new double[] {1.0, 1.0}));
    }

    /** Fails unless the set scores at least its level less the margins; the message lists what is wrong. */
    private void holds(String file, double allFour, Map<Check, double[]> items) throws IOException {
        KnowledgeBase kb = KnowledgeBase.load(DIR.resolve("kb"));
        Checklist checklist = Files.isDirectory(Path.of("config/review")) ? Checklist.load(Path.of("config/review"))
                : Checklist.defaults();
        Map<Check, int[]> counts = new EnumMap<>(Check.class); // caught, flagged, failing
        for (Check c : Check.values()) {
            counts.put(c, new int[3]);
        }
        List<String> wrong = new ArrayList<>();
        int total = 0;
        int right = 0;
        for (String line : Files.readAllLines(DIR.resolve(file), StandardCharsets.UTF_8)) {
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
                boolean expected = c.get("expect").get(check.code()).asBoolean();
                boolean passed = review.passed(check);
                all &= passed == expected;
                int[] n = counts.get(check);
                n[0] += !expected && !passed ? 1 : 0;
                n[1] += !passed ? 1 : 0;
                n[2] += !expected ? 1 : 0;
            }
            total++;
            if (all) {
                right++;
            } else {
                wrong.add(draft + " → " + review);
            }
        }
        List<String> below = new ArrayList<>();
        double share = (double) right / total;
        if (share < allFour - ALL_FOUR_MARGIN) {
            below.add("all four right " + right + "/" + total + " (level " + allFour + ")");
        }
        for (Map.Entry<Check, double[]> e : items.entrySet()) {
            int[] n = counts.get(e.getKey());
            double precision = n[1] == 0 ? 1.0 : (double) n[0] / n[1];
            double recall = n[2] == 0 ? 1.0 : (double) n[0] / n[2];
            if (precision < e.getValue()[0] - ITEM_MARGIN) {
                below.add(e.getKey().code() + " precision " + n[0] + "/" + n[1] + " (level " + e.getValue()[0] + ")");
            }
            if (recall < e.getValue()[1] - ITEM_MARGIN) {
                below.add(e.getKey().code() + " recall " + n[0] + "/" + n[2] + " (level " + e.getValue()[1] + ")");
            }
        }
        assertTrue(below.isEmpty(), file + " below its level: " + String.join(", ", below) + "; wrong:\n"
                + String.join("\n", wrong));
    }
}
