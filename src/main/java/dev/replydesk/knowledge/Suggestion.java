package dev.replydesk.knowledge;

import dev.replydesk.language.Lang;
import java.util.List;
import java.util.Objects;

/**
 * One knowledge-base answer suggested for a comment.
 *
 * @param id           the entry's id
 * @param score        confidence in [0, 1]: the share of the comment's informative words the entry
 *                     explains, weighted by how telling each word is
 * @param title        the entry's title in {@code lang}
 * @param preview      the start of the answer as plain text, for a card
 * @param lang         the language of title, preview and answer
 * @param fallback     true when the entry has no translation in the comment's language and this is
 *                     the default language's version instead (say so to the moderator)
 * @param answer       the full answer, Markdown, to turn into a draft
 * @param link         the entry's link when the comment asks for a link, else {@code null}
 * @param matchedTerms the comment's words that matched, as written
 */
public record Suggestion(String id, double score, String title, String preview, Lang lang, boolean fallback,
        String answer, String link, List<String> matchedTerms) {
    public Suggestion {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(preview, "preview");
        Objects.requireNonNull(lang, "lang");
        Objects.requireNonNull(answer, "answer");
        matchedTerms = List.copyOf(matchedTerms);
    }
}
