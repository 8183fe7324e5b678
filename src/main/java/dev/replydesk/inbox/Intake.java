package dev.replydesk.inbox;

import dev.replydesk.config.Community;
import dev.replydesk.config.ReplydeskConfig;
import dev.replydesk.inbox.CommentRow.State;
import dev.replydesk.language.Lang;
import dev.replydesk.language.Texts;
import dev.replydesk.outbox.Keyboard;
import dev.replydesk.outbox.MessageRef;
import dev.replydesk.outbox.Outbox;
import dev.replydesk.outbox.OutboxListener;
import dev.replydesk.outbox.Outgoing;
import dev.replydesk.storage.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles every event the bot hears, each in one transaction with the update's acknowledgement:
 * comments are stored with their first text, cards and replies are queued in the outbox, and the
 * polling offset moves only when all of it is committed. The same update twice is a no-op.
 */
public final class Intake implements OutboxListener {
    private static final Logger log = LoggerFactory.getLogger(Intake.class);
    static final String OFFSET = "offset";

    private final ReplydeskConfig config;
    private final Database db;
    private final Outbox outbox;
    private final Analysis.Analyzer analyzer;
    private final DraftChecker checker;
    private final Ledger ledger;
    private final Texts texts;
    private final Clock clock;
    private final Cards cards;
    private final Commands commands;

    public Intake(ReplydeskConfig config, Database db, Outbox outbox, Analysis.Analyzer analyzer,
            DraftChecker checker, Ledger ledger, Texts texts, Clock clock) {
        this.config = config;
        this.db = db;
        this.outbox = outbox;
        this.analyzer = analyzer;
        this.checker = checker;
        this.ledger = ledger;
        this.texts = texts;
        this.clock = clock;
        this.cards = new Cards(texts, config.managers().timezone());
        this.commands = new Commands(this);
        ledger.onCardRefresh(this::refreshCard);
    }

    /** What handling an update came to, and the answer a button press gets. */
    public record Result(String outcome, Optional<CallbackAnswer> callbackAnswer) {
        static Result of(String outcome) {
            return new Result(outcome, Optional.empty());
        }

        static Result answer(String outcome, String text, boolean alert) {
            return new Result(outcome, Optional.of(new CallbackAnswer(text, alert)));
        }
    }

    /** The short answer shown to whoever pressed a button. */
    public record CallbackAnswer(String text, boolean alert) {
    }

    /** Adds a slash command, e.g. {@code /kb}; call before the bot starts. */
    public void registerCommand(String name, CommandExtension extension) {
        commands.register(name, extension);
    }

    /** The update id the next getUpdates should start from. */
    public long nextOffset() {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT next_value FROM poll_state WHERE name = ?")) {
                ps.setString(1, OFFSET);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0L;
                }
            }
        });
    }

    /**
     * Handles one update. Storage failures propagate (the caller stops acknowledging and retries);
     * any other failure is recorded against the update, which is then acknowledged so one bad
     * update never stalls the others.
     */
    public Result handle(Event event, String rawJson) {
        try {
            return db.inTransaction(c -> {
                if (alreadyProcessed(c, event.updateId())) {
                    return Result.of("duplicate update");
                }
                Result r = dispatch(c, event);
                markProcessed(c, event.updateId(), r.outcome(), keptRaw(event, rawJson));
                return r;
            });
        } catch (dev.replydesk.storage.StorageException e) {
            if (!(e.getCause() instanceof SQLException sql) || !isBadData(sql)) {
                throw e;
            }
            // the store works but refuses this update's data: skipping it beats stalling intake forever
            log.error("update {} could not be stored; recorded and skipped: {}", event.updateId(), e.getMessage());
            db.inTransaction(c -> {
                if (!alreadyProcessed(c, event.updateId())) {
                    markProcessed(c, event.updateId(), "error: " + e.getMessage(), rawJson);
                }
                return null;
            });
            return Result.of("error: " + e.getMessage());
        } catch (RuntimeException e) {
            log.error("update {} could not be handled; recorded and skipped: {}", event.updateId(), e.toString(), e);
            db.inTransaction(c -> {
                if (!alreadyProcessed(c, event.updateId())) {
                    markProcessed(c, event.updateId(), "error: " + e, rawJson);
                }
                return null;
            });
            return Result.of("error: " + e.getMessage());
        }
    }

    /**
     * An update of a getUpdates batch as the transport read it: the event, or null with the
     * reason when it could not be read (it is then recorded with its raw JSON, and skipped).
     */
    public record Incoming(long updateId, Event event, java.util.function.Supplier<String> rawJson, String unreadable) {
        public static Incoming of(Event event, String raw) {
            return new Incoming(event.updateId(), event, () -> raw, null);
        }

        /**
         * {@code raw} is asked for only when the update is kept as it came (an unknown kind, or
         * one that failed): most updates never need their JSON written out again.
         */
        public static Incoming of(Event event, java.util.function.Supplier<String> raw) {
            return new Incoming(event.updateId(), event, raw, null);
        }

        public static Incoming unreadable(long updateId, String reason, String raw) {
            return new Incoming(updateId, null, () -> raw, reason);
        }

        String raw() {
            return rawJson.get();
        }
    }

    /**
     * What handling a batch came to: a result per update handled, in order, and what stopped it
     * early, if anything (the store failed, or {@link NotYet}): the updates from the first one
     * without a result on were not committed and must be fetched again.
     */
    public record Batch(List<Result> results, dev.replydesk.storage.StorageException stoppedBy) {
    }

    /**
     * Handles a getUpdates batch in one transaction, so a burst costs one commit per batch rather
     * than per update. Each update keeps what {@link #handle} guarantees: a duplicate is a no-op
     * (processed_update), and one that fails for any reason but the store is rolled back alone (to
     * its savepoint), recorded with its raw JSON and skipped. The offset moves past all of them
     * with the one commit. The texts are analyzed first, in parallel, outside the transaction.
     */
    public Batch handleBatch(List<Incoming> batch) {
        analyzer.prepare(batch.stream().map(Incoming::event)
                .filter(e -> e instanceof Event.Message m && !m.text().isBlank() && config.isCommunity(m.chatId()))
                .map(e -> ((Event.Message) e).text()).distinct().toList());
        List<Result> results = new ArrayList<>();
        dev.replydesk.storage.StorageException[] stopped = new dev.replydesk.storage.StorageException[1];
        db.inTransaction(c -> {
            for (Incoming in : batch) {
                Savepoint sp = c.setSavepoint();
                try {
                    results.add(handleIn(c, in));
                } catch (dev.replydesk.storage.StorageException e) {
                    c.rollback(sp);
                    if (e.getCause() instanceof SQLException sql && isBadData(sql)) {
                        results.add(badData(c, in, e.getMessage()));
                        continue;
                    }
                    // NotYet, or the store: keep what came before, stop here
                    stopped[0] = e;
                    break;
                } catch (SQLException e) {
                    if (!isBadData(e)) {
                        throw e;
                    }
                    c.rollback(sp);
                    results.add(badData(c, in, e.getMessage()));
                } catch (RuntimeException e) {
                    c.rollback(sp);
                    log.error("update {} could not be handled; recorded and skipped: {}", in.updateId(), e.toString(), e);
                    record(c, in.updateId(), "error: " + e, in.raw());
                    results.add(Result.of("error: " + e.getMessage()));
                }
            }
            if (!results.isEmpty()) {
                moveOffset(c, batch.get(results.size() - 1).updateId() + 1);
            }
            return null;
        });
        return new Batch(results, stopped[0]);
    }

    private Result badData(Connection c, Incoming in, String why) throws SQLException {
        log.error("update {} could not be stored; recorded and skipped: {}", in.updateId(), why);
        record(c, in.updateId(), "error: " + why, in.raw());
        return Result.of("error: " + why);
    }

    /** One update of a batch, without moving the offset: {@link #handleBatch} moves it once. */
    private Result handleIn(Connection c, Incoming in) throws SQLException {
        if (alreadyProcessed(c, in.updateId())) {
            return Result.of("duplicate update");
        }
        if (in.event() == null) {
            record(c, in.updateId(), "unreadable: " + in.unreadable(), in.raw());
            return Result.of("unreadable");
        }
        Result r = dispatch(c, in.event());
        record(c, in.updateId(), r.outcome(), in.event() instanceof Event.Other ? in.raw() : null);
        return r;
    }

    /** An update of a kind the bot does not know is kept as it came, in case it matters later. */
    private static String keptRaw(Event event, String raw) {
        return event instanceof Event.Other ? raw : null;
    }

    /**
     * A refusal of this update's data (too long a value, a broken constraint: SQLState classes 22
     * and 23), as opposed to a store that fails: the update is recorded and skipped, not retried.
     */
    static boolean isBadData(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("22") || state.startsWith("23"));
    }

    /** Records an update that could not even be read (malformed JSON), so it is kept and skipped. */
    public void recordUnreadable(long updateId, String reason, String rawJson) {
        db.inTransaction(c -> {
            if (!alreadyProcessed(c, updateId)) {
                markProcessed(c, updateId, "unreadable: " + reason, rawJson);
            }
            return null;
        });
    }

    private boolean alreadyProcessed(Connection c, long updateId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM processed_update WHERE update_id = ?")) {
            ps.setLong(1, updateId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private void markProcessed(Connection c, long updateId, String outcome, String raw) throws SQLException {
        record(c, updateId, outcome, raw);
        moveOffset(c, updateId + 1);
    }

    /** The update's processed_update row; the offset is moved separately (once per batch). */
    private void record(Connection c, long updateId, String outcome, String raw) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO processed_update (update_id, processed_at, outcome, raw) VALUES (?,?,?,?)")) {
            ps.setLong(1, updateId);
            ps.setObject(2, Comments.ts(clock.instant()));
            ps.setString(3, Comments.truncate(outcome, 256));
            ps.setString(4, raw == null ? null : Comments.truncate(raw, 1_000_000));
            ps.executeUpdate();
        }
    }

    private void moveOffset(Connection c, long next) throws SQLException {
        if (Comments.update(c, "UPDATE poll_state SET next_value = GREATEST(next_value, ?) WHERE name = ?",
                next, OFFSET) == 0) {
            Comments.update(c, "INSERT INTO poll_state (name, next_value) VALUES (?, ?)", OFFSET, next);
        }
    }

    private Result dispatch(Connection c, Event event) throws SQLException {
        return switch (event) {
            case Event.Message m -> onMessage(c, m);
            case Event.Callback cb -> onCallback(c, cb);
            case Event.Other o -> Result.of("ignored: " + o.kind());
        };
    }

    // ---- messages --------------------------------------------------------------------------

    private Result onMessage(Connection c, Event.Message m) throws SQLException {
        if (m.migrateToChatId() != null) {
            return onMigration(c, m.chatId(), m.migrateToChatId());
        }
        Optional<Community> community = community(c, m.chatId());
        if (community.isPresent()) {
            return onCommunityMessage(c, m, community.get());
        }
        if (m.chatId() == config.moderators().chatId()) {
            return onModeratorsMessage(c, m);
        }
        if ("private".equals(m.chatType())) {
            return commands.onPrivate(c, m);
        }
        return Result.of("ignored: chat " + m.chatId() + " is not configured");
    }

    /** A configured community, also under the new id a group got when it became a supergroup. */
    Optional<Community> community(Connection c, long chatId) throws SQLException {
        Optional<Community> direct = config.community(chatId);
        if (direct.isPresent()) {
            return direct;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT old_chat_id FROM chat_migration WHERE new_chat_id = ?")) {
            ps.setLong(1, chatId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Optional<Community> old = config.community(rs.getLong(1));
                    if (old.isPresent()) {
                        return old;
                    }
                }
            }
        }
        return Optional.empty();
    }

    private Result onMigration(Connection c, long oldId, long newId) throws SQLException {
        Optional<Community> community = config.community(oldId);
        if (community.isEmpty()) {
            return Result.of("ignored: migration of an unconfigured chat");
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM chat_migration WHERE old_chat_id = ?")) {
            ps.setLong(1, oldId);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return Result.of("migration already known");
                }
            }
        }
        Comments.update(c, "INSERT INTO chat_migration (old_chat_id, new_chat_id, migrated_at) VALUES (?,?,?)",
                oldId, newId, clock.instant());
        Comments.audit(c, null, clock.instant(), null, "chat_migrated", oldId + " -> " + newId);
        log.warn("community '{}' became a supergroup: {} -> {}; followed. Put the new id in the config.",
                community.get().name(), oldId, newId);
        Lang lang = config.moderators().chatLanguage();
        outbox.enqueue(c, new Outgoing.Send(config.moderators().chatId(), null,
                "ℹ️ " + texts.get(lang, "migrated", Html.escape(community.get().name()),
                        String.valueOf(oldId), String.valueOf(newId)), null, Keyboard.NONE), "notice");
        return Result.of("migrated " + oldId + " -> " + newId);
    }

    private Result onCommunityMessage(Connection c, Event.Message m, Community community) throws SQLException {
        if (m.automaticForward()) {
            return onChannelPost(c, m);
        }
        if (m.service()) {
            return Result.of("ignored: service message");
        }
        if (isBrand(m)) {
            return onBrandMessage(c, m);
        }
        if (m.from() != null && m.from().bot()) {
            return Result.of("ignored: message from a bot");
        }
        if (m.senderChatId() != null && m.senderChatId() == m.chatId()) {
            // an anonymous admin of the group speaks for the brand
            return onBrandMessage(c, m);
        }
        if (m.edited()) {
            Optional<CommentRow> existing = Comments.byMessage(c, m.chatId(), m.messageId());
            if (existing.isPresent()) {
                return onEdit(c, m, existing.get());
            }
        }
        return onNewComment(c, m, community);
    }

    private boolean isBrand(Event.Message m) {
        if (m.from() != null && config.brand().accounts().contains(m.from().id())) {
            return true;
        }
        return m.senderChatId() != null && config.brand().senderChats().contains(m.senderChatId());
    }

    private Result onChannelPost(Connection c, Event.Message m) throws SQLException {
        if (m.forwardChannelId() == null || m.forwardPostId() == null) {
            return Result.of("ignored: automatic forward without origin");
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM channel_post WHERE chat_id = ? AND thread_message_id = ?")) {
            ps.setLong(1, m.chatId());
            ps.setLong(2, m.messageId());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return Result.of("channel post already known");
                }
            }
        }
        Comments.update(c, "INSERT INTO channel_post (chat_id, thread_message_id, channel_id, channel_post_id, "
                        + "channel_title, post_text, posted_at) VALUES (?,?,?,?,?,?,?)",
                m.chatId(), m.messageId(), m.forwardChannelId(), m.forwardPostId(),
                Comments.cap(m.forwardChannelTitle(), 512),
                Comments.truncate(m.text(), 4096), m.date());
        return Result.of("channel post " + m.forwardPostId() + " -> thread " + m.messageId());
    }

    private Result onNewComment(Connection c, Event.Message m, Community community) throws SQLException {
        if (Comments.byMessage(c, m.chatId(), m.messageId()).isPresent()) {
            return Result.of("duplicate comment");
        }
        Long channelId = null;
        Long postId = null;
        Long threadRoot = m.threadId() != null ? m.threadId() : m.replyToMessageId();
        if (threadRoot != null) {
            try (PreparedStatement ps = c.prepareStatement("SELECT channel_id, channel_post_id FROM channel_post "
                    + "WHERE chat_id = ? AND thread_message_id = ?")) {
                ps.setLong(1, m.chatId());
                ps.setLong(2, threadRoot);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        channelId = rs.getLong(1);
                        postId = rs.getLong(2);
                    }
                }
            }
        }
        Event.Person from = m.from();
        Instant now = clock.instant();
        Analysis analysis = analyzer.analyze(m.text());
        State state = initialState(analysis);
        Comments.NewComment n = new Comments.NewComment(m.chatId(), m.messageId(), m.threadId(),
                m.topicMessage(), m.replyToMessageId(), channelId, postId, from == null ? null : from.id(),
                from == null ? null : from.displayName(), from == null ? null : from.username(), m.senderChatId(),
                m.date(), now, m.text(), m.media());
        Ledger.Start start = ledger.start(c, n, state, analysis);
        long id = Comments.insert(c, n, state, analysis, start);
        Comments.audit(c, id, now, from == null ? null : from.id(), "received",
                "label=" + analysis.label() + " state=" + state);
        if (start.owner() != null) {
            Comments.audit(c, id, now, null, "assigned", "to " + start.owner());
        }
        CommentRow row = Comments.byId(c, id).orElseThrow();
        // a new comment: its text is the latest, nothing is published yet, its suggestions are at hand
        long outboxId = sendCard(c, row, null, view(c, row, m.text(),
                row.state().isResolved() ? List.of() : suggestions(row, analysis.suggestions()), 0));
        Comments.update(c, "INSERT INTO card (comment_id, chat_id, outbox_id, created_at, updated_at) "
                + "VALUES (?,?,?,?,?)", id, config.moderators().chatId(), outboxId, now, now);
        return Result.of("comment " + id + " stored, card queued");
    }

    private static State initialState(Analysis a) {
        if (a.needsAnswer()) {
            return State.OPEN;
        }
        return a.negative() ? State.TRACKED : State.NONE;
    }

    private void applyAnalysis(Connection c, long id, Analysis a) throws SQLException {
        String ids = String.join(",", a.suggestions().stream().map(Analysis.Suggested::id).toList());
        Comments.update(c, "UPDATE comment SET lang = ?, label = ?, label_reasons = ?, negative = ?, "
                        + "needs_answer = ?, suggestion_ids = ? WHERE id = ? AND label_corrected = FALSE",
                a.lang().code(), a.label(), a.reasons().isEmpty() ? null : Comments.truncate(
                        String.join("\n", a.reasons()), 4000), a.negative(), a.needsAnswer(),
                ids.isEmpty() ? null : Comments.truncate(ids, 1000), id);
    }

    private Result onEdit(Connection c, Event.Message m, CommentRow row) throws SQLException {
        String latest = Comments.latestText(c, row.id());
        if (latest.equals(m.text())) {
            return Result.of("edit without a text change");
        }
        Instant now = clock.instant();
        int version = row.versions() + 1;
        Comments.insertVersion(c, row.id(), version, m.text(), m.media(), m.editDate() == null ? now : m.editDate(), now);
        Comments.update(c, "UPDATE comment SET version_count = ? WHERE id = ?", version, row.id());
        Comments.audit(c, row.id(), now, m.from() == null ? null : m.from().id(), "edited", "version " + version);
        Analysis analysis = analyzer.analyze(m.text());
        applyAnalysis(c, row.id(), analysis);
        CommentRow updated = Comments.byId(c, row.id()).orElseThrow();
        String outcome = "comment " + row.id() + " edited (version " + version + ")";
        if (updated.state().isResolved()) {
            ledger.reopen(c, updated, "edited after it was answered", null);
            outcome += ", reopened";
            Lang lang = config.moderators().chatLanguage();
            send(c, new Outgoing.Send(config.moderators().chatId(), null, "↩️ " + texts.get(lang, "card.reopened_by_edit",
                    Html.escape(Comments.truncate(latest, 300)), Html.escape(Comments.truncate(m.text(), 300))),
                    cardMessageId(c, row.id()), Keyboard.NONE), "reopened:" + row.id());
        } else if (updated.state() == State.NONE && updated.needsAnswer()) {
            ledger.reopen(c, updated, "edited into something that needs an answer", null);
            outcome += ", opened";
        }
        refreshCard(c, row.id());
        return Result.of(outcome);
    }

    private Long cardMessageId(Connection c, long commentId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT message_id FROM card WHERE comment_id = ?")) {
            ps.setLong(1, commentId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Comments.getLong(rs, 1) : null;
            }
        }
    }

    private Result onBrandMessage(Connection c, Event.Message m) throws SQLException {
        Long target = m.replyToMessageId();
        if (target == null) {
            return Result.of("brand message (not a reply)");
        }
        Optional<CommentRow> comment = Comments.byMessage(c, m.chatId(), target);
        if (comment.isEmpty()) {
            return Result.of("brand message replying to no known comment");
        }
        Long actor = m.from() == null ? m.senderChatId() : m.from().id();
        rememberName(c, m.from());
        ledger.answered(c, comment.get(), actor, "brand replied in the community", clock.instant());
        refreshCard(c, comment.get().id());
        return Result.of("brand answered comment " + comment.get().id() + " directly");
    }

    // ---- the moderators' chat ---------------------------------------------------------------

    private Result onModeratorsMessage(Connection c, Event.Message m) throws SQLException {
        if (m.from() == null || m.from().bot()) {
            return Result.of("ignored: bot in the moderators' chat");
        }
        long user = m.from().id();
        Lang lang = langOf(user);
        String text = m.text().strip();
        if (config.canModerate(user)) {
            rememberName(c, m.from());
        }
        Long replyTo = m.replyToMessageId();
        Optional<Long> cardComment = replyTo == null ? Optional.empty() : commentOfCard(c, replyTo);
        boolean command = text.startsWith("/");
        if (cardComment.isEmpty() && replyTo != null && Boolean.TRUE.equals(m.replyToFromBot())
                && !knownBotMessage(c, m.chatId(), replyTo) && waitForCard(m.updateId())) {
            // Telegram has the card, the outbox has not recorded it yet: handle this update again shortly
            throw new NotYet("a reply to bot message " + replyTo + " arrived before the card was recorded");
        }
        if (cardComment.isEmpty() && !command) {
            Optional<Result> pending = drafts().onPendingInput(c, m);
            if (pending.isPresent()) {
                return pending.get();
            }
            return Result.of("chatter in the moderators' chat");
        }
        if (!config.canModerate(user)) {
            log.warn("refused: user {} ({}) is not a moderator; tried '{}'", user, m.from().displayName(),
                    Comments.truncate(text, 40));
            Comments.audit(c, cardComment.orElse(null), clock.instant(), user, "refused", "not a moderator");
            outbox.enqueue(c, new Outgoing.Send(m.chatId(), Comments.topic(m.threadId()),
                    texts.get(lang, "refused.not_moderator"), m.messageId(), Keyboard.NONE), "notice");
            return Result.of("refused: " + user + " is not a moderator");
        }
        if (command && (cardComment.isEmpty() || !isCheckCommand(text))) {
            return commands.onModerators(c, m, cardComment);
        }
        return drafts().onDraft(c, m, cardComment.orElseThrow());
    }

    private static boolean isCheckCommand(String text) {
        return text.startsWith("/check");
    }

    private Drafts drafts;

    Drafts drafts() {
        if (drafts == null) {
            drafts = new Drafts(this);
        }
        return drafts;
    }

    /** Whether the outbox has recorded sending or editing this message. */
    private boolean knownBotMessage(Connection c, long chatId, long messageId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM outbox WHERE chat_id = ? AND message_id = ?")) {
            ps.setLong(1, chatId);
            ps.setLong(2, messageId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Lets an update wait for the outbox for a few seconds at most, then handles it as it is. */
    private boolean waitForCard(long updateId) {
        Instant now = Instant.now();
        Instant first = waiting.computeIfAbsent(updateId, id -> now);
        if (waiting.size() > 1000) {
            waiting.clear();
        }
        return Duration.between(first, now).compareTo(NOT_YET_PATIENCE) < 0;
    }

    private static final Duration NOT_YET_PATIENCE = Duration.ofSeconds(5);
    private final Map<Long, Instant> waiting = new ConcurrentHashMap<>();

    /**
     * The update cannot be handled correctly yet (it refers to something the outbox is about to
     * record); nothing is committed or acknowledged, and the poller fetches it again shortly.
     */
    public static final class NotYet extends dev.replydesk.storage.StorageException {
        NotYet(String message) {
            super(message);
        }
    }

    Optional<Long> commentOfCard(Connection c, long messageId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT comment_id FROM card WHERE chat_id = ? AND message_id = ?")) {
            ps.setLong(1, config.moderators().chatId());
            ps.setLong(2, messageId);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return Optional.of(rs.getLong(1));
                }
            }
        }
        return commentOfNoticeUnderCard(c, messageId);
    }

    /**
     * The bot's own messages under a card (a nudge, a reopening notice, a draft from the knowledge
     * base) stand for that card: a moderator who answers one of them answers the card. A held
     * draft's report does not: a reply to it may be the "send anyway" reason the bot asked for.
     */
    private Optional<Long> commentOfNoticeUnderCard(Connection c, long messageId) throws SQLException {
        String correlation = null;
        // what the message is comes from the row that sent it, not from a later edit of it
        try (PreparedStatement ps = c.prepareStatement("SELECT correlation FROM outbox WHERE chat_id = ? "
                + "AND message_id = ? AND correlation IS NOT NULL ORDER BY id")) {
            ps.setLong(1, config.moderators().chatId());
            ps.setLong(2, messageId);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    correlation = rs.getString(1);
                }
            }
        }
        if (correlation == null || correlation.indexOf(':') < 0) {
            return Optional.empty();
        }
        String kind = correlation.substring(0, correlation.indexOf(':'));
        long id;
        try {
            id = Long.parseLong(correlation.substring(correlation.indexOf(':') + 1));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return switch (kind) {
            case "nudge", "reopened" -> Optional.of(id);
            case "kbdraft" -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT comment_id FROM reply WHERE id = ?")) {
                    ps.setLong(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        yield rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
                    }
                }
            }
            default -> Optional.empty();
        };
    }

    // ---- buttons ----------------------------------------------------------------------------

    private Result onCallback(Connection c, Event.Callback cb) throws SQLException {
        long user = cb.from() == null ? 0 : cb.from().id();
        Lang lang = langOf(user);
        if (!config.canModerate(user)) {
            log.warn("refused button '{}' from user {}: not a moderator", Comments.truncate(cb.data(), 64), user);
            Comments.audit(c, null, clock.instant(), user, "refused", "button from a non-moderator");
            return Result.answer("refused: not a moderator", texts.get(lang, "refused.not_moderator"), true);
        }
        Optional<CallbackData> parsed = CallbackData.parse(cb.data());
        if (parsed.isEmpty()) {
            log.warn("refused forged or stale callback data from user {}", user);
            Comments.audit(c, null, clock.instant(), user, "refused", "unknown callback data");
            return Result.answer("refused: unknown callback data", texts.get(lang, "refused.unknown_button"), true);
        }
        rememberName(c, cb.from());
        CallbackData data = parsed.get();
        if (List.of(CallbackData.SEND_ANYWAY, CallbackData.EDIT, CallbackData.CANCEL, CallbackData.SEND_DRAFT)
                .contains(data.action())) {
            return drafts().onButton(c, cb, data, lang);
        }
        Optional<CommentRow> comment = Comments.byIdForUpdate(c, data.commentId());
        if (comment.isEmpty() || !cardMatches(c, data.commentId(), cb.chatId(), cb.messageId())) {
            log.warn("refused callback {} from user {}: it does not belong to that card", cb.data(), user);
            Comments.audit(c, comment.isPresent() ? data.commentId() : null, clock.instant(), user, "refused",
                    "callback for another card or chat");
            return Result.answer("refused: card mismatch", texts.get(lang, "refused.unknown_button"), true);
        }
        CommentRow row = comment.get();
        String who = name(cb.from());
        Instant now = clock.instant();
        switch (data.action()) {
            case CallbackData.TAKE -> {
                if (row.ownerId() != null && row.ownerId() != user) {
                    return Result.answer("claim refused", texts.get(lang, "take.taken", nameOf(c, row.ownerId())), true);
                }
                if (row.ownerId() != null) {
                    return Result.answer("already yours", texts.get(lang, "take.yours"), false);
                }
                if (row.state().isResolved()) {
                    return Result.answer("closed", texts.get(lang, "refused.closed"), true);
                }
                ledger.claim(c, row, user, who, now);
                refreshCard(c, row.id());
                return Result.answer("claimed by " + user, texts.get(lang, "take.done"), false);
            }
            case CallbackData.ELSEWHERE, CallbackData.NO_ANSWER -> {
                if (row.state().isResolved()) {
                    return Result.answer("already closed", texts.get(lang, "refused.closed"), true);
                }
                State to = data.action().equals(CallbackData.ELSEWHERE) ? State.ANSWERED_ELSEWHERE : State.NO_ANSWER_NEEDED;
                ledger.resolve(c, row, to, user, who, now);
                refreshCard(c, row.id());
                return Result.answer(to.name().toLowerCase(), texts.get(lang, "state." + to.name()), false);
            }
            case CallbackData.REOPEN -> {
                if (!row.state().isResolved()) {
                    return Result.answer("not closed", texts.get(lang, "reopen.not_closed"), false);
                }
                ledger.reopen(c, row, "reopened by " + who, user);
                refreshCard(c, row.id());
                return Result.answer("reopened", texts.get(lang, "reopen.done"), false);
            }
            case CallbackData.START_CLOCK -> {
                if (row.state() != State.TRACKED && row.state() != State.NONE) {
                    return Result.answer("clock not startable", texts.get(lang, "clock.not_startable"), false);
                }
                ledger.startClock(c, row, user);
                refreshCard(c, row.id());
                return Result.answer("clock started", texts.get(lang, "clock.started"), false);
            }
            case CallbackData.SUGGESTION -> {
                return drafts().onSuggestion(c, cb, row, data.arg(), lang);
            }
            case CallbackData.RELABEL -> {
                return commands.offerLabels(c, cb, row, lang);
            }
            case CallbackData.SET_LABEL -> {
                return commands.setLabel(c, cb, row, data.arg(), lang);
            }
            default -> {
                return Result.answer("refused: unknown action", texts.get(lang, "refused.unknown_button"), true);
            }
        }
    }

    private boolean cardMatches(Connection c, long commentId, long chatId, long messageId) throws SQLException {
        if (chatId != config.moderators().chatId()) {
            return false;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT message_id FROM card WHERE comment_id = ?")) {
            ps.setLong(1, commentId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
                long cardMessage = rs.getLong(1);
                if (rs.wasNull()) {
                    return false;
                }
                if (cardMessage == messageId) {
                    return true;
                }
            }
        }
        // the label picker is a message of its own, answering the card
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM audit WHERE comment_id = ? AND action = 'label_picker' AND detail = ?")) {
            ps.setLong(1, commentId);
            ps.setString(2, String.valueOf(messageId));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * After a button did its job, the message it was on says so: its buttons go, and a last line
     * says what was done and by whom ("✅ Published — @anna"), through the outbox in the lane of
     * answers to what a moderator just did. The message is edited, never deleted; what it said
     * stays (cut with "…" if the line would not fit otherwise).
     *
     * @param done the line, HTML (names in it escaped)
     */
    void markDone(Connection c, long chatId, long messageId, String done, String what) {
        String shown = outbox.shownHtml(c, chatId, messageId).orElse(null);
        String html = shown == null ? done : Outbox.withAddition(shown, done);
        send(c, new Outgoing.Edit(chatId, MessageRef.message(messageId), html, Keyboard.NONE), "done:" + what);
    }

    /** The language of a done line: the moderators' chat's there, else the person's. */
    Lang chatLang(long chatId, long userId) {
        return chatId == config.moderators().chatId() ? config.moderators().chatLanguage() : langOf(userId);
    }

    /**
     * The tag ({@code blocked:7}, {@code kbdraft:7}, ...) of the outbox row that first sent message
     * {@code messageId} of {@code chatId}, or null when the outbox has not recorded sending it.
     */
    String origin(Connection c, long chatId, long messageId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT correlation FROM outbox WHERE chat_id = ? "
                + "AND message_id = ? ORDER BY id LIMIT 1")) {
            ps.setLong(1, chatId);
            ps.setLong(2, messageId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /**
     * The message the outbox last sent in {@code chatId} under {@code correlation} (for a long text
     * split in parts, the last part: the one with the buttons), or null when none is sent yet.
     */
    Long sentUnder(Connection c, long chatId, String correlation) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT message_id FROM outbox WHERE chat_id = ? "
                + "AND correlation = ? AND status = 'SENT' AND message_id IS NOT NULL ORDER BY id DESC LIMIT 1")) {
            ps.setLong(1, chatId);
            ps.setString(2, correlation);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }

    /**
     * Refuses to go on when a press comes from a message the outbox is about to record as sent
     * (its row is still pending): the update is fetched again in a moment, when it is.
     */
    void notYetIfPending(Connection c, long chatId, List<String> correlations) throws SQLException {
        for (String correlation : correlations) {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM outbox WHERE chat_id = ? "
                    + "AND correlation = ? AND status = 'PENDING'")) {
                ps.setLong(1, chatId);
                ps.setString(2, correlation);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        throw new NotYet("a press on message " + correlation + " arrived before it was recorded");
                    }
                }
            }
        }
    }

    // ---- the outbox tells us what became of what we sent -----------------------------------

    @Override
    public void sent(Connection c, long outboxId, String correlation, long messageId) {
        try {
            String[] parts = correlation.split(":");
            switch (parts[0]) {
                case "card" -> Comments.update(c, "UPDATE card SET message_id = ?, updated_at = ? WHERE comment_id = ? "
                        + "AND message_id IS NULL", messageId, clock.instant(), Long.parseLong(parts[1]));
                case "reply" -> drafts().published(c, Long.parseLong(parts[1]), messageId);
                case "kbdraft" -> Comments.update(c, "UPDATE reply SET draft_message_id = ? WHERE id = ?", messageId,
                        Long.parseLong(parts[1]));
                case "picker" -> Comments.audit(c, Long.parseLong(parts[1]), clock.instant(), null, "label_picker",
                        String.valueOf(messageId));
                default -> { }
            }
        } catch (SQLException e) {
            throw new dev.replydesk.storage.StorageException("cannot record a sent message: " + e.getMessage(), e);
        }
    }

    @Override
    public void failed(Connection c, long outboxId, String correlation, String reason) {
        try {
            String[] parts = correlation.split(":");
            switch (parts[0]) {
                case "card" -> {
                    long id = Long.parseLong(parts[1]);
                    Comments.audit(c, id, clock.instant(), null, "card_failed", reason);
                    log.error("the card of comment {} could not be delivered: {}", id, reason);
                }
                case "reply" -> drafts().publishFailed(c, Long.parseLong(parts[1]), reason);
                default -> log.error("outgoing message {} ({}) gave up: {}", outboxId, correlation, reason);
            }
            // a "done" line that could not be added leaves the message as it was: no alarm for that
            if (!"notice".equals(parts[0]) && !"giveup".equals(parts[0]) && !"reply".equals(parts[0])
                    && !"done".equals(parts[0])) {
                Lang lang = config.moderators().chatLanguage();
                String hint = reason.contains("Forbidden") ? "\n" + texts.get(lang, "outbox.start_hint") : "";
                outbox.enqueue(c, new Outgoing.Send(config.moderators().chatId(), null,
                        "⚠️ " + texts.get(lang, "outbox.gave_up", Html.escape(whatFailed(correlation, lang)),
                                Html.escape(reason)) + hint, null, Keyboard.NONE), "giveup");
            }
        } catch (SQLException e) {
            throw new dev.replydesk.storage.StorageException("cannot record a failed message: " + e.getMessage(), e);
        }
    }

    /** What a failed message was, in words: "дайджест за 2026-11-21 для 333", not its internal tag. */
    private String whatFailed(String correlation, Lang lang) {
        String[] parts = correlation.split(":");
        String last = parts[parts.length - 1];
        return switch (parts[0]) {
            case "digest", "digest-now" -> parts.length == 3
                    ? texts.get(lang, "outbox.what.digest", parts[1], last) : correlation;
            case "export" -> texts.get(lang, "outbox.what.export", last);
            case "escalation" -> texts.get(lang, "outbox.what.escalation");
            case "kbproblems" -> texts.get(lang, "outbox.what.kbproblems");
            case "card", "cardedit" -> texts.get(lang, "outbox.what.card");
            case "nudge", "reopened" -> texts.get(lang, "outbox.what.nudge");
            default -> correlation;
        };
    }

    // ---- shared with the helpers of this package --------------------------------------------

    /**
     * Queues an answer to what a moderator just did (a command, a draft, a button): it overtakes
     * the cards waiting for a rate-limited moderators' chat.
     */
    long send(Connection c, Outgoing message, String correlation) {
        return outbox.enqueue(c, message, correlation, Outbox.Priority.HIGH);
    }

    long sendCard(Connection c, CommentRow row, MessageRef target) throws SQLException {
        return sendCard(c, row, target, view(c, row));
    }

    private long sendCard(Connection c, CommentRow row, MessageRef target, Cards.View view) throws SQLException {
        Cards.Rendered r = cards.render(view, config.moderators().chatLanguage());
        // when the moderators' chat is rate-limited (a viral post), cards of comments that need an
        // answer or are negative go before those of praise, chatter and spam
        Outbox.Priority priority = row.state() == State.NONE ? Outbox.Priority.LOW : Outbox.Priority.NORMAL;
        if (target == null) {
            return outbox.enqueue(c, new Outgoing.Send(config.moderators().chatId(), null, r.html(), null,
                    r.keyboard()), "card:" + row.id(), priority);
        }
        return outbox.enqueue(c, new Outgoing.Edit(config.moderators().chatId(), target, r.html(), r.keyboard()),
                "cardedit:" + row.id(), priority);
    }

    /** Re-renders a card in place after a change of state. */
    void refreshCard(Connection c, long commentId) throws SQLException {
        CommentRow row = Comments.byId(c, commentId).orElseThrow();
        try (PreparedStatement ps = c.prepareStatement("SELECT message_id, outbox_id FROM card WHERE comment_id = ?")) {
            ps.setLong(1, commentId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return;
                }
                long messageId = rs.getLong(1);
                MessageRef ref = rs.wasNull() ? MessageRef.outboxRow(rs.getLong(2)) : MessageRef.message(messageId);
                sendCard(c, row, ref);
            }
        }
        Comments.update(c, "UPDATE card SET updated_at = ? WHERE comment_id = ?", clock.instant(), commentId);
    }

    /** The card as plain text, for the terminal try-out. */
    String renderPlain(Connection c, long commentId) throws SQLException {
        CommentRow row = Comments.byId(c, commentId).orElseThrow();
        return Html.toPlain(cards.render(view(c, row), config.moderators().chatLanguage()).html());
    }

    Cards.View view(Connection c, CommentRow row) throws SQLException {
        String latest = Comments.latestText(c, row.id());
        List<Analysis.Suggested> suggestions = row.state().isResolved() ? List.of() : suggestions(row, latest);
        int published;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*) FROM reply WHERE comment_id = ? AND status = 'PUBLISHED'")) {
            ps.setLong(1, row.id());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                published = rs.getInt(1);
            }
        }
        return view(c, row, latest, suggestions, published);
    }

    private String communityName(Connection c, long chatId) {
        return config.community(chatId).map(Community::name).orElseGet(() -> {
            try {
                return community(c, chatId).map(Community::name).orElse(String.valueOf(chatId));
            } catch (SQLException e) {
                return String.valueOf(chatId);
            }
        });
    }

    private static String channelTitle(Connection c, CommentRow row) throws SQLException {
        if (row.channelPostId() == null) {
            return null;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT channel_title FROM channel_post WHERE chat_id = ? "
                + "AND channel_id = ? AND channel_post_id = ?")) {
            ps.setLong(1, row.chatId());
            ps.setLong(2, row.channelId());
            ps.setLong(3, row.channelPostId());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private Cards.View view(Connection c, CommentRow row, String latest, List<Analysis.Suggested> suggestions,
            int published) throws SQLException {
        String community = communityName(c, row.chatId());
        String channelTitle = channelTitle(c, row);
        String previous = null;
        if (row.versions() > 1) {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT text FROM comment_version WHERE comment_id = ? AND version = ?")) {
                ps.setLong(1, row.id());
                ps.setInt(2, row.versions() - 1);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        previous = rs.getString(1);
                    }
                }
            }
        }
        List<String> reasons = row.labelReasons() == null ? List.of() : Arrays.asList(row.labelReasons().split("\n"));
        Ledger.Due due = ledger.due(row);
        return new Cards.View(row, community, channelTitle, latest, previous, reasons, suggestions,
                row.ownerId() == null ? null : nameOf(c, row.ownerId()),
                row.resolvedBy() == null ? null : nameOf(c, row.resolvedBy()), published,
                due == null ? null : due.target(), due == null ? null : due.limit(),
                due != null && due.limit() != null && clock.instant().isAfter(due.limit()));
    }

    List<Analysis.Suggested> suggestions(CommentRow row, String latestText) {
        if (row.label() != null && !row.needsAnswer()) {
            return List.of();
        }
        return analyzer.suggest(latestText);
    }

    /** {@link #suggestions(CommentRow, String)} when the latest text's suggestions are at hand. */
    private static List<Analysis.Suggested> suggestions(CommentRow row, List<Analysis.Suggested> known) {
        return row.label() != null && !row.needsAnswer() ? List.of() : known;
    }

    /** A person's name as the bot last saw it, or their id. */
    String nameOf(Connection c, long userId) throws SQLException {
        return Comments.nameOf(c, userId);
    }

    /** Remembers how a moderator is called, for cards and lists. */
    void rememberName(Connection c, Event.Person p) throws SQLException {
        if (p == null) {
            return;
        }
        String name = name(p);
        if (!name.equals(nameOf(c, p.id()))) {
            Comments.audit(c, null, clock.instant(), p.id(), "name", name);
        }
    }

    static String name(Event.Person p) {
        if (p == null) {
            return "?";
        }
        return p.username() != null && !p.username().isBlank() ? "@" + p.username() : p.displayName();
    }

    Lang langOf(long userId) {
        return config.moderators().languages().containsKey(userId) || config.managers().languages().containsKey(userId)
                ? config.languageOf(userId) : config.moderators().chatLanguage();
    }

    ReplydeskConfig config() {
        return config;
    }

    Database db() {
        return db;
    }

    Texts texts() {
        return texts;
    }

    Clock clock() {
        return clock;
    }

    Ledger ledger() {
        return ledger;
    }

    DraftChecker checker() {
        return checker;
    }

    Analysis.Analyzer analyzer() {
        return analyzer;
    }

    static List<String> lines(String s) {
        return s == null ? List.of() : new ArrayList<>(Arrays.asList(s.split("\n")));
    }
}
