package dev.replydesk.triage;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
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
}
