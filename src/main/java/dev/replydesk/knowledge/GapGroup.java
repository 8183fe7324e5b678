package dev.replydesk.knowledge;

import java.util.List;

/**
 * Comments the knowledge base could not answer that ask about the same thing.
 *
 * @param keywords the words the comments share, most common first, as customers wrote them
 * @param size     how many comments the group holds
 * @param examples a few of the comments, the most typical first
 */
public record GapGroup(List<String> keywords, int size, List<String> examples) {
    public GapGroup {
        keywords = List.copyOf(keywords);
        examples = List.copyOf(examples);
    }
}
