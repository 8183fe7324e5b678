package dev.replydesk.language;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LanguageDetectorTest {
    private final LanguageDetector detector = new LanguageDetector();

    @Test
    void russianByLettersAndWords() {
        assertEquals(Lang.RU, detector.detect("Когда привезут мой заказ? Жду уже неделю"));
        assertEquals(Lang.RU, detector.detect("объясните, что это было"));
    }

    @Test
    void ukrainianByLettersAndWords() {
        assertEquals(Lang.UK, detector.detect("Коли привезуть моє замовлення? Чекаю вже тиждень"));
        assertEquals(Lang.UK, detector.detect("скільки коштує доставка"));
    }

    @Test
    void surzhykGoesToTheSideWithMoreEvidence() {
        assertEquals(Lang.UK, detector.detect("шо там з моїм заказом, вже тиждень чекаю"));
        assertEquals(Lang.RU, detector.detect("где мой заказ, вже неделю жду, что происходит"));
    }

    @Test
    void english() {
        assertEquals(Lang.EN, detector.detect("Where is my order? It's been a week"));
    }

    @Test
    void emptyIsDefault() {
        assertEquals(Lang.DEFAULT, detector.detect("  "));
        assertEquals(Lang.DEFAULT, detector.detect("👍"));
    }

    @Test
    void anApostropheInsideACyrillicWordIsUkrainian() {
        assertEquals(Lang.UK, detector.detect("кур'єр приїхав"));
        assertEquals(Lang.UK, detector.detect("п’ять днів чекаю"));
        assertEquals(Lang.RU, detector.detect("объявление про подъезд"));
    }

    @Test
    void surzhykWithUkrainianLettersAndRussianWordsStaysUkrainian() {
        assertEquals(Lang.UK, detector.detect("кур'єр опоздав на дві години, шо мені за це буде"));
        assertEquals(Lang.UK, detector.detect("коли вже привезуть заказ, чекаю тиждень"));
    }

    @Test
    void surzhykWithRussianLettersAndSomeUkrainianWordsStaysRussian() {
        assertEquals(Lang.RU, detector.detect("шо там с заказом, уже неделю жду, ничего не пришло"));
        assertEquals(Lang.RU, detector.detect("здрасьте, а шо по доставке? когда будет?"));
    }

    @Test
    void textWithoutDistinctiveLettersIsToldByItsWords() {
        assertEquals(Lang.UK, detector.detect("скажіть будь ласка скільки коштує доставка"));
        assertEquals(Lang.RU, detector.detect("скажите пожалуйста сколько стоит доставка"));
        assertEquals(Lang.UK, detector.detect("де моє замовлення"));
        assertEquals(Lang.RU, detector.detect("где мой заказ"));
    }

    @Test
    void latinBrandNamesDoNotMakeACyrillicCommentEnglish() {
        assertEquals(Lang.RU, detector.detect("Dyson V15 когда снова будет в продаже?"));
        assertEquals(Lang.UK, detector.detect("коли знову буде Dyson V15 у продажу?"));
    }

    @Test
    void englishWithACyrillicNameIsEnglish() {
        assertEquals(Lang.EN, detector.detect("Do you deliver to Новосибирск?"));
    }
}
