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
}
