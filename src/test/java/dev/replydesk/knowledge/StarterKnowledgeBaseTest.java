package dev.replydesk.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.replydesk.language.LanguageDetector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The shipped knowledge-base/ is valid and answers comments written for it (our own cases in
 * src/test/resources/starter-cases.jsonl, not the evaluation set), so ranking changes that
 * hurt it show up here.
 */
class StarterKnowledgeBaseTest {
    static final Path STARTER = Path.of("knowledge-base");

    @Test
    void theStarterKnowledgeBaseHasNoProblemsAndEveryLanguage() {
        KnowledgeBase kb = KnowledgeBase.load(STARTER);
        assertEquals(List.of(), kb.problems());
        assertTrue(kb.ids().size() >= 15, "entries: " + kb.ids().size());
        for (var lang : dev.replydesk.language.Lang.values()) {
            assertTrue(kb.entries().stream().anyMatch(e -> e.lang() == lang), lang::toString);
        }
    }

    @Test
    void ourOwnCasesAreAnsweredWellEnough() throws IOException {
        ObjectMapper json = new ObjectMapper();
        int answerable = 0;
        int hit1 = 0;
        int hit3 = 0;
        int unanswerable = 0;
        int abstained = 0;
        try (Suggester s = Suggester.of(KnowledgeBase.load(STARTER), SuggesterTest.RULES, new LanguageDetector())) {
            for (String line : Files.readAllLines(Path.of("src/test/resources/starter-cases.jsonl"))) {
                JsonNode c = json.readTree(line);
                Set<String> expect = new HashSet<>();
                c.get("expect").forEach(x -> expect.add(x.asText()));
                List<String> ids = s.suggest(c.get("text").asText()).items().stream().map(Suggestion::id).toList();
                if (expect.isEmpty()) {
                    unanswerable++;
                    abstained += ids.isEmpty() ? 1 : 0;
                } else {
                    answerable++;
                    hit1 += !ids.isEmpty() && expect.contains(ids.get(0)) ? 1 : 0;
                    hit3 += ids.stream().anyMatch(expect::contains) ? 1 : 0;
                }
            }
        }
        double h1 = (double) hit1 / answerable;
        double h3 = (double) hit3 / answerable;
        double ab = (double) abstained / unanswerable;
        String figures = String.format("hit@1 %.2f hit@3 %.2f abstain %.2f", h1, h3, ab);
        assertTrue(h1 >= 0.85 && h3 >= 0.9 && ab >= 0.7, figures);
    }
}
