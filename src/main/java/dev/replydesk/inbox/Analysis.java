package dev.replydesk.inbox;

import dev.replydesk.language.Lang;
import java.util.List;
import java.util.Objects;

/**
 * What the bot makes of a comment's text: its language, its label with the reasons, and the
 * knowledge base's suggestions. Produced by an {@link Analyzer}; the inbox only stores and shows it.
 *
 * @param label  triage label code (complaint, troll, question, praise, spam, other), or null
 *               when no classifier is wired
 */
public record Analysis(Lang lang, String label, boolean negative, boolean needsAnswer, List<String> reasons,
                       List<Suggested> suggestions) {
    public Analysis {
        Objects.requireNonNull(lang, "lang");
        reasons = List.copyOf(reasons);
        suggestions = List.copyOf(suggestions);
    }

    /** Without a classifier every comment is treated as needing an answer: nothing falls through. */
    public static Analysis unclassified(Lang lang) {
        return new Analysis(lang, null, false, true, List.of(), List.of());
    }

    /**
     * One knowledge-base answer offered on a card.
     *
     * @param fallback the entry had no translation in the comment's language; shown in {@code lang}
     */
    public record Suggested(String id, String title, String preview, String answer, String link, double score,
                            Lang lang, boolean fallback) {
    }

    /** The seam to triage and the knowledge base; pure functions of the text. */
    public interface Analyzer {
        Analysis analyze(String text);

        /**
         * A hint that these texts are about to be analyzed, one after another: an analyzer may
         * work them out ahead, in parallel, so that {@link #analyze} then answers at once.
         */
        default void prepare(List<String> texts) {
        }

        /** Suggestions only (for re-rendering after a knowledge-base reload, or an edit). */
        default List<Suggested> suggest(String text) {
            return analyze(text).suggestions();
        }
    }
}
