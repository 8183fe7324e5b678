package dev.replydesk.triage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.replydesk.language.Lang;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;
import java.util.ResourceBundle;
import org.junit.jupiter.api.Test;

class ReasonTextsTest {
    @Test
    void everyCombinationTheScorerCanFireHasAReasonText() {
        ResourceBundle texts = ResourceBundle.getBundle("dev.replydesk.triage.reasons", Locale.ROOT);
        for (String combination : Model.COMBINATIONS) {
            assertTrue(texts.containsKey("combination." + combination),
                    "a card would show the bare key combination." + combination);
        }
    }

    @Test
    void theRussianAndUkrainianReasonFilesHaveEveryKeyOfTheEnglishOne() throws IOException {
        Properties en = load("reasons.properties");
        for (String lang : new String[] {"ru", "uk"}) {
            Properties other = load("reasons_" + lang + ".properties");
            assertEquals(en.keySet(), other.keySet(), "reasons_" + lang + " must translate every reason");
        }
    }

    @Test
    void reasonsAreWrittenInTheCardsLanguage() {
        String complaint = "Заказ 123456 третью неделю не могут доставить, верните деньги";
        Verdict ru = Triage.defaults(Lang.RU).classify(complaint);
        Verdict uk = Triage.defaults(Lang.UK).classify(complaint);
        Verdict en = Triage.defaults().classify(complaint);
        assertEquals(Label.COMPLAINT, ru.label());
        assertTrue(ru.reasons().stream().anyMatch(r -> r.contains("номер заказа") && r.endsWith("→ жалоба")),
                ru.reasons().toString());
        assertTrue(uk.reasons().stream().anyMatch(r -> r.contains("номер замовлення") && r.endsWith("→ скарга")),
                uk.reasons().toString());
        assertTrue(en.reasons().stream().anyMatch(r -> r.contains("order number") && r.endsWith("→ complaint")),
                en.reasons().toString());
        assertEquals(ru.label(), en.label(), "the language of the reasons never changes the label");
    }

    private static Properties load(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = ReasonTextsTest.class.getResourceAsStream("/dev/replydesk/triage/" + name)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }
}
