package dev.replydesk.knowledge;

import dev.replydesk.language.Lang;
import java.util.List;
import java.util.Objects;

/**
 * Why the knowledge base suggests what it does for a comment, for editors ({@code /kb <text>}):
 * the best candidates with their scores, which of the comment's words each matched and how, and
 * whether each would be shown.
 *
 * @param lang      the comment's language as detected
 * @param words     the comment's words that count (greetings, filler and numbers dropped), as written
 * @param threshold the score below which nothing is shown
 * @param thanks    true when the comment was taken for a plain thank-you, which gets no suggestion
 * @param items     the best candidates, best first (more than are shown)
 */
public record Explanation(Lang lang, List<String> words, double threshold, boolean thanks, List<Item> items) {
    public Explanation {
        Objects.requireNonNull(lang, "lang");
        words = List.copyOf(words);
        items = List.copyOf(items);
    }

    /**
     * One candidate entry.
     *
     * @param id      the entry's id
     * @param title   its title in the comment's language, or the fallback's
     * @param score   its confidence in [0, 1]
     * @param shown   whether it is among the suggestions shown
     * @param matched the comment's words it matched
     */
    public record Item(String id, String title, double score, boolean shown, List<MatchedWord> matched) {
        public Item {
            matched = List.copyOf(matched);
        }
    }

    /**
     * A word of the comment that matched.
     *
     * @param word       as written in the comment
     * @param how        {@code word}, {@code synonym}, {@code other language}, {@code typo} or
     *                   {@code word start}
     * @param answerOnly true when only the answer, not the title or questions, has it
     */
    public record MatchedWord(String word, String how, boolean answerOnly) {
    }
}
