package dev.replydesk.outbox;

/**
 * The message an {@link Outgoing.Edit} changes: one whose Telegram id is known, or the one another
 * outbox row produces. The second is resolved when the edit is sent; the edit waits until that row
 * is sent (rows of one chat go out in order), and fails if that row failed.
 */
public sealed interface MessageRef permits MessageRef.Message, MessageRef.OutboxRow {

    static MessageRef message(long messageId) {
        return new Message(messageId);
    }

    static MessageRef outboxRow(long outboxId) {
        return new OutboxRow(outboxId);
    }

    /** A Telegram message id. */
    record Message(long messageId) implements MessageRef {
        public Message {
            if (messageId <= 0) {
                throw new IllegalArgumentException("message id must be positive: " + messageId);
            }
        }
    }

    /** The message produced by outbox row {@code outboxId} (the id {@link Outbox#enqueue} returned). */
    record OutboxRow(long outboxId) implements MessageRef {
        public OutboxRow {
            if (outboxId <= 0) {
                throw new IllegalArgumentException("outbox id must be positive: " + outboxId);
            }
        }
    }
}
