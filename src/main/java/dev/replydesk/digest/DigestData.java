package dev.replydesk.digest;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the digest of one day is built from, as read from the store by {@link DigestRepository}:
 * the comments, replies, checklist decisions and breaches of the day and the seven days before
 * it, and every comment open at {@code asOf}. Plain values, so the builder stays pure.
 *
 * @param asOf        when "still open" is measured (the moment the digest is made)
 * @param communities chat id → community name, from the config
 * @param names       user id → display name, as last seen by the bot
 * @param comments    comments that arrived in the window
 * @param open        comments in state OPEN at {@code asOf}, whenever they arrived
 * @param replies     replies published in the window
 * @param decisions   checklist decisions taken in the window
 * @param breaches    each time a comment went past the limit, from the window's start on (a reopened
 *                    comment can do so again)
 * @param corrections when a moderator corrected a label, in the window
 */
record DigestData(Instant asOf, Map<Long, String> communities, Map<Long, String> names,
                  List<CommentFact> comments, List<CommentFact> open, List<ReplyFact> replies,
                  List<DecisionFact> decisions, List<Breach> breaches, List<Instant> corrections) {
    DigestData {
        Objects.requireNonNull(asOf, "asOf");
        communities = Map.copyOf(communities);
        names = Map.copyOf(names);
        comments = List.copyOf(comments);
        open = List.copyOf(open);
        replies = List.copyOf(replies);
        decisions = List.copyOf(decisions);
        breaches = List.copyOf(breaches);
        corrections = List.copyOf(corrections);
    }

    /**
     * One comment with its ledger state.
     *
     * @param kbAnswered the knowledge base had a suggestion for it ({@code suggestion_ids} not null)
     * @param text       its latest text
     */
    record CommentFact(long id, long chatId, long messageId, Long threadId, Long channelId, Long channelPostId,
                       Instant sentAt, Instant clockStart, String label, boolean negative, boolean needsAnswer,
                       String state, Instant firstAnswerAt, Instant resolvedAt, Long ownerId, String text,
                       boolean kbAnswered) {
        CommentFact {
            Objects.requireNonNull(sentAt, "sentAt");
            Objects.requireNonNull(state, "state");
            text = text == null ? "" : text;
        }

        /** When its clock started: the start of its burst, else when it was written (a later reopen does not count). */
        Instant start() {
            return clockStart != null && !clockStart.isAfter(sentAt) ? clockStart : sentAt;
        }
    }

    /** Comment {@code commentId} went past {@code sla.limit} at {@code at}. */
    record Breach(long commentId, Instant at) {
        Breach {
            Objects.requireNonNull(at, "at");
        }
    }

    /** A reply published by a moderator, with the start of the comment it answers. */
    record ReplyFact(long commentId, long moderatorId, Instant publishedAt, Instant commentStart) {
    }

    /**
     * One checklist decision. {@code outcome} is PASS, FAIL, OVERRIDE, EDIT or CANCEL; the check
     * results are null when the check was off.
     */
    record DecisionFact(long moderatorId, Instant decidedAt, String outcome, Boolean polite, Boolean logical,
                        Boolean consistent, Boolean links, String overrideReason) {
    }
}
