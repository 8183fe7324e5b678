package dev.replydesk.digest;

import java.util.List;

/**
 * Groups similar questions, so the digest shows "12 × how do I return an order" rather than
 * twelve lines. One small seam: the knowledge package's grouping can replace
 * {@link TokenOverlapGroups} without the digest changing.
 */
interface QuestionGroups {
    /**
     * Groups {@code questions}.
     *
     * @return groups as indexes into {@code questions}; every index appears once, and the first
     *     index of a group is its example
     */
    List<List<Integer>> group(List<String> questions);
}
