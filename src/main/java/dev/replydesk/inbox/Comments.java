package dev.replydesk.inbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQL for comments, versions, cards, channel posts and the audit trail. Never deletes. */
final class Comments {
    private static final String COLUMNS = "id, chat_id, message_id, thread_id, is_topic, reply_to_message_id, "
            + "channel_id, channel_post_id, author_id, author_name, author_username, sent_at, received_at, text, "
            + "media, lang, version_count, label, label_reasons, negative, needs_answer, state, clock_start, "
            + "owner_id, claimed_at, first_answer_at, resolved_at, resolved_by, reopened_count, burst_of";

    private Comments() {
    }

    record NewComment(long chatId, long messageId, Long threadId, boolean topic, Long replyToMessageId,
                      Long channelId, Long channelPostId, Long authorId, String authorName,
                      String authorUsername, Long senderChatId, Instant sentAt, Instant receivedAt,
                      String text, String media) {
    }

    /**
     * Stores a new comment whole, in one INSERT: what it is, its analysis and its place in the
     * ledger ({@code start}); then its first version.
     */
    static long insert(Connection c, NewComment n, CommentRow.State state, Analysis a, Ledger.Start start)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO comment (chat_id, message_id, thread_id, "
                + "is_topic, reply_to_message_id, channel_id, channel_post_id, author_id, author_name, "
                + "author_username, sender_chat_id, sent_at, received_at, text, media, state, lang, label, "
                + "label_reasons, negative, needs_answer, suggestion_ids, clock_start, burst_of, owner_id, claimed_at) "
                + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", Statement.RETURN_GENERATED_KEYS)) {
            ps.setLong(1, n.chatId());
            ps.setLong(2, n.messageId());
            setLong(ps, 3, n.threadId());
            ps.setBoolean(4, n.topic());
            setLong(ps, 5, n.replyToMessageId());
            setLong(ps, 6, n.channelId());
            setLong(ps, 7, n.channelPostId());
            setLong(ps, 8, n.authorId());
            // Telegram's names are far shorter; only a forged update reaches the column widths
            ps.setString(9, cap(n.authorName(), 512));
            ps.setString(10, cap(n.authorUsername(), 64));
            setLong(ps, 11, n.senderChatId());
            ps.setObject(12, ts(n.sentAt()));
            ps.setObject(13, ts(n.receivedAt()));
            ps.setString(14, n.text());
            ps.setString(15, n.media());
            ps.setString(16, state.name());
            ps.setString(17, a.lang().code());
            ps.setString(18, a.label());
            ps.setString(19, a.reasons().isEmpty() ? null : truncate(String.join("\n", a.reasons()), 4000));
            ps.setBoolean(20, a.negative());
            ps.setBoolean(21, a.needsAnswer());
            String ids = String.join(",", a.suggestions().stream().map(Analysis.Suggested::id).toList());
            ps.setString(22, ids.isEmpty() ? null : truncate(ids, 1000));
            setInstant(ps, 23, start.clockStart());
            setLong(ps, 24, start.burstOf());
            setLong(ps, 25, start.owner());
            setInstant(ps, 26, start.claimedAt());
            ps.executeUpdate();
            long id;
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                id = keys.getLong(1);
            }
            insertVersion(c, id, 1, n.text(), n.media(), null, n.receivedAt());
            return id;
        }
    }

    static void insertVersion(Connection c, long commentId, int version, String text, String media,
            Instant editedAt, Instant receivedAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO comment_version (comment_id, version, text, "
                + "media, edited_at, received_at) VALUES (?,?,?,?,?,?)")) {
            ps.setLong(1, commentId);
            ps.setInt(2, version);
            ps.setString(3, text);
            ps.setString(4, media);
            ps.setObject(5, editedAt == null ? null : ts(editedAt));
            ps.setObject(6, ts(receivedAt));
            ps.executeUpdate();
        }
    }

    static Optional<CommentRow> byMessage(Connection c, long chatId, long messageId) throws SQLException {
        return one(c, "SELECT " + COLUMNS + " FROM comment WHERE chat_id = ? AND message_id = ?", chatId, messageId);
    }

    static Optional<CommentRow> byId(Connection c, long id) throws SQLException {
        return one(c, "SELECT " + COLUMNS + " FROM comment WHERE id = ?", id);
    }

    static Optional<CommentRow> byIdForUpdate(Connection c, long id) throws SQLException {
        return one(c, "SELECT " + COLUMNS + " FROM comment WHERE id = ? FOR UPDATE", id);
    }

    /** The latest text of a comment: its newest version. */
    static String latestText(Connection c, long commentId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT text FROM comment_version WHERE comment_id = ? ORDER BY version DESC LIMIT 1")) {
            ps.setLong(1, commentId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : "";
            }
        }
    }

    static List<CommentRow> query(Connection c, String where, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM comment WHERE " + where)) {
            bind(ps, params);
            List<CommentRow> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(read(rs));
                }
            }
            return rows;
        }
    }

    private static Optional<CommentRow> one(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            return ps.executeUpdate();
        }
    }

    static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            if (p instanceof Instant t) {
                ps.setObject(i + 1, ts(t));
            } else if (p instanceof Enum<?> e) {
                ps.setString(i + 1, e.name());
            } else if (p == null) {
                ps.setNull(i + 1, Types.NULL);
            } else {
                ps.setObject(i + 1, p);
            }
        }
    }

    private static CommentRow read(ResultSet rs) throws SQLException {
        return new CommentRow(rs.getLong(1), rs.getLong(2), rs.getLong(3), getLong(rs, 4), rs.getBoolean(5),
                getLong(rs, 6), getLong(rs, 7), getLong(rs, 8), getLong(rs, 9), rs.getString(10),
                rs.getString(11), instant(rs, 12), instant(rs, 13), rs.getString(14), rs.getString(15),
                rs.getString(16), rs.getInt(17), rs.getString(18), rs.getString(19), rs.getBoolean(20),
                rs.getBoolean(21), CommentRow.State.valueOf(rs.getString(22)), instant(rs, 23), getLong(rs, 24),
                instant(rs, 25), instant(rs, 26), instant(rs, 27), getLong(rs, 28), rs.getInt(29),
                getLong(rs, 30));
    }

    static void audit(Connection c, Long commentId, Instant at, Long actorId, String action, String detail)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO audit (comment_id, at, actor_id, action, detail) VALUES (?,?,?,?,?)")) {
            setLong(ps, 1, commentId);
            ps.setObject(2, ts(at));
            setLong(ps, 3, actorId);
            ps.setString(4, action);
            ps.setString(5, detail == null ? null : truncate(detail, 4000));
            ps.executeUpdate();
        }
    }

    /** A person's name as the bot last saw it (the audit's 'name' rows), or their id. */
    static String nameOf(Connection c, long userId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT detail FROM audit WHERE actor_id = ? AND action = 'name' ORDER BY id DESC LIMIT 1")) {
            ps.setLong(1, userId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : String.valueOf(userId);
            }
        }
    }

    /** Telegram's message_thread_id is an int; the store keeps it as a long. */
    static Integer topic(Long threadId) {
        return threadId == null ? null : threadId.intValue();
    }

    static String truncate(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(s.charAt(end - 1))) {
            end--; // never half an emoji
        }
        return s.substring(0, end) + "…";
    }

    /** {@link #truncate}, letting null through. */
    static String cap(String s, int max) {
        return s == null ? null : truncate(s, max);
    }

    static OffsetDateTime ts(Instant t) {
        return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, int col) throws SQLException {
        OffsetDateTime t = rs.getObject(col, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    static Long getLong(ResultSet rs, int col) throws SQLException {
        long v = rs.getLong(col);
        return rs.wasNull() ? null : v;
    }

    static void setInstant(PreparedStatement ps, int i, Instant t) throws SQLException {
        if (t == null) {
            ps.setNull(i, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(i, ts(t));
        }
    }

    static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, v);
        }
    }
}
