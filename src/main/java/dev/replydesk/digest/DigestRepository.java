package dev.replydesk.digest;

import dev.replydesk.digest.DigestData.CommentFact;
import dev.replydesk.digest.DigestData.DecisionFact;
import dev.replydesk.digest.DigestData.ReplyFact;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads what a digest needs from the store. Plain SQL that H2 and PostgreSQL both accept;
 * reads only, on the connection it is given.
 */
final class DigestRepository {
    private static final String COMMENT_COLUMNS = "c.id, c.chat_id, c.message_id, c.thread_id, c.channel_id, "
            + "c.channel_post_id, c.sent_at, c.clock_start, c.label, c.negative, c.needs_answer, c.state, "
            + "c.first_answer_at, c.resolved_at, c.owner_id, COALESCE(v.text, c.text), c.suggestion_ids "
            + "FROM comment c LEFT JOIN comment_version v ON v.comment_id = c.id AND v.version = c.version_count ";

    /**
     * The data for the digest of {@code day}: the day and the seven days before it, and every
     * comment open now.
     */
    DigestData load(Connection c, LocalDate day, ZoneId zone, Instant asOf, Map<Long, String> communities)
            throws SQLException {
        Instant from = day.minusDays(7).atStartOfDay(zone).toInstant();
        Instant to = day.plusDays(1).atStartOfDay(zone).toInstant();
        List<CommentFact> comments = comments(c, "WHERE c.sent_at >= ? AND c.sent_at < ? ORDER BY c.sent_at, c.id",
                from, to);
        List<CommentFact> open = comments(c, "WHERE c.state = 'OPEN' ORDER BY c.sent_at, c.id");
        return new DigestData(asOf, communities, names(c), comments, open, replies(c, from, to),
                decisions(c, from, to), breaches(c, from), auditTimes(c, "label_corrected", from, to));
    }

    private static List<CommentFact> comments(Connection c, String where, Instant... params) throws SQLException {
        List<CommentFact> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COMMENT_COLUMNS + where)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String suggestions = rs.getString(17);
                    out.add(new CommentFact(rs.getLong(1), rs.getLong(2), rs.getLong(3), getLong(rs, 4),
                            getLong(rs, 5), getLong(rs, 6), instant(rs, 7), instant(rs, 8), rs.getString(9),
                            rs.getBoolean(10), rs.getBoolean(11), rs.getString(12), instant(rs, 13), instant(rs, 14),
                            getLong(rs, 15), rs.getString(16), suggestions != null && !suggestions.isBlank()));
                }
            }
        }
        return out;
    }

    private static List<ReplyFact> replies(Connection c, Instant from, Instant to) throws SQLException {
        List<ReplyFact> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT r.comment_id, r.moderator_id, r.published_at, "
                + "c.sent_at, c.clock_start FROM reply r JOIN comment c ON c.id = r.comment_id "
                + "WHERE r.status = 'PUBLISHED' AND r.published_at >= ? AND r.published_at < ? ORDER BY r.id")) {
            bind(ps, from, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Instant sent = instant(rs, 4);
                    Instant clock = instant(rs, 5);
                    Instant start = clock != null && !clock.isAfter(sent) ? clock : sent;
                    out.add(new ReplyFact(rs.getLong(1), rs.getLong(2), instant(rs, 3), start));
                }
            }
        }
        return out;
    }

    private static List<DecisionFact> decisions(Connection c, Instant from, Instant to) throws SQLException {
        List<DecisionFact> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT moderator_id, decided_at, outcome, polite, logical, "
                + "consistent, links, override_reason FROM review_decision WHERE decided_at >= ? AND decided_at < ? "
                + "ORDER BY id")) {
            bind(ps, from, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new DecisionFact(rs.getLong(1), instant(rs, 2), rs.getString(3), getBoolean(rs, 4),
                            getBoolean(rs, 5), getBoolean(rs, 6), getBoolean(rs, 7), rs.getString(8)));
                }
            }
        }
        return out;
    }

    /**
     * Every time a comment went past the limit since {@code from}: also after the day, so that a
     * comment of the day that went past it later (up to the digest) is counted with its day.
     */
    private static List<DigestData.Breach> breaches(Connection c, Instant from) throws SQLException {
        List<DigestData.Breach> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT comment_id, at FROM audit WHERE action = 'breached' "
                + "AND at >= ? AND comment_id IS NOT NULL ORDER BY id")) {
            ps.setObject(1, ts(from));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new DigestData.Breach(rs.getLong(1), instant(rs, 2)));
                }
            }
        }
        return out;
    }

    private static List<Instant> auditTimes(Connection c, String action, Instant from, Instant to)
            throws SQLException {
        List<Instant> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT at FROM audit WHERE action = ? AND at >= ? AND at < ? ORDER BY id")) {
            ps.setString(1, action);
            ps.setObject(2, ts(from));
            ps.setObject(3, ts(to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(instant(rs, 1));
                }
            }
        }
        return out;
    }

    /** People's display names as the bot last saw them (audit rows with action 'name'). */
    static Map<Long, String> names(Connection c) throws SQLException {
        Map<Long, String> names = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT actor_id, detail FROM audit WHERE action = 'name' AND actor_id IS NOT NULL ORDER BY id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String name = rs.getString(2);
                if (name != null && !name.isBlank()) {
                    names.put(rs.getLong(1), name.strip());
                }
            }
        }
        return names;
    }

    static void bind(PreparedStatement ps, Instant... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            ps.setObject(i + 1, ts(params[i]));
        }
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

    static Boolean getBoolean(ResultSet rs, int col) throws SQLException {
        boolean v = rs.getBoolean(col);
        return rs.wasNull() ? null : v;
    }
}
