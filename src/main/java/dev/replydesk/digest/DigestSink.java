package dev.replydesk.digest;

import dev.replydesk.outbox.Keyboard;
import dev.replydesk.outbox.Outbox;
import dev.replydesk.outbox.Outgoing;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Where the digest's messages are queued, inside the caller's transaction, so a message and
 * the record that it was sent commit together. {@link #of(Outbox)} is the bot's; tests put a
 * recorder in its place.
 */
public interface DigestSink {
    /** Queues an HTML text message to a private chat. */
    void send(Connection tx, long chatId, String html, String correlation) throws SQLException;

    /** Queues a PNG photo with an HTML caption (at most 1024 characters). */
    void photo(Connection tx, long chatId, String fileName, byte[] png, String caption, String correlation)
            throws SQLException;

    /** Queues a file with an HTML caption (at most 1024 characters). */
    void document(Connection tx, long chatId, String fileName, byte[] content, String caption, String correlation)
            throws SQLException;

    /** Queues through the outbox: {@link Outgoing.Send}, {@link Outgoing.Photo}, {@link Outgoing.Document}. */
    static DigestSink of(Outbox outbox) {
        return new DigestSink() {
            @Override
            public void send(Connection tx, long chatId, String html, String correlation) {
                outbox.enqueue(tx, new Outgoing.Send(chatId, null, html, null, Keyboard.NONE), correlation);
            }

            @Override
            public void photo(Connection tx, long chatId, String fileName, byte[] png, String caption,
                    String correlation) {
                outbox.enqueue(tx, new Outgoing.Photo(chatId, fileName, png, caption), correlation);
            }

            @Override
            public void document(Connection tx, long chatId, String fileName, byte[] content, String caption,
                    String correlation) {
                outbox.enqueue(tx, new Outgoing.Document(chatId, fileName, content, caption), correlation);
            }
        };
    }
}
