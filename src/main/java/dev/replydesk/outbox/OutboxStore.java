package dev.replydesk.outbox;

import dev.replydesk.storage.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The SQL of the outbox table; every time comes from the caller's clock, never from the database. */
final class OutboxStore {
    private static final Logger log = LoggerFactory.getLogger(OutboxStore.class);

    static final String PENDING = "PENDING";
    static final String SENT = "SENT";
    static final String FAILED = "FAILED";

    private final Database db;
    private final Payloads payloads;

    OutboxStore(Database db, Payloads payloads) {
        this.db = db;
        this.payloads = payloads;
    }

    /**
     * The first pending row of a chat (lowest lane, then oldest), the only one of that chat that may
     * be sent.
     */
    record Head(long id, long chatId, int lane, Instant nextAttemptAt, Instant claimedUntil, String claimedBy) {
        /** Whether this row goes out before (or is) row {@code otherId} of lane {@code otherLane}. */
        boolean atOrBefore(int otherLane, long otherId) {
            return lane < otherLane || (lane == otherLane && id <= otherId);
        }
    }

    /** A claimed row, ready to send. */
    record Row(long id, long chatId, Outgoing message, String correlation, long logicalId, int partNo,
            int partCount, Instant firstAttemptAt, int failures) {
        boolean lastPart() {
            return partNo == partCount;
        }
    }

    record Target(String status, Long messageId, String error) {
    }

    // ---- enqueue (inside the caller's transaction) ------------------------------------------

    long insert(Connection c, Outgoing m, String correlation, Instant now, int lane, Long root) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO outbox (chat_id, kind, payload, content, correlation, target_row, status, "
                        + "created_at, next_attempt_at, lane, root_row) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                new String[] {"id"})) {
            ps.setLong(1, m.chatId());
            ps.setString(2, Payloads.kind(m));
            ps.setString(3, payloads.toJson(m));
            byte[] content = Payloads.content(m);
            if (content == null) {
                ps.setNull(4, Types.VARBINARY);
            } else {
                ps.setBytes(4, content);
            }
            ps.setString(5, correlation);
            if (m instanceof Outgoing.Edit e && e.target() instanceof MessageRef.OutboxRow r) {
                ps.setLong(6, r.outboxId());
            } else {
                ps.setNull(6, Types.BIGINT);
            }
            ps.setString(7, PENDING);
            ps.setObject(8, utc(now));
            ps.setObject(9, utc(now));
            ps.setInt(10, lane);
            if (root == null) {
                ps.setNull(11, Types.BIGINT);
            } else {
                ps.setLong(11, root);
            }
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    void markParts(Connection c, List<Long> ids) throws SQLException {
        long logical = ids.get(ids.size() - 1);
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE outbox SET logical_id = ?, part_no = ?, part_count = ? WHERE id = ?")) {
            for (int i = 0; i < ids.size(); i++) {
                ps.setLong(1, logical);
                ps.setInt(2, i + 1);
                ps.setInt(3, ids.size());
                ps.setLong(4, ids.get(i));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * The row that sent the message {@code edit} changes, or null when the outbox did not send it:
     * the target row itself (or its own root), or the first row that produced that message id.
     */
    Long rootOf(Connection c, Outgoing.Edit edit) throws SQLException {
        if (edit.target() instanceof MessageRef.OutboxRow r) {
            try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(root_row, id) FROM outbox WHERE id = ?")) {
                ps.setLong(1, r.outboxId());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : null;
                }
            }
        }
        long messageId = ((MessageRef.Message) edit.target()).messageId();
        try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(root_row, id) FROM outbox "
                + "WHERE chat_id = ? AND message_id = ? ORDER BY id LIMIT 1")) {
            ps.setLong(1, edit.chatId());
            ps.setLong(2, messageId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }

    /**
     * Moves the pending rows of message {@code root} (the row itself and the edits of it) in a lane
     * after {@code lane} up to {@code lane}, so that a new row of that lane does not overtake them.
     */
    int promote(Connection c, long chatId, long root, int lane) throws SQLException {
        // two statements, each on an index (the primary key, outbox_root): an OR of the two would
        // read every pending row of the chat's later lanes
        int moved = 0;
        for (String by : List.of("id", "root_row")) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE outbox SET lane = ? WHERE " + by + " = ? "
                    + "AND chat_id = ? AND status = 'PENDING' AND lane > ?")) {
                ps.setInt(1, lane);
                ps.setLong(2, root);
                ps.setLong(3, chatId);
                ps.setInt(4, lane);
                moved += ps.executeUpdate();
            }
        }
        return moved;
    }

    /** The chat of row {@code id} as {@code c} sees it, or null if there is none. */
    Long chatOf(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT chat_id FROM outbox WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }

    // ---- what is waiting --------------------------------------------------------------------

    Map<Long, Head> heads() {
        return db.withConnection(c -> {
            Map<Long, Head> heads = new HashMap<>();
            // the first row of each lane of each chat; the lower lane's is the chat's head
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT o.id, o.chat_id, o.lane, o.next_attempt_at, o.claimed_until, o.claimed_by FROM outbox o "
                            + "JOIN (SELECT chat_id, lane, MIN(id) AS id FROM outbox WHERE status = 'PENDING' "
                            + "GROUP BY chat_id, lane) h ON o.id = h.id");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Head h = head(rs);
                    heads.merge(h.chatId(), h, (a, b) -> a.atOrBefore(b.lane(), b.id()) ? a : b);
                }
            }
            return heads;
        });
    }

    /** The head of one chat, or null when nothing of it is pending. */
    Head head(long chatId) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, chat_id, lane, next_attempt_at, claimed_until, claimed_by FROM outbox "
                            + "WHERE status = 'PENDING' AND chat_id = ? ORDER BY lane, id LIMIT 1")) {
                ps.setLong(1, chatId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? head(rs) : null;
                }
            }
        });
    }

    /** Whether row {@code id} is visible (committed) yet. */
    boolean exists(long id) {
        return db.withConnection(c -> chatOf(c, id) != null);
    }

    private static Head head(ResultSet rs) throws SQLException {
        return new Head(rs.getLong(1), rs.getLong(2), rs.getInt(3), instant(rs, 4), instant(rs, 5), rs.getString(6));
    }

    // ---- one send ---------------------------------------------------------------------------

    /**
     * Claims row {@code id} for {@code instance} until {@code until}, if it is still pending, due,
     * not claimed by a live lease, and still the first pending row of its chat (lowest lane, then
     * oldest). Returns null when
     * another instance got it first (or it is no longer due).
     */
    Row claim(long id, String instance, Instant now, Instant until) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id FROM outbox WHERE id = ? AND status = 'PENDING' FOR UPDATE SKIP LOCKED")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return null;
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE outbox o SET claimed_by = ?, claimed_until = ?, "
                            + "first_attempt_at = COALESCE(first_attempt_at, ?) "
                            + "WHERE o.id = ? AND o.status = 'PENDING' AND o.next_attempt_at <= ? "
                            + "AND (o.claimed_until IS NULL OR o.claimed_until <= ?) "
                            // two NOT EXISTS, each a range of outbox_pending (an OR would read every
                            // pending row of the chat): nothing pending in an earlier lane, nor
                            // earlier in this one
                            + "AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.status = 'PENDING' "
                            + "AND p.chat_id = o.chat_id AND p.lane < o.lane) "
                            + "AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.status = 'PENDING' "
                            + "AND p.chat_id = o.chat_id AND p.lane = o.lane AND p.id < o.id)")) {
                ps.setString(1, instance);
                ps.setObject(2, utc(until));
                ps.setObject(3, utc(now));
                ps.setLong(4, id);
                ps.setObject(5, utc(now));
                ps.setObject(6, utc(now));
                if (ps.executeUpdate() != 1) {
                    return null;
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT chat_id, kind, payload, content, correlation, logical_id, part_no, part_count, "
                            + "first_attempt_at, failures FROM outbox WHERE id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    long chatId = rs.getLong(1);
                    Outgoing m = payloads.fromJson(chatId, rs.getString(2), rs.getString(3), rs.getBytes(4));
                    long logical = rs.getLong(6);
                    if (rs.wasNull()) {
                        logical = id;
                    }
                    return new Row(id, chatId, m, rs.getString(5), logical, rs.getInt(7), rs.getInt(8),
                            instant(rs, 9), rs.getInt(10));
                }
            }
        });
    }

    /** What became of the row an edit targets. */
    Target target(long rowId) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT status, message_id, last_error FROM outbox WHERE id = ?")) {
                ps.setLong(1, rowId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return null;
                    }
                    long m = rs.getLong(2);
                    return new Target(rs.getString(1), rs.wasNull() ? null : m, rs.getString(3));
                }
            }
        });
    }

    /** The HTML the outbox last sent or edited into a text message, or null if it never did. */
    String shownHtml(Connection c, long chatId, long messageId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT kind, payload FROM outbox WHERE chat_id = ? AND message_id = ? AND status = 'SENT' "
                        + "AND kind IN ('" + Payloads.SEND + "', '" + Payloads.EDIT + "') ORDER BY id DESC LIMIT 1")) {
            ps.setLong(1, chatId);
            ps.setLong(2, messageId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                return switch (payloads.fromJson(chatId, rs.getString(1), rs.getString(2), null)) {
                    case Outgoing.Send send -> send.html();
                    case Outgoing.Edit edit -> edit.html();
                    default -> null;
                };
            }
        }
    }

    /** The buttons the outbox last left on a message, or null if it never sent or edited it. */
    Keyboard lastMarkup(long chatId, long messageId) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT markup FROM outbox WHERE chat_id = ? AND message_id = ? AND status = 'SENT' "
                            + "AND markup IS NOT NULL ORDER BY id DESC LIMIT 1")) {
                ps.setLong(1, chatId);
                ps.setLong(2, messageId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? payloads.keyboardFromJson(rs.getString(1)) : null;
                }
            }
        });
    }

    void markSent(Row row, long messageId, String markup, Instant now, String instance, OutboxListener listener) {
        db.inTransaction(c -> {
            String holder = claimHolder(c, row.id());
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE outbox SET status = 'SENT', message_id = ?, markup = ?, done_at = ?, "
                            + "claimed_by = NULL, claimed_until = NULL, last_error = NULL "
                            + "WHERE id = ? AND status = 'PENDING'")) {
                ps.setLong(1, messageId);
                ps.setString(2, markup);
                ps.setObject(3, utc(now));
                ps.setLong(4, row.id());
                if (ps.executeUpdate() != 1) {
                    log.warn("outbox row {} was sent but was no longer pending (another instance?)", row.id());
                    return null;
                }
            }
            if (holder != null && !holder.equals(instance)) {
                log.warn("outbox row {} was sent after its lease passed to {}", row.id(), holder);
            }
            if (row.lastPart()) {
                tell(c, row, () -> listener.sent(c, row.logicalId(), row.correlation(), messageId));
            }
            return null;
        });
    }

    /** Gives the row back to the queue, due again at {@code next}. */
    void retry(Row row, Instant next, int failures, String error, String instance) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE outbox SET claimed_by = NULL, claimed_until = NULL, next_attempt_at = ?, "
                            + "failures = ?, last_error = ? WHERE id = ? AND status = 'PENDING' AND claimed_by = ?")) {
                ps.setObject(1, utc(next));
                ps.setInt(2, failures);
                ps.setString(3, cut(error));
                ps.setLong(4, row.id());
                ps.setString(5, instance);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Marks the row (and the parts of its text still pending) FAILED and tells the listener once. */
    void fail(Row row, String reason, Instant now, OutboxListener listener) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE outbox SET status = 'FAILED', last_error = ?, done_at = ?, claimed_by = NULL, "
                            + "claimed_until = NULL WHERE id = ? AND status = 'PENDING'")) {
                ps.setString(1, cut(reason));
                ps.setObject(2, utc(now));
                ps.setLong(3, row.id());
                if (ps.executeUpdate() != 1) {
                    return null;
                }
            }
            if (row.partCount() > 1) {
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE outbox SET status = 'FAILED', last_error = ?, done_at = ? "
                                + "WHERE status = 'PENDING' AND chat_id = ? AND logical_id = ?")) {
                    ps.setString(1, cut("part " + row.partNo() + " of " + row.partCount() + " failed: " + reason));
                    ps.setObject(2, utc(now));
                    ps.setLong(3, row.chatId());
                    ps.setLong(4, row.logicalId());
                    ps.executeUpdate();
                }
            }
            tell(c, row, () -> listener.failed(c, row.logicalId(), row.correlation(), reason));
            return null;
        });
    }

    /** On start: rows this instance had claimed before a crash are free again at once. */
    int releaseClaims(String instance) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE outbox SET claimed_by = NULL, claimed_until = NULL "
                            + "WHERE claimed_by = ? AND status = 'PENDING'")) {
                ps.setString(1, instance);
                return ps.executeUpdate();
            }
        });
    }

    Outbox.Counts counts() {
        return db.withConnection(c -> {
            long pending = 0;
            long sent = 0;
            long failed = 0;
            try (PreparedStatement ps = c.prepareStatement("SELECT status, COUNT(*) FROM outbox GROUP BY status");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    switch (rs.getString(1)) {
                        case PENDING -> pending = rs.getLong(2);
                        case SENT -> sent = rs.getLong(2);
                        case FAILED -> failed = rs.getLong(2);
                        default -> { }
                    }
                }
            }
            return new Outbox.Counts(pending, sent, failed);
        });
    }

    // ---- helpers ----------------------------------------------------------------------------

    private static String claimHolder(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT claimed_by FROM outbox WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /**
     * Runs the listener behind a savepoint: if it throws, its work is rolled back and logged, and
     * the row's new status still commits, so a listener bug never makes a message go out twice.
     */
    private static void tell(Connection c, Row row, Runnable call) throws SQLException {
        Savepoint sp = c.setSavepoint();
        try {
            call.run();
            c.releaseSavepoint(sp);
        } catch (RuntimeException e) {
            c.rollback(sp);
            log.error("outbox listener failed for row {} ({}); the row is marked anyway", row.logicalId(),
                    row.correlation(), e);
        }
    }

    private static String cut(String s) {
        return s == null || s.length() <= 4000 ? s : s.substring(0, 3999) + "…";
    }

    static OffsetDateTime utc(Instant i) {
        return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, int col) throws SQLException {
        OffsetDateTime t = rs.getObject(col, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
