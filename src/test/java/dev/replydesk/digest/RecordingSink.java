package dev.replydesk.digest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A stand-in for the outbox: each queued message becomes an audit row written in the caller's
 * transaction (so a rollback takes it back, as it would take back an outbox row), and a copy in
 * memory for the test to look at.
 */
final class RecordingSink implements DigestSink {
    record Message(String kind, long chatId, String text, String fileName, byte[] content, String correlation) {
    }

    final List<Message> messages = new CopyOnWriteArrayList<>();
    /** Messages this matches throw instead of being queued. */
    volatile Predicate<Message> failing = m -> false;

    @Override
    public void send(Connection tx, long chatId, String html, String correlation) throws SQLException {
        queue(tx, new Message("send", chatId, html, null, null, correlation));
    }

    @Override
    public void photo(Connection tx, long chatId, String fileName, byte[] png, String caption, String correlation)
            throws SQLException {
        queue(tx, new Message("photo", chatId, caption, fileName, png, correlation));
    }

    @Override
    public void document(Connection tx, long chatId, String fileName, byte[] content, String caption,
            String correlation) throws SQLException {
        queue(tx, new Message("document", chatId, caption, fileName, content, correlation));
    }

    private void queue(Connection tx, Message m) throws SQLException {
        try (PreparedStatement ps = tx.prepareStatement(
                "INSERT INTO audit (comment_id, at, actor_id, action, detail) VALUES (NULL, ?, ?, 'test_queued', ?)")) {
            ps.setObject(1, OffsetDateTime.now(ZoneOffset.UTC));
            ps.setLong(2, m.chatId());
            ps.setString(3, m.kind() + " " + m.correlation());
            ps.executeUpdate();
        }
        if (failing.test(m)) {
            throw new SQLException("the outbox refused " + m.kind() + " to " + m.chatId());
        }
        messages.add(m);
    }

    List<Message> to(long chatId) {
        return messages.stream().filter(m -> m.chatId() == chatId).toList();
    }
}
