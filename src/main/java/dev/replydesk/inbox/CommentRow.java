package dev.replydesk.inbox;

import java.time.Instant;

/** A comment as stored, with its ledger state. */
public record CommentRow(long id, long chatId, long messageId, Long threadId, boolean topic,
                         Long replyToMessageId, Long channelId, Long channelPostId, Long authorId,
                         String authorName, String authorUsername, Instant sentAt, Instant receivedAt,
                         String text, String media, String lang, int versions, String label,
                         String labelReasons, boolean negative, boolean needsAnswer, State state,
                         Instant clockStart, Long ownerId, Instant claimedAt, Instant firstAnswerAt,
                         Instant resolvedAt, Long resolvedBy, int reopened, Long burstOf) {

    /** Where a comment stands in the ledger. */
    public enum State {
        /** Needs an answer and has none yet: the clock runs. */
        OPEN(true),
        /** Negative but nothing to answer (a troll): tracked, no clock. */
        TRACKED(false),
        /** Nothing expected (praise, chatter, spam). */
        NONE(false),
        /** The brand replied in the thread. */
        ANSWERED(false),
        /** A moderator said it was answered elsewhere. */
        ANSWERED_ELSEWHERE(false),
        /** A moderator said it needs no answer. */
        NO_ANSWER_NEEDED(false);

        private final boolean open;

        State(boolean open) {
            this.open = open;
        }

        public boolean isOpen() {
            return open;
        }

        public boolean isResolved() {
            return this == ANSWERED || this == ANSWERED_ELSEWHERE || this == NO_ANSWER_NEEDED;
        }
    }
}
