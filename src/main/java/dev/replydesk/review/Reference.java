package dev.replydesk.review;

/**
 * The facts of the knowledge-base entry a draft should agree with.
 *
 * @param id     the entry's id, e.g. {@code refund-timing}
 * @param title  the entry's title (the question it answers)
 * @param answer the answer text, the source of numbers, terms and conditions
 * @param link   the entry's own link, or {@code null} when it has none
 */
public record Reference(String id, String title, String answer, String link) {
    public Reference {
        id = id == null ? "" : id;
        title = title == null ? "" : title;
        answer = answer == null ? "" : answer;
        link = link == null || link.isBlank() ? null : link.strip();
    }
}
