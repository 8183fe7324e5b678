package dev.replydesk.digest;

import dev.replydesk.knowledge.GapGrouper;
import dev.replydesk.knowledge.GapGroup;
import java.util.ArrayList;
import java.util.List;

/**
 * Groups similar questions, so the digest shows "12 × how do I return an order" rather than
 * twelve lines. One small seam: the knowledge base's {@link GapGrouper} (word forms, synonyms,
 * languages) in the bot, {@link TokenOverlapGroups} where no knowledge base is at hand.
 */
interface QuestionGroups {
    /** A group: one of its questions as the example, and how many it holds. */
    record Group(String example, int count) {
    }

    /** At most {@code max} groups of {@code questions}, largest first. */
    List<Group> group(List<String> questions, int max);

    /** The knowledge base's grouping. */
    static QuestionGroups of(GapGrouper grouper) {
        return (questions, max) -> {
            List<Group> out = new ArrayList<>();
            for (GapGroup g : grouper.group(questions, max, 1)) {
                if (!g.examples().isEmpty()) {
                    out.add(new Group(g.examples().get(0), g.size()));
                }
            }
            return out;
        };
    }
}
