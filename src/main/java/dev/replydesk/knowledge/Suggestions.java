package dev.replydesk.knowledge;

import dev.replydesk.language.Lang;
import java.util.List;
import java.util.Objects;

/**
 * What the knowledge base suggests for one comment: at most three answers, best first, or none
 * when nothing fits well enough (a wrong suggestion costs a moderator more than none).
 *
 * @param lang  the comment's language as detected
 * @param items the suggestions, best first; empty when the knowledge base abstains
 */
public record Suggestions(Lang lang, List<Suggestion> items) {
    public static final int MAX = 3;

    public Suggestions {
        Objects.requireNonNull(lang, "lang");
        items = List.copyOf(items);
        if (items.size() > MAX) {
            throw new IllegalArgumentException("at most " + MAX + " suggestions");
        }
    }

    public boolean isEmpty() {
        return items.isEmpty();
    }
}
