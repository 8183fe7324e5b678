package dev.replydesk.inbox;

import dev.replydesk.config.Community;
import dev.replydesk.config.ReplydeskConfig;
import dev.replydesk.config.Route;
import dev.replydesk.config.Sla;
import dev.replydesk.inbox.CommentRow.State;
import dev.replydesk.language.Lang;
import dev.replydesk.language.Texts;
import dev.replydesk.outbox.Keyboard;
import dev.replydesk.outbox.Outbox;
import dev.replydesk.outbox.Outgoing;
import dev.replydesk.storage.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ledger of comments that need an answer: clocks (target and limit, in working hours when
 * configured; a customer's burst of messages counts as one), owners (routing rules, round-robin
 * among those on duty, exclusive claims), resolution and reopening, nudges and escalations.
 * Every change appends to the audit trail; nothing is deleted.
 */
public final class Ledger {
    private static final Logger log = LoggerFactory.getLogger(Ledger.class);

    private final ReplydeskConfig config;
    private final Database db;
    private final Outbox outbox;
    private final Texts texts;
    private final Clock clock;
    private CardRefresh refresh;

    public Ledger(ReplydeskConfig config, Database db, Outbox outbox, Texts texts, Clock clock) {
        this.config = config;
        this.db = db;
        this.outbox = outbox;
        this.texts = texts;
        this.clock = clock;
    }

    /** The two deadlines of an open comment. */
    public record Due(Instant start, Instant target, Instant limit, Instant preLimit) {
    }

    interface CardRefresh {
        void refresh(Connection c, long commentId) throws SQLException;
    }

    void onCardRefresh(CardRefresh refresh) {
        this.refresh = refresh;
    }

    Due due(CommentRow row) {
        if (row.state() != State.OPEN || row.clockStart() == null) {
            return null;
        }
        return due(row.clockStart());
    }

    Due due(Instant start) {
        Sla sla = config.sla();
        Instant target = WorkingTime.plus(start, sla.target(), sla.workingHours());
        Instant limit = WorkingTime.plus(start, sla.limit(), sla.workingHours());
        Instant preLimit = WorkingTime.plus(start, sla.limit().minus(warning(sla)), sla.workingHours());
        return new Due(start, target, limit, preLimit);
    }

    /** How long before the limit moderators are warned: a quarter of target-to-limit, at most an hour. */
    private static Duration warning(Sla sla) {
        Duration warn = sla.limit().minus(sla.target()).dividedBy(4);
        return warn.compareTo(Duration.ofHours(1)) > 0 ? Duration.ofHours(1) : warn;
    }

    // ---- new comments ------------------------------------------------------------------------

    /**
     * Where a new comment's clock starts, the burst it belongs to and its owner, worked out before
     * the comment is stored (so that one INSERT stores it whole). An open comment's clock starts
     * when it was sent, or with the first comment of its author's burst in the thread (a follow-up
     * within {@code sla.burst} is one case with the first); the owner is the burst's, or the next
     * one the routing rules give. Other states get no clock and no owner.
     */
    record Start(Instant clockStart, Long burstOf, Long owner, Instant claimedAt) {
        static final Start NONE = new Start(null, null, null, null);
    }

    Start start(Connection c, Comments.NewComment n, State state, Analysis analysis) throws SQLException {
        if (state != State.OPEN) {
            return Start.NONE;
        }
        Instant start = n.sentAt();
        Long burstOf = null;
        if (n.authorId() != null) {
            // the author's latest open comment in this thread within the burst window, if any
            try (PreparedStatement ps = c.prepareStatement("SELECT id, burst_of, clock_start, sent_at FROM comment "
                    + "WHERE chat_id = ? AND author_id = ? AND "
                    + (n.threadId() == null ? "thread_id IS NULL" : "thread_id = ?")
                    + " AND state = 'OPEN' AND sent_at >= ? AND sent_at <= ? ORDER BY sent_at DESC FETCH FIRST 1 ROWS ONLY")) {
                int i = 1;
                ps.setLong(i++, n.chatId());
                ps.setLong(i++, n.authorId());
                if (n.threadId() != null) {
                    ps.setLong(i++, n.threadId());
                }
                ps.setObject(i++, Comments.ts(n.sentAt().minus(config.sla().burst())));
                ps.setObject(i, Comments.ts(n.sentAt()));
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        Long prevBurst = Comments.getLong(rs, 2);
                        Instant prevStart = Comments.instant(rs, 3);
                        burstOf = prevBurst != null ? prevBurst : rs.getLong(1);
                        start = prevStart != null ? prevStart : Comments.instant(rs, 4);
                    }
                }
            }
        }
        Long owner = null;
        if (burstOf != null) {
            owner = Comments.byId(c, burstOf).map(CommentRow::ownerId).orElse(null);
        }
        if (owner == null) {
            owner = assign(c, n.chatId(), n.text(), analysis).orElse(null);
        }
        return new Start(start, burstOf, owner, owner == null ? null : clock.instant());
    }

    /** Picks an owner: the first routing rule that matches, round-robin among its people on duty. */
    Optional<Long> assign(Connection c, long chatId, String text, Analysis analysis) throws SQLException {
        Set<String> tags = new LinkedHashSet<>();
        if (analysis.label() != null) {
            tags.add(analysis.label());
        }
        analysis.suggestions().stream().findFirst().ifPresent(s -> tags.add(s.id()));
        Optional<Route> route = config.routing().match(chatId, tags, analysis.lang(), text);
        List<Long> candidates = new ArrayList<>();
        String key;
        if (route.isPresent()) {
            Route r = route.get();
            candidates.addAll(r.to());
            r.group().ifPresent(g -> candidates.addAll(config.routing().groups().getOrDefault(g, List.of())));
            key = "route:" + config.routing().rules().indexOf(r);
        } else {
            candidates.addAll(config.moderators().users());
            key = "all";
        }
        Set<Long> onDuty = onDuty(c);
        List<Long> eligible = candidates.stream().distinct().filter(onDuty::contains).toList();
        if (eligible.isEmpty()) {
            return Optional.empty();
        }
        int next = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT next_index FROM routing_cursor WHERE route_key = ? FOR UPDATE")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    next = rs.getInt(1);
                } else {
                    Comments.update(c, "INSERT INTO routing_cursor (route_key, next_index) VALUES (?, 0)", key);
                }
            }
        }
        long chosen = eligible.get(Math.floorMod(next, eligible.size()));
        Comments.update(c, "UPDATE routing_cursor SET next_index = ? WHERE route_key = ?", next + 1, key);
        return Optional.of(chosen);
    }

    Set<Long> onDuty(Connection c) throws SQLException {
        Set<Long> ids = new LinkedHashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT user_id FROM duty WHERE on_duty = TRUE ORDER BY user_id")) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        return ids;
    }

    void setDuty(Connection c, long user, boolean on) throws SQLException {
        if (Comments.update(c, "UPDATE duty SET on_duty = ?, changed_at = ? WHERE user_id = ?", on, clock.instant(), user) == 0) {
            Comments.update(c, "INSERT INTO duty (user_id, on_duty, changed_at) VALUES (?,?,?)", user, on, clock.instant());
        }
        Comments.audit(c, null, clock.instant(), user, on ? "duty_on" : "duty_off", null);
    }

    // ---- state changes -----------------------------------------------------------------------

    void claim(Connection c, CommentRow row, long user, String who, Instant now) throws SQLException {
        int n = Comments.update(c, "UPDATE comment SET owner_id = ?, claimed_at = ? WHERE id = ? AND owner_id IS NULL",
                user, now, row.id());
        if (n == 1) {
            Comments.audit(c, row.id(), now, user, "claimed", who);
        }
    }

    void resolve(Connection c, CommentRow row, State to, long user, String who, Instant now) throws SQLException {
        Comments.update(c, "UPDATE comment SET state = ?, resolved_at = ?, resolved_by = ? WHERE id = ?",
                to, now, user, row.id());
        Comments.audit(c, row.id(), now, user, "resolved", to + " by " + who);
    }

    /** The brand answered in the thread: the comment (and the rest of its burst) is answered. */
    void answered(Connection c, CommentRow row, Long actor, String why, Instant now) throws SQLException {
        long root = row.burstOf() != null ? row.burstOf() : row.id();
        List<CommentRow> burst = Comments.query(c, "(id = ? OR id = ? OR burst_of = ?) ORDER BY id", row.id(), root, root);
        for (CommentRow r : burst) {
            if (r.id() != row.id() && r.state() != State.OPEN) {
                continue;
            }
            Comments.update(c, "UPDATE comment SET state = ?, first_answer_at = COALESCE(first_answer_at, ?), "
                    + "resolved_at = ?, resolved_by = ? WHERE id = ?", State.ANSWERED, now, now, actor, r.id());
            Comments.audit(c, r.id(), now, actor, "answered", why);
            if (r.id() != row.id() && refresh != null) {
                refresh.refresh(c, r.id());
            }
        }
    }

    void reopen(Connection c, CommentRow row, String why, Long actor) throws SQLException {
        Instant now = clock.instant();
        State to = row.needsAnswer() || row.label() == null ? State.OPEN : (row.negative() ? State.TRACKED : State.OPEN);
        Comments.update(c, "UPDATE comment SET state = ?, clock_start = ?, resolved_at = NULL, resolved_by = NULL, "
                + "reopened_count = reopened_count + 1 WHERE id = ?", to, now, row.id());
        Comments.audit(c, row.id(), now, actor, "reopened", why);
    }

    /** A moderator starts a clock on a troll (or anything tracked without one). */
    void startClock(Connection c, CommentRow row, long user) throws SQLException {
        Instant now = clock.instant();
        Comments.update(c, "UPDATE comment SET state = ?, clock_start = ? WHERE id = ?", State.OPEN, now, row.id());
        Comments.audit(c, row.id(), now, user, "clock_started", null);
    }

    // ---- nudges and escalations ----------------------------------------------------------------

    /**
     * Sends what is due: a nudge in the moderators' chat at the target and before the limit, an
     * escalation to every manager at the limit. Each is recorded with the message in one
     * transaction, so it goes out once, also across restarts.
     *
     * @return how many nudges and escalations were queued
     */
    public int tick() {
        Instant now = clock.instant();
        // no deadline falls before its plain-clock time (working hours only push it later), so only
        // comments past their target can have a nudge due; of those, the ones nudged at the target
        // matter again only from their pre-limit warning on, and escalated ones never
        Sla sla = config.sla();
        Instant pastTarget = now.minus(sla.target());
        Instant pastWarning = now.minus(sla.limit().minus(warning(sla)));
        int sent = 0;
        // every waiting comment, a page at a time: after a viral post more wait than one page holds,
        // and reading only the oldest page again each tick left the newer ones without their nudges
        Instant afterStart = Instant.EPOCH;
        long afterId = 0;
        while (true) {
            Instant fromStart = afterStart;
            long fromId = afterId;
            List<CommentRow> page = db.withConnection(c -> Comments.query(c, "state = 'OPEN' AND clock_start IS NOT NULL "
                    + "AND clock_start <= ? AND (clock_start > ? OR (clock_start = ? AND id > ?)) "
                    + "AND (NOT EXISTS (SELECT 1 FROM nudge n WHERE n.comment_id = comment.id AND n.kind = "
                    + "CONCAT('TARGET', " + SUFFIX + ")) OR (clock_start <= ? AND NOT EXISTS (SELECT 1 FROM nudge n "
                    + "WHERE n.comment_id = comment.id AND n.kind = CONCAT('LIMIT', " + SUFFIX + ")))) "
                    + "ORDER BY clock_start, id LIMIT " + PAGE, pastTarget, fromStart, fromStart, fromId, pastWarning));
            Set<String> done = sentNudges(page);
            for (CommentRow row : page) {
                Due due = due(row);
                if (due == null || !somethingDue(row, due, now, done)) {
                    continue;
                }
                try {
                    sent += db.inTransaction(c -> nudge(c, row, due, now));
                } catch (RuntimeException e) {
                    log.error("nudge for comment {} failed: {}", row.id(), e.toString());
                }
            }
            if (page.size() < PAGE) {
                return sent;
            }
            afterStart = page.get(page.size() - 1).clockStart();
            afterId = page.get(page.size() - 1).id();
        }
    }

    private static final int PAGE = 500;
    /** In SQL, the suffix {@link #nudge} gives the kinds of a reopened comment. */
    private static final String SUFFIX = "CASE WHEN comment.reopened_count = 0 THEN '' "
            + "ELSE CONCAT('#', comment.reopened_count) END";

    /** "commentId kind" of the nudges already sent for a page of comments, in one query. */
    private Set<String> sentNudges(List<CommentRow> page) {
        if (page.isEmpty()) {
            return Set.of();
        }
        return db.withConnection(c -> {
            Set<String> out = new java.util.HashSet<>();
            String ids = String.join(",", page.stream().map(r -> String.valueOf(r.id())).toList());
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT comment_id, kind FROM nudge WHERE comment_id IN (" + ids + ")");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1) + " " + rs.getString(2));
                }
            }
            return out;
        });
    }

    /** Whether {@link #nudge} would send something: a deadline passed that has no nudge yet. */
    private static boolean somethingDue(CommentRow row, Due due, Instant now, Set<String> done) {
        String suffix = row.reopened() == 0 ? "" : "#" + row.reopened();
        return (!now.isBefore(due.target()) && !done.contains(row.id() + " TARGET" + suffix))
                || (!now.isBefore(due.preLimit()) && now.isBefore(due.limit())
                        && !done.contains(row.id() + " PRELIMIT" + suffix))
                || (!now.isBefore(due.limit()) && !done.contains(row.id() + " LIMIT" + suffix));
    }

    private int nudge(Connection c, CommentRow row, Due due, Instant now) throws SQLException {
        int n = 0;
        String suffix = row.reopened() == 0 ? "" : "#" + row.reopened();
        Lang lang = config.moderators().chatLanguage();
        String owner = row.ownerId() == null ? texts.get(lang, "nudge.no_owner") : Html.escape(Comments.nameOf(c, row.ownerId()));
        String link = Links.message(row.chatId(), row.messageId(), row.threadId());
        String quote = Html.escape(Comments.truncate(Comments.latestText(c, row.id()), 200));
        if (!now.isBefore(due.target()) && mark(c, row.id(), "TARGET" + suffix, now)) {
            outbox.enqueue(c, new Outgoing.Send(config.moderators().chatId(), null,
                    "⏰ " + texts.get(lang, "nudge.target", age(row, now, lang), owner, quote, link == null ? "" : link),
                    cardMessage(c, row.id()), Keyboard.NONE), "nudge:" + row.id());
            n++;
        }
        if (!now.isBefore(due.preLimit()) && now.isBefore(due.limit()) && mark(c, row.id(), "PRELIMIT" + suffix, now)) {
            outbox.enqueue(c, new Outgoing.Send(config.moderators().chatId(), null,
                    "⚠️ " + texts.get(lang, "nudge.prelimit", age(row, now, lang), owner, quote, link == null ? "" : link),
                    cardMessage(c, row.id()), Keyboard.NONE), "nudge:" + row.id());
            n++;
        }
        if (!now.isBefore(due.limit()) && mark(c, row.id(), "LIMIT" + suffix, now)) {
            for (long manager : config.managers().users()) {
                Lang ml = config.languageOf(manager);
                String ownerName = row.ownerId() == null ? texts.get(ml, "nudge.no_owner")
                        : Html.escape(Comments.nameOf(c, row.ownerId()));
                outbox.enqueue(c, new Outgoing.Send(manager, null, "🚨 " + texts.get(ml, "nudge.escalation",
                        age(row, now, ml), ownerName, quote, link == null ? "" : link), null, Keyboard.NONE),
                        "escalation:" + row.id());
            }
            Comments.audit(c, row.id(), now, null, "breached", "limit " + config.sla().limit());
            if (refresh != null) {
                refresh.refresh(c, row.id());
            }
            n++;
        }
        return n;
    }

    private String age(CommentRow row, Instant now, Lang lang) {
        return Cards.formatAge(Duration.between(row.clockStart(), now), texts, lang);
    }

    private boolean mark(Connection c, long commentId, String kind, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM nudge WHERE comment_id = ? AND kind = ?")) {
            ps.setLong(1, commentId);
            ps.setString(2, kind);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return false;
                }
            }
        }
        Comments.update(c, "INSERT INTO nudge (comment_id, kind, sent_at) VALUES (?,?,?)", commentId, kind, now);
        return true;
    }

    private Long cardMessage(Connection c, long commentId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT message_id FROM card WHERE comment_id = ?")) {
            ps.setLong(1, commentId);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    long id = rs.getLong(1);
                    return rs.wasNull() ? null : id;
                }
            }
        }
        return null;
    }
}
