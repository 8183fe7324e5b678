package dev.replydesk.inbox;

import dev.replydesk.language.Lang;
import dev.replydesk.outbox.Button;
import dev.replydesk.outbox.Keyboard;
import dev.replydesk.outbox.Outgoing;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A moderator's reply to a card, from draft to published answer: the checklist judges it, a
 * passing draft goes out at once as a reply under the comment, a failing one waits for Edit,
 * Send anyway (with a one-line reason) or Cancel. Every decision is stored per moderator.
 */
final class Drafts {
    private static final List<String> CHECKS = List.of("polite", "logical", "consistent", "links");
    /** The outbox tags of the two messages that carry a draft's buttons: its held report, its 💡 draft. */
    static final String HELD = "blocked:";
    static final String SUGGESTED = "kbdraft:";

    private final Intake intake;

    Drafts(Intake intake) {
        this.intake = intake;
    }

    /**
     * What became of a draft. {@code SUPERSEDED}: it was waiting (a 💡 draft, or held by the
     * checklist) when another reply to its comment went out, so it is never sent.
     */
    enum Status { DRAFT, BLOCKED, PUBLISHING, PUBLISHED, FAILED, CANCELLED, SUPERSEDED }

    record Reply(long id, long commentId, long moderatorId, long draftChatId, Long draftMessageId, String text,
                 Status status, Instant createdAt) {
        boolean waiting() {
            return status == Status.DRAFT || status == Status.BLOCKED;
        }
    }

    Intake.Result onDraft(Connection c, Event.Message m, long commentId) throws SQLException {
        // the comment's row lock orders this reply with every other decision to send under the comment
        CommentRow comment = Comments.byIdForUpdate(c, commentId).orElseThrow();
        Lang lang = intake.langOf(m.from().id());
        String text = m.text().strip();
        boolean checkOnly = text.startsWith("/check");
        if (checkOnly) {
            text = text.replaceFirst("^/check(@\\S+)?", "").strip();
        }
        if (text.isEmpty()) {
            intake.send(c, new Outgoing.Send(m.chatId(), Comments.topic(m.threadId()), intake.texts().get(lang, "draft.empty"),
                    m.messageId(), Keyboard.NONE), "notice");
            return Intake.Result.of("empty draft");
        }
        DraftChecker.Verdict verdict = check(c, comment, text, lang);
        if (checkOnly) {
            intake.send(c, new Outgoing.Send(m.chatId(), Comments.topic(m.threadId()), report(verdict, lang, true, true), m.messageId(),
                    Keyboard.NONE), "notice");
            return Intake.Result.of("draft checked for comment " + commentId);
        }
        long replyId = insert(c, comment.id(), m.from().id(), m.chatId(), m.messageId(), text,
                verdict.blocked() ? Status.BLOCKED : Status.PUBLISHING);
        return decide(c, replyId, comment, m.from().id(), m.chatId(), m.messageId(), text, verdict, lang);
    }

    private Intake.Result decide(Connection c, long replyId, CommentRow comment, long moderator, long chatId,
            Long draftMessageId, String text, DraftChecker.Verdict verdict, Lang lang) throws SQLException {
        if (verdict.blocked()) {
            record(c, replyId, comment.id(), moderator, "FAIL", verdict, null);
            Comments.update(c, "UPDATE reply SET status = ?, review_outcome = 'FAIL' WHERE id = ?", Status.BLOCKED, replyId);
            Keyboard buttons = new Keyboard(List.of(List.of(
                    new Button(intake.texts().get(lang, "button.edit"), CallbackData.edit(replyId)),
                    new Button(intake.texts().get(lang, "button.send_anyway"), CallbackData.sendAnyway(replyId)),
                    new Button(intake.texts().get(lang, "button.cancel"), CallbackData.cancel(replyId)))));
            intake.send(c, new Outgoing.Send(chatId, null, report(verdict, lang, false), draftMessageId, buttons),
                    HELD + replyId);
            return Intake.Result.of("draft " + replyId + " blocked: " + String.join(",", verdict.blocking()));
        }
        record(c, replyId, comment.id(), moderator, "PASS", verdict, null);
        Comments.update(c, "UPDATE reply SET review_outcome = 'PASS' WHERE id = ?", replyId);
        if (!verdict.allPassed()) {
            intake.send(c, new Outgoing.Send(chatId, null, report(verdict, lang, true), draftMessageId, Keyboard.NONE),
                    "notice");
        }
        publish(c, replyId, comment, text);
        return Intake.Result.of("draft " + replyId + " passed, publishing");
    }

    /** The checklist's verdict, its reasons in {@code reader}'s language (the moderator's, not the thread's). */
    private DraftChecker.Verdict check(Connection c, CommentRow comment, String draft, Lang reader) throws SQLException {
        List<DraftChecker.Turn> thread = thread(c, comment);
        Optional<String> kb = topSuggestion(c, comment);
        return intake.checker().check(thread, draft, kb, reader);
    }

    /** The customer's messages in the comment's thread and the brand's published replies to them, oldest first. */
    List<DraftChecker.Turn> thread(Connection c, CommentRow comment) throws SQLException {
        record Msg(Instant at, boolean brand, String text) {
        }
        List<Msg> all = new ArrayList<>();
        String thread = comment.threadId() == null ? "c.thread_id IS NULL" : "c.thread_id = " + comment.threadId();
        String author = comment.authorId() == null ? "c.id = " + comment.id() : "c.author_id = " + comment.authorId();
        try (PreparedStatement ps = c.prepareStatement("SELECT c.id, c.sent_at FROM comment c WHERE c.chat_id = ? AND "
                + thread + " AND " + author + " AND c.sent_at <= ? ORDER BY c.sent_at, c.id")) {
            ps.setLong(1, comment.chatId());
            ps.setObject(2, Comments.ts(comment.sentAt()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    all.add(new Msg(Comments.instant(rs, 2), false, Comments.latestText(c, rs.getLong(1))));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT r.published_at, r.text FROM reply r JOIN comment c "
                + "ON c.id = r.comment_id WHERE r.status = 'PUBLISHED' AND c.chat_id = ? AND " + thread + " AND "
                + author)) {
            ps.setLong(1, comment.chatId());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    all.add(new Msg(Comments.instant(rs, 1), true, rs.getString(2)));
                }
            }
        }
        all.sort((a, b) -> a.at().compareTo(b.at()));
        return all.stream().map(x -> new DraftChecker.Turn(x.brand(), x.text())).toList();
    }

    /**
     * The entry the checklist holds a draft to: the comment's top suggestion. A comment that needed
     * no answer (praise, chatter, spam) was not searched on arrival, so it is searched now.
     */
    private Optional<String> topSuggestion(Connection c, CommentRow comment) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT suggestion_ids FROM comment WHERE id = ?")) {
            ps.setLong(1, comment.id());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next() && rs.getString(1) != null && !rs.getString(1).isBlank()) {
                    return Optional.of(rs.getString(1).split(",")[0]);
                }
            }
        }
        if (comment.state() == CommentRow.State.NONE || !comment.needsAnswer()) {
            return intake.analyzer().suggest(Comments.latestText(c, comment.id())).stream().findFirst()
                    .map(Analysis.Suggested::id);
        }
        return Optional.empty();
    }

    private String report(DraftChecker.Verdict v, Lang lang, boolean informational) {
        return report(v, lang, informational, false);
    }

    private String report(DraftChecker.Verdict v, Lang lang, boolean informational, boolean checkOnly) {
        StringBuilder sb = new StringBuilder();
        if (v.checks().isEmpty()) {
            return intake.texts().get(lang, "review.none");
        }
        sb.append(v.blocked() && !informational ? "⛔ " + intake.texts().get(lang, "review.blocked")
                : v.allPassed() ? "✅ " + intake.texts().get(lang, "review.passed")
                : checkOnly ? (v.blocked() ? "⛔ " : "⚠️ ") + intake.texts().get(lang, v.blocked() ? "review.would_block"
                        : "review.would_warn")
                : "⚠️ " + intake.texts().get(lang, "review.warnings")).append('\n');
        for (String check : CHECKS) {
            Boolean ok = v.check(check);
            if (ok == null) {
                continue;
            }
            sb.append(ok ? "✅ " : v.blocking().contains(check) ? "⛔ " : "⚠️ ")
                    .append(intake.texts().get(lang, "check." + check));
            if (!ok && v.reasons().get(check) != null) {
                sb.append(": ").append(Html.escape(v.reasons().get(check)));
            }
            sb.append('\n');
        }
        if (v.blocked() && !informational) {
            sb.append('\n').append(intake.texts().get(lang, "review.choose"));
        }
        if (checkOnly) {
            sb.append('\n').append(intake.texts().get(lang, "review.check_only"));
        }
        return sb.toString().strip();
    }

    private long insert(Connection c, long commentId, long moderator, long chatId, Long messageId, String text,
            Status status) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO reply (comment_id, moderator_id, draft_chat_id, "
                + "draft_message_id, text, status, created_at) VALUES (?,?,?,?,?,?,?)", Statement.RETURN_GENERATED_KEYS)) {
            Comments.bind(ps, commentId, moderator, chatId, messageId, text, status, intake.clock().instant());
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    private void record(Connection c, long replyId, long commentId, long moderator, String outcome,
            DraftChecker.Verdict v, String overrideReason) throws SQLException {
        String reasons = v.reasons().entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining("\n"));
        Comments.update(c, "INSERT INTO review_decision (reply_id, comment_id, moderator_id, decided_at, outcome, polite, "
                        + "logical, consistent, links, reasons, override_reason) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                replyId, commentId, moderator, intake.clock().instant(), outcome, v.check("polite"), v.check("logical"),
                v.check("consistent"), v.check("links"), reasons.isEmpty() ? null : Comments.truncate(reasons, 8000),
                overrideReason);
        Comments.audit(c, commentId, intake.clock().instant(), moderator, "review_" + outcome.toLowerCase(),
                "reply " + replyId + (overrideReason == null ? "" : ": " + overrideReason));
    }

    private void publish(Connection c, long replyId, CommentRow comment, String text) throws SQLException {
        Comments.update(c, "UPDATE reply SET status = ? WHERE id = ?", Status.PUBLISHING, replyId);
        long chatId = currentChatId(c, comment.chatId());
        intake.send(c, new Outgoing.Send(chatId, comment.topic() ? Comments.topic(comment.threadId()) : null, Html.escape(text),
                comment.messageId(), Keyboard.NONE), "reply:" + replyId);
        Comments.audit(c, comment.id(), intake.clock().instant(), null, "reply_queued", "reply " + replyId);
    }

    /** A community that became a supergroup is answered under its new id. */
    private long currentChatId(Connection c, long chatId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT new_chat_id FROM chat_migration WHERE old_chat_id = ?")) {
            ps.setLong(1, chatId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : chatId;
            }
        }
    }

    void published(Connection c, long replyId, long messageId) throws SQLException {
        Optional<Reply> reply = reply(c, replyId);
        if (reply.isEmpty() || reply.get().status() == Status.PUBLISHED) {
            return;
        }
        Reply r = reply.get();
        Instant now = intake.clock().instant();
        CommentRow comment = Comments.byIdForUpdate(c, r.commentId()).orElseThrow();
        Comments.update(c, "UPDATE reply SET status = ?, published_message_id = ?, published_at = ? WHERE id = ?",
                Status.PUBLISHED, messageId, now, replyId);
        for (Reply waiting : waitingFor(c, r.commentId(), replyId)) {
            supersede(c, waiting, r, null, null);
        }
        intake.ledger().answered(c, comment, r.moderatorId(), "reply " + replyId + " published", now);
        intake.refreshCard(c, comment.id());
        Lang lang = intake.langOf(r.moderatorId());
        String link = Links.message(comment.chatId(), messageId, comment.threadId());
        intake.send(c, new Outgoing.Send(r.draftChatId(), null, "✅ " + intake.texts().get(lang, "reply.published")
                + (link == null ? "" : " <a href=\"" + link + "\">" + intake.texts().get(lang, "card.open") + "</a>"),
                r.draftMessageId(), Keyboard.NONE), "notice");
    }

    void publishFailed(Connection c, long replyId, String reason) throws SQLException {
        Optional<Reply> reply = reply(c, replyId);
        if (reply.isEmpty()) {
            return;
        }
        Reply r = reply.get();
        Comments.update(c, "UPDATE reply SET status = ?, failure = ? WHERE id = ?", Status.FAILED,
                Comments.truncate(reason, 4000), replyId);
        Comments.audit(c, r.commentId(), intake.clock().instant(), r.moderatorId(), "reply_failed", reason);
        Lang lang = intake.langOf(r.moderatorId());
        intake.send(c, new Outgoing.Send(r.draftChatId(), null, "❌ " + intake.texts().get(lang, "reply.failed",
                Html.escape(reason)), r.draftMessageId(), Keyboard.NONE), "notice");
    }

    // ---- Edit / Send anyway / Cancel, and the reason asked for ----------------------------------

    Intake.Result onButton(Connection c, Event.Callback cb, CallbackData data, Lang lang) throws SQLException {
        Optional<Reply> reply = reply(c, data.commentId());
        long user = cb.from().id();
        if (reply.isEmpty() || reply.get().draftChatId() != cb.chatId()) {
            return Intake.Result.answer("refused: unknown draft", intake.texts().get(lang, "refused.unknown_button"), true);
        }
        Reply r = reply.get();
        boolean mayAct = r.moderatorId() == user || intake.config().isManager(user);
        if (!mayAct) {
            return Intake.Result.answer("refused: not the author", intake.texts().get(lang, "draft.not_yours"), true);
        }
        // the press must come from a message that carries this draft's buttons: its held report or its 💡 draft
        List<String> carriers = List.of(HELD + r.id(), SUGGESTED + r.id());
        String origin = intake.origin(c, cb.chatId(), cb.messageId());
        if (origin == null) {
            intake.notYetIfPending(c, cb.chatId(), carriers);
        }
        if (origin == null || !carriers.contains(origin)) {
            Comments.audit(c, r.commentId(), intake.clock().instant(), user, "refused", "draft button on another message");
            return Intake.Result.answer("refused: not that draft's message", intake.texts().get(lang,
                    "refused.unknown_button"), true);
        }
        String who = Html.escape(Intake.name(cb.from()));
        Lang chatLang = intake.chatLang(cb.chatId(), user);
        if (data.action().equals(CallbackData.SEND_DRAFT) || data.action().equals(CallbackData.SEND_ANYWAY)) {
            // decided against the store under the comment's row lock: another moderator's reply may have
            // gone out a moment ago, in a transaction this one waited for
            Comments.byIdForUpdate(c, r.commentId()).orElseThrow();
            r = reply(c, r.id()).orElseThrow();
            Optional<Reply> out = wentOutSince(c, r);
            if (out.isPresent() && (r.waiting() || r.status() == Status.SUPERSEDED)) {
                if (r.waiting()) {
                    supersede(c, r, out.get(), cb.chatId(), cb.messageId());
                } else if (!alreadySaid(c, r, cb.chatId(), cb.messageId())) {
                    markSuperseded(c, r, out.get(), cb.chatId(), cb.messageId());
                }
                Comments.audit(c, r.commentId(), intake.clock().instant(), user, "refused",
                        "draft " + r.id() + ": reply " + out.get().id() + " went out first");
                return Intake.Result.answer("refused: reply " + out.get().id() + " went out first",
                        intake.texts().get(lang, "draft.superseded", Comments.nameOf(c, out.get().moderatorId())), true);
            }
        }
        if (data.action().equals(CallbackData.SEND_DRAFT)) {
            if (r.status() != Status.DRAFT) {
                return Intake.Result.answer("draft already handled", intake.texts().get(lang, "draft.handled"), false);
            }
            CommentRow comment = Comments.byId(c, r.commentId()).orElseThrow();
            DraftChecker.Verdict verdict = check(c, comment, r.text(), lang);
            Intake.Result result = decide(c, r.id(), comment, user, r.draftChatId(), r.draftMessageId(), r.text(),
                    verdict, lang);
            intake.markDone(c, cb.chatId(), cb.messageId(), intake.texts().get(chatLang,
                    verdict.blocked() ? "done.held" : "done.published", who), "draft:" + r.id());
            return new Intake.Result(result.outcome(), Optional.of(new Intake.CallbackAnswer(
                    intake.texts().get(lang, verdict.blocked() ? "review.blocked" : "reply.sending"), false)));
        }
        if (r.status() != Status.BLOCKED && !(r.status() == Status.DRAFT && data.action().equals(CallbackData.CANCEL))) {
            return Intake.Result.answer("draft already handled", intake.texts().get(lang, "draft.handled"), false);
        }
        switch (data.action()) {
            case CallbackData.SEND_ANYWAY -> {
                if (Comments.update(c, "UPDATE pending_input SET kind = ?, ref_id = ?, created_at = ? WHERE user_id = ? "
                        + "AND chat_id = ?", "override", r.id(), intake.clock().instant(), user, cb.chatId()) == 0) {
                    Comments.update(c, "INSERT INTO pending_input (user_id, chat_id, kind, ref_id, created_at) "
                            + "VALUES (?,?,?,?,?)", user, cb.chatId(), "override", r.id(), intake.clock().instant());
                }
                intake.send(c, new Outgoing.Send(cb.chatId(), null, intake.texts().get(lang, "override.ask"),
                        r.draftMessageId(), Keyboard.NONE), "notice");
                return Intake.Result.answer("override asked", intake.texts().get(lang, "override.ask_short"), false);
            }
            case CallbackData.EDIT -> {
                Comments.update(c, "UPDATE reply SET status = ? WHERE id = ?", Status.CANCELLED, r.id());
                record(c, r.id(), r.commentId(), user, "EDIT", DraftChecker.Verdict.pass(), null);
                intake.markDone(c, cb.chatId(), cb.messageId(), intake.texts().get(chatLang, "done.edit", who),
                        "draft:" + r.id());
                return Intake.Result.answer("edit", intake.texts().get(lang, "draft.edit"), true);
            }
            case CallbackData.CANCEL -> {
                Comments.update(c, "UPDATE reply SET status = ? WHERE id = ?", Status.CANCELLED, r.id());
                record(c, r.id(), r.commentId(), user, "CANCEL", DraftChecker.Verdict.pass(), null);
                intake.markDone(c, cb.chatId(), cb.messageId(), intake.texts().get(chatLang, "done.cancelled", who),
                        "draft:" + r.id());
                return Intake.Result.answer("cancelled", intake.texts().get(lang, "draft.cancelled"), false);
            }
            default -> {
                return Intake.Result.answer("refused", intake.texts().get(lang, "refused.unknown_button"), true);
            }
        }
    }

    /** A message that is not a reply to a card may be the reason the bot asked for. */
    Optional<Intake.Result> onPendingInput(Connection c, Event.Message m) throws SQLException {
        long user = m.from().id();
        long replyId;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT ref_id FROM pending_input WHERE user_id = ? AND chat_id = ? AND kind = 'override'")) {
            ps.setLong(1, user);
            ps.setLong(2, m.chatId());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                replyId = rs.getLong(1);
            }
        }
        Lang lang = intake.langOf(user);
        String reason = m.text().strip().lines().findFirst().orElse("").strip();
        if (reason.isEmpty()) {
            intake.send(c, new Outgoing.Send(m.chatId(), null, intake.texts().get(lang, "override.ask"), m.messageId(),
                    Keyboard.NONE), "notice");
            return Optional.of(Intake.Result.of("override reason missing"));
        }
        Comments.update(c, "UPDATE pending_input SET kind = 'done' WHERE user_id = ? AND chat_id = ?", user, m.chatId());
        Optional<Reply> reply = reply(c, replyId);
        if (reply.isEmpty()) {
            return Optional.of(Intake.Result.of("override for a draft already handled"));
        }
        CommentRow comment = Comments.byIdForUpdate(c, reply.get().commentId()).orElseThrow();
        Reply r = reply(c, replyId).orElseThrow();
        Optional<Reply> out = wentOutSince(c, r);
        if (out.isPresent() && (r.waiting() || r.status() == Status.SUPERSEDED)) {
            if (r.waiting()) {
                supersede(c, r, out.get(), null, null);
            }
            Comments.audit(c, r.commentId(), intake.clock().instant(), user, "refused",
                    "draft " + r.id() + " sent anyway: reply " + out.get().id() + " went out first");
            intake.send(c, new Outgoing.Send(m.chatId(), null, "↪️ " + intake.texts().get(lang, "draft.superseded",
                    Html.escape(Comments.nameOf(c, out.get().moderatorId()))), m.messageId(), Keyboard.NONE), "notice");
            return Optional.of(Intake.Result.of("override refused: reply " + out.get().id() + " went out first"));
        }
        if (r.status() != Status.BLOCKED) {
            return Optional.of(Intake.Result.of("override for a draft already handled"));
        }
        DraftChecker.Verdict verdict = check(c, comment, r.text(), lang);
        reason = Comments.truncate(reason, 500);
        record(c, r.id(), r.commentId(), user, "OVERRIDE", verdict, reason);
        Comments.update(c, "UPDATE reply SET review_outcome = 'OVERRIDE', override_reason = ? WHERE id = ?", reason, r.id());
        publish(c, r.id(), comment, r.text());
        intake.send(c, new Outgoing.Send(m.chatId(), null, "📝 " + intake.texts().get(lang, "override.done"),
                m.messageId(), Keyboard.NONE), "notice");
        Long report = intake.sentUnder(c, r.draftChatId(), HELD + r.id());
        if (report != null) {
            intake.markDone(c, r.draftChatId(), report, intake.texts().get(intake.chatLang(r.draftChatId(), user),
                    "done.sent_anyway", Html.escape(Intake.name(m.from())), Html.escape(reason)), "draft:" + r.id());
        }
        return Optional.of(Intake.Result.of("draft " + r.id() + " sent anyway: " + reason));
    }

    /** A suggestion button: the entry's answer becomes a draft the moderator can send as is. */
    Intake.Result onSuggestion(Connection c, Event.Callback cb, CommentRow row, int index, Lang lang) throws SQLException {
        if (row.state().isResolved()) {
            return Intake.Result.answer("closed", intake.texts().get(lang, "refused.closed"), true);
        }
        List<Analysis.Suggested> suggestions = intake.suggestions(row, Comments.latestText(c, row.id()));
        if (index >= suggestions.size()) {
            return Intake.Result.answer("suggestion gone", intake.texts().get(lang, "suggestion.gone"), true);
        }
        Analysis.Suggested s = suggestions.get(index);
        String answer = plainAnswer(s.answer());
        long replyId = insert(c, row.id(), cb.from().id(), cb.chatId(), null, answer, Status.DRAFT);
        Keyboard buttons = new Keyboard(List.of(List.of(
                new Button(intake.texts().get(lang, "button.send_as_is"), CallbackData.sendDraft(replyId)),
                new Button(intake.texts().get(lang, "button.cancel"), CallbackData.cancel(replyId)))));
        intake.send(c, new Outgoing.Send(cb.chatId(), null, "💡 " + intake.texts().get(lang, "suggestion.draft",
                Html.escape(s.title())) + "\n\n<code>" + Html.escape(answer) + "</code>\n\n"
                + intake.texts().get(lang, "suggestion.howto"), cb.messageId(), buttons), SUGGESTED + replyId);
        Comments.audit(c, row.id(), intake.clock().instant(), cb.from().id(), "suggestion_used", s.id());
        return Intake.Result.answer("suggestion " + s.id() + " drafted", intake.texts().get(lang, "suggestion.done"), false);
    }

    /** Markdown of a knowledge-base answer as the plain text a reply carries. */
    static String plainAnswer(String markdown) {
        if (markdown == null) {
            return "";
        }
        return markdown.replaceAll("\\*\\*([^*]+)\\*\\*", "$1")
                .replaceAll("(?<![*\\w])\\*([^*\\n]+)\\*", "$1")
                .replaceAll("`([^`]+)`", "$1")
                .replaceAll("\\[([^\\]]+)]\\(([^)]+)\\)", "$1")
                .replaceAll("(?m)^#+\\s*", "")
                .replaceAll("(?m)^\\s*[-*]\\s+", "— ")
                .strip();
    }

    // ---- one reply per comment unless a moderator means a second one -------------------------

    /**
     * Another reply to {@code r}'s comment that went out, or is on its way out, since {@code r} was
     * drafted: a draft offered before that can no longer be sent as is (a deliberate second reply
     * is a new reply to the card). A reply published before the draft was made (say, before the
     * comment was edited and reopened) does not count.
     */
    private Optional<Reply> wentOutSince(Connection c, Reply r) throws SQLException {
        return replies(c, "WHERE comment_id = ? AND id <> ? AND (status = ? OR (status = ? AND published_at >= ?)) "
                + "ORDER BY id LIMIT 1", r.commentId(), r.id(), Status.PUBLISHING, Status.PUBLISHED, r.createdAt())
                .stream().findFirst();
    }

    /** The drafts of a comment still waiting for a decision, other than {@code except}. */
    private List<Reply> waitingFor(Connection c, long commentId, long except) throws SQLException {
        return replies(c, "WHERE comment_id = ? AND id <> ? AND status IN (?, ?) ORDER BY id", commentId, except,
                Status.DRAFT, Status.BLOCKED);
    }

    /**
     * {@code r} will never be sent because {@code out} went out first: it is marked so, and the
     * message carrying its buttons (the pressed one, else its 💡 draft or held report, if sent)
     * loses them and says which reply went out and whose it was.
     */
    private void supersede(Connection c, Reply r, Reply out, Long chatId, Long messageId) throws SQLException {
        Comments.update(c, "UPDATE reply SET status = ? WHERE id = ?", Status.SUPERSEDED, r.id());
        Comments.audit(c, r.commentId(), intake.clock().instant(), null, "draft_superseded",
                "reply " + r.id() + ": reply " + out.id() + " went out first");
        if (messageId != null) {
            markSuperseded(c, r, out, chatId, messageId);
            return;
        }
        Long carrier = intake.sentUnder(c, r.draftChatId(), (r.status() == Status.DRAFT ? SUGGESTED : HELD) + r.id());
        if (carrier != null) {
            markSuperseded(c, r, out, r.draftChatId(), carrier);
        }
    }

    private void markSuperseded(Connection c, Reply r, Reply out, long chatId, long messageId) throws SQLException {
        String whose = Html.escape(Comments.nameOf(c, out.moderatorId()));
        intake.markDone(c, chatId, messageId, intake.texts().get(intake.chatLang(chatId, r.moderatorId()),
                "done.superseded", whose), "superseded:" + r.id() + ":" + messageId);
    }

    /** Whether the message was already edited to say the draft was superseded (a stale press on it). */
    private static boolean alreadySaid(Connection c, Reply r, long chatId, long messageId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM outbox WHERE chat_id = ? AND correlation = ?")) {
            ps.setLong(1, chatId);
            ps.setString(2, "done:superseded:" + r.id() + ":" + messageId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private Optional<Reply> reply(Connection c, long id) throws SQLException {
        return replies(c, "WHERE id = ?", id).stream().findFirst();
    }

    private static List<Reply> replies(Connection c, String where, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, comment_id, moderator_id, draft_chat_id, "
                + "draft_message_id, text, status, created_at FROM reply " + where)) {
            Comments.bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                List<Reply> found = new ArrayList<>();
                while (rs.next()) {
                    found.add(new Reply(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                            Comments.getLong(rs, 5), rs.getString(6), Status.valueOf(rs.getString(7)),
                            Comments.instant(rs, 8)));
                }
                return found;
            }
        }
    }

    static Map<String, Boolean> checksOf(DraftChecker.Verdict v) {
        return v.checks();
    }
}
