package dev.replydesk.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.replydesk.language.LanguageDetector;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class GapGrouperTest {
    @Test
    void commentsAskingTheSameThingAreGroupedLargestFirstWithTheirSharedWords() throws IOException {
        try (Suggester s = Suggester.of(KnowledgeBase.load(KnowledgeBaseTest.FIXTURE), SuggesterTest.RULES,
                new LanguageDetector())) {
            List<GapGroup> groups = s.gapGrouper().group(List.of(
                    "Как стать вашим партнёром?",
                    "Есть ли у вас подарочная упаковка?",
                    "хочу стать партнером магазина, куда писать",
                    "Можно заказать подарочную упаковку для телевизора?",
                    "Как стать партнёром и продавать у вас?",
                    "Сколько лет вашей компании?"), 10, 2);
            assertEquals(List.of(3, 2, 1), groups.stream().map(GapGroup::size).toList());
            GapGroup partners = groups.get(0);
            assertTrue(partners.keywords().stream().anyMatch(k -> k.startsWith("партн")), partners::toString);
            assertEquals(2, partners.examples().size());
            assertTrue(partners.examples().stream().allMatch(e -> e.toLowerCase().contains("партн")));
            assertTrue(groups.get(1).examples().stream().allMatch(e -> e.contains("упаковк")), groups.get(1)::toString);
            assertEquals(List.of("Сколько лет вашей компании?"), groups.get(2).examples());
        }
    }

    @Test
    void ukrainianAndRussianWordingsOfOneQuestionMeet() throws IOException {
        try (Suggester s = Suggester.of(KnowledgeBase.load(KnowledgeBaseTest.FIXTURE), SuggesterTest.RULES,
                new LanguageDetector())) {
            List<GapGroup> groups = s.gapGrouper().group(List.of(
                    "Можно оплатить заказ в рассрочку без переплаты?",
                    "Чи можна оплатити в розстрочку без переплати?",
                    "Погода завтра хорошая?"), 5, 5);
            assertEquals(2, groups.get(0).size(), groups::toString);
        }
    }

    @Test
    void noTextsNoGroups() throws IOException {
        try (Suggester s = Suggester.of(KnowledgeBase.load(KnowledgeBaseTest.FIXTURE), SuggesterTest.RULES,
                new LanguageDetector())) {
            assertEquals(List.of(), s.gapGrouper().group(List.of(), 5, 3));
        }
    }
}
