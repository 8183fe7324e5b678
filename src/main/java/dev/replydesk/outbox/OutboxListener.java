package dev.replydesk.outbox;

import java.sql.Connection;

/**
 * Told what became of each enqueued message, inside the same transaction that marks its row, so
 * the caller's own bookkeeping (a card's message id, a reply marked published) commits with it.
 *
 * <p>Called on the outbox thread. A listener that throws is logged and rolled back to a savepoint;
 * the row is still marked, so a listener bug never makes a message go out twice. A text split into
 * several messages is reported once, under the id {@link Outbox#enqueue} returned (its last part).
 */
public interface OutboxListener {

    OutboxListener NONE = new OutboxListener() {
        @Override
        public void sent(Connection tx, long outboxId, String correlation, long messageId) {
        }

        @Override
        public void failed(Connection tx, long outboxId, String correlation, String reason) {
        }
    };

    /** Delivered; {@code messageId} is the new message (for an edit, the edited one). */
    void sent(Connection tx, long outboxId, String correlation, long messageId);

    /** Given up for good: refused by Telegram, its target failed, or retried past the bound. */
    void failed(Connection tx, long outboxId, String correlation, String reason);
}
