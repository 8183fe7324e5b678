package dev.replydesk.review;

import dev.replydesk.language.Lang;
import java.text.MessageFormat;
import java.util.List;
import java.util.ResourceBundle;

/** The reason texts (resource bundle {@code review/reasons}) in the draft's language. */
final class Messages {
    private final ResourceBundle bundle;
    private final Lang lang;

    Messages(Lang lang) {
        this.lang = lang;
        this.bundle = ResourceBundle.getBundle("review/reasons", lang.locale(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    String get(String key, Object... args) {
        return new MessageFormat(bundle.getString(key), lang.locale()).format(args);
    }

    /** Words quoted the way the reasons quote them: «a», «b». */
    String quote(List<String> words) {
        StringBuilder sb = new StringBuilder();
        for (String w : words) {
            if (!sb.isEmpty()) {
                sb.append(", ");
            }
            sb.append(get("quote", w));
        }
        return sb.toString();
    }

    String quote(String word) {
        return get("quote", word);
    }
}
