package dev.replydesk.triage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TextTest {
    @Test
    void wordsAreLowerCasedWithYoAsYeAndOneKindOfApostrophe() {
        Text t = Text.of("Ещё ЖДУ, кур’єр п'ятницю");
        assertArrayEquals(new String[] {"еще", "жду", "кур'єр", "п'ятницю"}, t.words);
        assertEquals("ЖДУ", t.surface(1, 2));
    }

    @Test
    void englishContractionsAreSplitSoOneEntryCoversBothSpellings() {
        assertArrayEquals(new String[] {"it", "does", "not", "work", "i", "am", "sad"},
                Text.of("It doesn't work, I'm sad").words);
        assertArrayEquals(new String[] {"can", "not", "log", "in"}, Text.of("can't log in").words);
    }

    @Test
    void punctuationBeforeAWordIsRemembered() {
        Text t = Text.of("Нет. Совсем, нет");
        assertEquals(Text.STOP, t.before[0]);
        assertEquals(Text.STOP, t.before[1]);
        assertEquals(Text.COMMA, t.before[2]);
    }
}
