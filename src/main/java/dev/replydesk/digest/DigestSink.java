package dev.replydesk.digest;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Where the digest's messages are queued, inside the caller's transaction, so a message and
 * the record that it was sent commit together. The bot adapts the outbox to it
 * ({@code Outbox.enqueue(tx, new Outgoing.Send(...), correlation)} and so on).
 */
public interface DigestSink {
    /** Queues an HTML text message to a private chat. */
    void send(Connection tx, long chatId, String html, String correlation) throws SQLException;

    /** Queues a PNG photo with a plain-text caption (at most 1024 characters). */
    void photo(Connection tx, long chatId, String fileName, byte[] png, String caption, String correlation)
            throws SQLException;

    /** Queues a file with a plain-text caption (at most 1024 characters). */
    void document(Connection tx, long chatId, String fileName, byte[] content, String caption, String correlation)
            throws SQLException;
}
