package dev.replydesk.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.replydesk.language.Lang;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChecklistTest {

    @Test
    void builtInRulesLoadFromTheClasspathAndJudgeLikeTheProjectFiles() {
        Checklist builtIn = Checklist.defaults();
        List<Turn> thread = List.of(Turn.customer("Где мой заказ?"));
        String draft = "Ваш заказ уже у курьера, привезёт сегодня. Извините!!! Простите!!!";
        assertEquals(Drafts.CHECKLIST.check(thread, draft, Optional.empty()),
                builtIn.check(thread, draft, Optional.empty()));
    }

    @Test
    void aRulesDirectoryWithoutSomeLanguageFallsBackToTheBuiltInFile(@TempDir Path dir) throws Exception {
        String ru = Files.readString(Path.of("config", "review", "ru.yml")).replace("max_emoji: 1", "max_emoji: 3");
        Files.writeString(dir.resolve("ru.yml"), ru);
        Checklist edited = Checklist.load(dir);
        Review review = edited.check(List.of(Turn.customer("Спасибо!")), "Спасибо вам 🙂🙂", Optional.empty());
        assertTrue(review.passed(Check.POLITE), review.toString());
        Review english = edited.check(List.of(Turn.customer("Thanks!")), "Thank you 🙂🙂", Optional.empty());
        assertTrue(!english.passed(Check.POLITE), "en.yml came from the built-in rules");
    }

    @Test
    void aBrokenRuleFileFailsNamingTheFileAndTheKey(@TempDir Path dir) throws Exception {
        String ru = Files.readString(Path.of("config", "review", "ru.yml")).replace("max_emoji: 1", "max_emoji: many");
        Files.writeString(dir.resolve("ru.yml"), ru);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checklist.load(dir));
        assertTrue(e.getMessage().contains("ru.yml") && e.getMessage().contains("polite.max_emoji"), e.getMessage());
    }

    @Test
    void theLanguageIsTheDraftsBackedByTheCustomersTurnsNotByLinks() {
        Checklist c = Drafts.CHECKLIST;
        assertEquals(Lang.UK, c.language(List.of(Turn.customer("Скільки коштує доставка?")), "Доставка 390 ₽."));
        assertEquals(Lang.RU, c.language(List.of(Turn.customer("Где почитать условия?")),
                "Условия тут: https://shop.example.com/terms/delivery-and-returns"));
    }

    @Test
    void reviewListsFailedChecksInChecklistOrder() {
        Review review = Drafts.ask("Когда привезут?", "СЛУШАЙТЕ, читайте внимательнее: https://shop.ru/faq");
        assertEquals(List.of(Check.POLITE, Check.LOGICAL, Check.LINKS), review.failed());
        assertTrue(!review.allPassed());
        assertEquals(3, review.reasons().size());
    }

    @Test
    void reasonsAreWrittenInTheReadersLanguageWhileTheJudgementStaysTheDrafts() {
        Checklist c = Drafts.CHECKLIST;
        List<Turn> thread = List.of(Turn.customer("Когда привезут мой заказ?"));
        String draft = "СЛУШАЙТЕ, читайте внимательнее: https://shop.ru/faq";
        Review own = c.check(thread, draft, Optional.empty());
        Review ukrainian = c.check(thread, draft, Optional.empty(), Lang.UK);
        Review english = c.check(thread, draft, Optional.empty(), Lang.EN);
        assertEquals(own.passed(), ukrainian.passed(), "the reader's language never changes the judgement");
        assertEquals(own.passed(), english.passed());
        assertEquals(own.reasons().keySet(), ukrainian.reasons().keySet());
        assertTrue(own.reasons().get(Check.POLITE).contains("крик заглавными"), own.toString());
        assertTrue(ukrainian.reasons().get(Check.POLITE).contains("крик великими літерами"), ukrainian.toString());
        assertTrue(ukrainian.reasons().get(Check.POLITE).contains("«СЛУШАЙТЕ»"), "quotes the draft's own words: "
                + ukrainian);
        assertTrue(english.reasons().get(Check.POLITE).contains("shouting in capitals"), english.toString());
        assertEquals(own, c.check(thread, draft, Optional.empty(), Lang.RU), "the thread's own language, as before");
    }
}
