package dev.replydesk.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.replydesk.language.Lang;
import dev.replydesk.language.LanguageDetector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real Lucene over the fixture knowledge base in src/test/resources/kb-fixture, real rule files. */
class SuggesterTest {
    static final Path RULES = Path.of("config/knowledge");

    private Suggester suggester;

    @BeforeEach
    void open() throws IOException {
        suggester = Suggester.of(KnowledgeBase.load(KnowledgeBaseTest.FIXTURE), RULES, new LanguageDetector());
    }

    @AfterEach
    void close() {
        suggester.close();
    }

    private String top(String text, Lang lang) {
        List<Ranker.Candidate> c = suggester.ranking(text, lang).candidates();
        return c.isEmpty() ? null : c.get(0).id();
    }

    private String firstSuggestion(String text) {
        Suggestions s = suggester.suggest(text);
        return s.isEmpty() ? null : s.items().get(0).id();
    }

    @Test
    void russianWordFormsOfDeliveryAllFindTheDeliveryEntry() {
        for (String word : List.of("доставка", "доставку", "доставили")) {
            assertEquals("delivery", top("где " + word, Lang.RU), word);
        }
        assertEquals("delivery", firstSuggestion("Когда мне доставят заказ?"));
    }

    @Test
    void ukrainianWordFormsOfDeliveryAllFindTheDeliveryEntry() {
        for (String word : List.of("доставка", "доставки", "доставили")) {
            assertEquals("delivery", top("коли " + word, Lang.UK), word);
        }
        assertEquals("delivery", firstSuggestion("Коли доставлять моє замовлення?"));
    }

    @Test
    void englishWordFormsOfDeliveryAllFindTheDeliveryEntry() {
        for (String word : List.of("delivery", "deliveries", "delivered")) {
            assertEquals("delivery", top("when " + word, Lang.EN), word);
        }
        assertEquals("delivery", firstSuggestion("When will my order be delivered?"));
    }

    @Test
    void eachAnalyzerReducesTheFormsOfDeliveryToOneWordStart() {
        TextAnalyzer analyzer = new TextAnalyzer(Synonyms.none(), java.util.Set.of());
        assertOneStart(analyzer, Lang.RU, "доставка доставку доставили");
        assertOneStart(analyzer, Lang.UK, "доставка доставки доставили");
        assertOneStart(analyzer, Lang.EN, "delivery deliveries delivered");
    }

    private static void assertOneStart(TextAnalyzer analyzer, Lang lang, String words) {
        Analyzed a = analyzer.analyze(words, lang);
        assertEquals(3, a.words().size(), a::toString);
        assertEquals(1, a.prefixes().size(), () -> lang + ": " + a.prefixes());
    }

    @Test
    void ukrainianLemmasJoinFormsOfOneWord() {
        TextAnalyzer analyzer = new TextAnalyzer(Synonyms.none(), java.util.Set.of());
        Analyzed a = analyzer.analyze("доставка доставки", Lang.UK);
        assertEquals(a.words().get(0).forms(), a.words().get(1).forms());
    }

    @Test
    void slangFindsTheEntryThroughTheSynonymsFile() {
        assertEquals("promo", firstSuggestion("куда вбить промик?"));
    }

    @Test
    void aTypoStillFindsTheEntry() {
        assertEquals("promo", firstSuggestion("куда вводить промакод"));
    }

    @Test
    void somethingTheKnowledgeBaseDoesNotCoverGetsNoSuggestion() {
        assertTrue(suggester.suggest("а погода завтра будет хорошая?").isEmpty());
        assertTrue(suggester.suggest("как приготовить борщ на обед").isEmpty());
        assertTrue(suggester.suggest("").isEmpty());
        assertTrue(suggester.suggest("👍👍").isEmpty());
    }

    @Test
    void aPlainThankYouGetsNoSuggestionButThanksWithAProblemDoes() {
        assertTrue(suggester.suggest("Спасибо за быструю доставку!").isEmpty());
        assertFalse(suggester.suggest("Спасибо, но промокод не действует, почему?").isEmpty());
    }

    @Test
    void answersInTheCommentersLanguageWhenTheEntryHasIt() {
        Suggestions s = suggester.suggest("Скільки триває доставка замовлення?");
        assertEquals(Lang.UK, s.lang());
        Suggestion first = s.items().get(0);
        assertEquals("delivery", first.id());
        assertEquals(Lang.UK, first.lang());
        assertFalse(first.fallback());
        assertEquals("Скільки триває доставка?", first.title());
    }

    @Test
    void fallsBackToRussianAndSaysSoWhenTheEntryHasNoTranslation() {
        Suggestions s = suggester.suggest("Яка гарантія на техніку, якщо вона зламалася?");
        assertEquals(Lang.UK, s.lang());
        Suggestion first = s.items().get(0);
        assertEquals("warranty", first.id());
        assertEquals(Lang.RU, first.lang());
        assertTrue(first.fallback());
        assertEquals("Какая гарантия на технику?", first.title());
    }

    @Test
    void englishCommentGetsTheEnglishTranslation() {
        Suggestion first = suggester.suggest("How long does delivery take?").items().get(0);
        assertEquals(Lang.EN, first.lang());
        assertFalse(first.fallback());
    }

    @Test
    void atMostThreeSuggestionsBestFirstWithPreviewAndMatchedWords() {
        Suggestions s = suggester.suggest("Сколько идёт доставка заказа курьером?");
        assertTrue(s.items().size() <= 3);
        Suggestion first = s.items().get(0);
        assertEquals("delivery", first.id());
        assertTrue(first.score() > 0 && first.score() <= 1, () -> "score " + first.score());
        assertTrue(first.preview().startsWith("Доставка по городу"), first.preview());
        assertTrue(first.matchedTerms().contains("доставка"), first.matchedTerms()::toString);
        for (int i = 1; i < s.items().size(); i++) {
            assertTrue(s.items().get(i - 1).score() >= s.items().get(i).score());
        }
    }

    @Test
    void theLinkComesOnlyWhenTheCustomerAsksForOne() {
        assertNull(suggester.suggest("Сколько идёт доставка?").items().get(0).link());
        assertEquals("https://shop.example/delivery",
                suggester.suggest("Дайте ссылку, сколько идёт доставка?").items().get(0).link());
    }

    @Test
    void repeatedCommentsAreAnsweredFromTheCacheUntilAReload(@TempDir Path dir) throws IOException {
        Path ru = Files.createDirectories(dir.resolve("ru"));
        Files.writeString(ru.resolve("promo.md"), "# Как применить промокод?\n\nВведите его в корзине.\n");
        try (Suggester s = Suggester.of(KnowledgeBase.load(dir), RULES, new LanguageDetector())) {
            Suggestions first = s.suggest("куда вводить промокод");
            assertTrue(first == s.suggest("куда вводить промокод"), "the second answer comes from the cache");
            Files.writeString(ru.resolve("promo.md"), "# Как применить промокод?\n\nВведите его при оплате.\n");
            s.reload(ru.resolve("promo.md"));
            Suggestions after = s.suggest("куда вводить промокод");
            assertNotEquals(first.items().get(0).answer(), after.items().get(0).answer());
            assertNotNull(after.items().get(0).answer());
        }
    }

    @Test
    void explainShowsScoresAndWhichWordsMatchedHow() {
        Explanation e = suggester.explain("куда вводить промик");
        assertEquals(Lang.RU, e.lang());
        assertEquals(List.of("вводить", "промик"), e.words());
        Explanation.Item first = e.items().get(0);
        assertEquals("promo", first.id());
        assertTrue(first.shown());
        assertTrue(first.score() >= e.threshold());
        assertTrue(first.matched().contains(new Explanation.MatchedWord("промик", "synonym", false)), first.matched()::toString);
        assertTrue(first.matched().contains(new Explanation.MatchedWord("вводить", "word", false)), first.matched()::toString);
    }

    @Test
    void explainSaysWhenNothingIsShown() {
        Explanation e = suggester.explain("Спасибо, всё супер");
        assertTrue(e.thanks());
        assertTrue(e.items().stream().noneMatch(Explanation.Item::shown));
    }

    private static Ranker.Candidate candidate(String id, double score, Ranker.Match... matches) {
        return new Ranker.Candidate(id, score, 1, score, 1, List.of(matches));
    }

    private static Ranker.Match word(String w) {
        return new Ranker.Match(w, Ranker.How.WORD, false, false, 1);
    }

    private static List<String> chosen(Ranker.Candidate... ranked) {
        return Suggester.choose(List.of(ranked), Ranker.Tuning.DEFAULT).stream().map(Ranker.Candidate::id).toList();
    }

    @Test
    void aClearWinnerJustUnderTheThresholdIsShownButACloseCallIsNot() {
        double under = Ranker.Tuning.DEFAULT.minConfidence() * 0.9;
        assertEquals(List.of("a"), chosen(candidate("a", under, word("гарантия")), candidate("b", under * 0.4, word("x"))));
        assertEquals(List.of(), chosen(candidate("a", under, word("гарантия")), candidate("b", under * 0.95, word("x"))));
    }

    @Test
    void aWinnerUnderTheThresholdNeedsATellingWordInItsQuestionsNotATypoAWeakWordOrTheAnswer() {
        double under = Ranker.Tuning.DEFAULT.minConfidence() * 0.9;
        assertEquals(List.of(), chosen(candidate("a", under, new Ranker.Match("правда", Ranker.How.TYPO, false, false, 1))));
        assertEquals(List.of(), chosen(candidate("a", under, new Ranker.Match("самый", Ranker.How.WORD, false, true, 1))));
        assertEquals(List.of(), chosen(candidate("a", under, new Ranker.Match("москва", Ranker.How.WORD, true, false, 1))));
    }

    @Test
    void aRunnerUpThatExplainsOtherWordsOfTheCommentIsPreferredToOneThatRepeatsTheBest() {
        List<String> ids = chosen(candidate("a", 0.6, word("деньги"), word("сколько")),
                candidate("b", 0.5, word("деньги")), candidate("c", 0.45, word("деньги")),
                candidate("d", 0.4, word("стиралка"), word("сколько")));
        assertEquals(List.of("a", "b", "d"), ids, "best first, and d for the word none of the others explains");
    }

    @Test
    void anyPersonOfARussianVerbFindsTheSynonymGroupOfItsInfinitive() {
        TextAnalyzer analyzer = new TextAnalyzer(Synonyms.parse("поступление, завезти"), java.util.Set.of());
        String group = analyzer.analyze("поступление", Lang.RU).groups().iterator().next();
        for (String form : List.of("завезти", "завезёте", "завезут", "завезет")) {
            assertEquals(java.util.Set.of(group), analyzer.analyze(form, Lang.RU).groups(), form);
        }
    }

    @Test
    void fallsBackToTheConfiguredDefaultLanguage(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("en"));
        Files.createDirectories(dir.resolve("ru"));
        Files.writeString(dir.resolve("en/delivery.md"), "# How long does delivery take?\n\nThree days.\n");
        Files.writeString(dir.resolve("ru/delivery.md"), "# Сколько идёт доставка?\n\nТри дня.\n");
        String ukrainian = "Скільки триває доставка?";
        try (Suggester s = Suggester.of(KnowledgeBase.load(dir, Lang.EN), RULES, new LanguageDetector())) {
            Suggestion first = s.suggest(ukrainian).items().get(0);
            assertEquals(Lang.EN, first.lang());
            assertTrue(first.fallback());
            assertEquals(List.of(), s.knowledgeBase().problems());
        }
        try (Suggester s = Suggester.of(KnowledgeBase.load(dir), RULES, new LanguageDetector())) {
            assertEquals(Lang.RU, s.suggest(ukrainian).items().get(0).lang());
        }
    }

    @Test
    void aTranslationMissingFromTheConfiguredDefaultLanguageIsAProblem(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("ru"));
        Files.writeString(dir.resolve("ru/delivery.md"), "# Сколько идёт доставка?\n\nТри дня.\n");
        List<Problem> problems = KnowledgeBase.load(dir, Lang.EN).problems();
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).message().contains("no en/delivery.md"), problems::toString);
        assertEquals(List.of(), KnowledgeBase.load(dir).problems());
    }
}
