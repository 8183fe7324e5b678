package dev.replydesk.inbox;

import dev.replydesk.inbox.CommentRow.State;
import dev.replydesk.language.Lang;
import dev.replydesk.outbox.Button;
import dev.replydesk.outbox.Keyboard;
import dev.replydesk.outbox.Outgoing;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slash commands: in the moderators' chat /open, /mine, /duty, /help (and whatever other
 * features register, such as /kbgaps); in a private chat /start, /help and the registered ones
 * (/kb for editors, /digest and /export for managers). Also the label picker.
 */
final class Commands {
    static final List<String> LABELS = List.of("complaint", "troll", "question", "praise", "spam", "other");
    private static final int LIST_LIMIT = 20;

    private final Intake intake;
    private final Map<String, CommandExtension> extensions = new ConcurrentHashMap<>();

    Commands(Intake intake) {
        this.intake = intake;
    }

    void register(String name, CommandExtension extension) {
        extensions.put(name, extension);
    }

    Intake.Result onModerators(Connection c, Event.Message m, Optional<Long> cardComment) throws SQLException {
        long user = m.from().id();
        Lang lang = intake.langOf(user);
        String[] parts = split(m.text());
        String name = parts[0];
        String args = parts[1];
        String answer = switch (name) {
            case "/open" -> openList(c, null, lang);
            case "/mine" -> openList(c, user, lang);
            case "/duty" -> duty(c, user, args, lang);
            case "/help", "/start" -> intake.texts().get(lang, "help.moderators") + extensionHelp(lang, false);
            default -> {
                CommandExtension e = extensions.get(name);
                if (e != null && e.inModeratorsChat() && allowed(e, user)) {
                    yield e.run(c, user, m.chatId(), args, lang).orElse(null);
                }
                yield e == null ? intake.texts().get(lang, "command.unknown", Html.escape(name))
                        : intake.texts().get(lang, "refused.role");
            }
        };
        if (answer != null) {
            intake.send(c, new Outgoing.Send(m.chatId(), Comments.topic(m.threadId()), answer, m.messageId(), Keyboard.NONE), "notice");
        }
        return Intake.Result.of("command " + name);
    }

    Intake.Result onPrivate(Connection c, Event.Message m) throws SQLException {
        if (m.from() == null || m.from().bot()) {
            return Intake.Result.of("ignored: bot in private");
        }
        long user = m.from().id();
        Lang lang = personalLang(m.from());
        String[] parts = split(m.text());
        String name = parts[0];
        boolean known = intake.config().canModerate(user) || intake.config().isEditor(user);
        String answer;
        if (!m.text().startsWith("/")) {
            answer = known ? intake.texts().get(lang, "help.private") + extensionHelp(lang, true) : null;
        } else if (name.equals("/start") || name.equals("/help")) {
            answer = known ? intake.texts().get(lang, "help.private") + extensionHelp(lang, true)
                    : intake.texts().get(lang, "private.stranger");
        } else {
            CommandExtension e = extensions.get(name);
            if (e == null || !e.inPrivate()) {
                answer = intake.texts().get(lang, "command.unknown", Html.escape(name));
            } else if (!allowed(e, user)) {
                Comments.audit(c, null, intake.clock().instant(), user, "refused", name + ": role");
                answer = intake.texts().get(lang, "refused.role");
            } else {
                answer = e.run(c, user, m.chatId(), parts[1], lang).orElse(null);
            }
        }
        if (answer != null) {
            intake.send(c, new Outgoing.Send(m.chatId(), null, answer, null, Keyboard.NONE), "notice");
        }
        return Intake.Result.of("private " + name);
    }

    private Lang personalLang(Event.Person p) {
        if (intake.config().moderators().languages().containsKey(p.id())
                || intake.config().managers().languages().containsKey(p.id())) {
            return intake.config().languageOf(p.id());
        }
        return Lang.fromCode(p.languageCode()).orElse(Lang.DEFAULT);
    }

    private boolean allowed(CommandExtension e, long user) {
        return switch (e.audience()) {
            case MODERATORS -> intake.config().canModerate(user);
            case MANAGERS -> intake.config().isManager(user);
            case EDITORS -> intake.config().isEditor(user);
        };
    }

    private String extensionHelp(Lang lang, boolean inPrivate) {
        StringBuilder sb = new StringBuilder();
        extensions.keySet().stream().sorted().forEach(name -> {
            CommandExtension e = extensions.get(name);
            if (inPrivate ? e.inPrivate() : e.inModeratorsChat()) {
                sb.append('\n').append(name).append(" — ").append(intake.texts().get(lang, "help" + name.replace('/', '.')));
            }
        });
        return sb.toString();
    }

    private static String[] split(String text) {
        String t = text.strip();
        int space = t.indexOf(' ');
        String name = space < 0 ? t : t.substring(0, space);
        String args = space < 0 ? "" : t.substring(space + 1).strip();
        int at = name.indexOf('@');
        if (at > 0) {
            name = name.substring(0, at);
        }
        return new String[] {name.toLowerCase(Locale.ROOT), args};
    }

    private String openList(Connection c, Long owner, Lang lang) throws SQLException {
        List<CommentRow> rows = Comments.query(c, "state = 'OPEN'" + (owner == null ? "" : " AND owner_id = " + owner)
                + " ORDER BY COALESCE(clock_start, sent_at), id LIMIT " + (LIST_LIMIT + 1));
        if (rows.isEmpty()) {
            return intake.texts().get(lang, owner == null ? "open.none" : "mine.none");
        }
        Instant now = intake.clock().instant();
        StringBuilder sb = new StringBuilder("<b>").append(intake.texts().get(lang, owner == null ? "open.title" : "mine.title"))
                .append("</b>\n");
        int i = 0;
        for (CommentRow r : rows) {
            if (++i > LIST_LIMIT) {
                sb.append("…");
                break;
            }
            Ledger.Due due = intake.ledger().due(r);
            String clockIcon = due == null ? "•" : now.isAfter(due.limit()) ? "🚨" : now.isAfter(due.target()) ? "⏰" : "⏱";
            sb.append(clockIcon).append(' ').append(Cards.formatAge(Duration.between(
                    r.clockStart() == null ? r.sentAt() : r.clockStart(), now), intake.texts(), lang));
            sb.append(" · ").append(r.ownerId() == null ? intake.texts().get(lang, "nudge.no_owner")
                    : Html.escape(intake.nameOf(c, r.ownerId())));
            String link = Links.message(r.chatId(), r.messageId(), r.threadId());
            String text = Html.escape(Comments.truncate(Comments.latestText(c, r.id()).replaceAll("\\s+", " "), 80));
            sb.append(" · ").append(link == null ? text : "<a href=\"" + link + "\">" + text + "</a>");
            String card = cardLink(c, r.id());
            if (card != null) {
                sb.append(" · <a href=\"").append(card).append("\">").append(intake.texts().get(lang, "open.card"))
                        .append("</a>");
            }
            sb.append('\n');
        }
        return sb.toString().strip();
    }

    private String duty(Connection c, long user, String args, Lang lang) throws SQLException {
        String a = args.toLowerCase(Locale.ROOT);
        if (a.equals("on") || a.equals("off")) {
            intake.ledger().setDuty(c, user, a.equals("on"));
            return intake.texts().get(lang, a.equals("on") ? "duty.on" : "duty.off");
        }
        List<String> names = new ArrayList<>();
        for (long id : intake.ledger().onDuty(c)) {
            names.add(Html.escape(intake.nameOf(c, id)));
        }
        return intake.texts().get(lang, "duty.list", names.isEmpty() ? "—" : String.join(", ", names));
    }

    // ---- the label picker ---------------------------------------------------------------------

    Intake.Result offerLabels(Connection c, Event.Callback cb, CommentRow row, Lang lang) throws SQLException {
        List<Button> first = new ArrayList<>();
        List<Button> second = new ArrayList<>();
        for (int i = 0; i < LABELS.size(); i++) {
            String label = LABELS.get(i);
            String text = (label.equals(row.label()) ? "• " : "") + intake.texts().get(lang, "label." + label);
            (i < 3 ? first : second).add(new Button(text, CallbackData.setLabel(row.id(), i)));
        }
        intake.send(c, new Outgoing.Send(cb.chatId(), null, intake.texts().get(lang, "label.pick"), cb.messageId(),
                new Keyboard(List.of(first, second))), "picker:" + row.id());
        return Intake.Result.answer("label picker", intake.texts().get(lang, "label.pick"), false);
    }

    Intake.Result setLabel(Connection c, Event.Callback cb, CommentRow row, int index, Lang lang) throws SQLException {
        if (index >= LABELS.size()) {
            return Intake.Result.answer("refused", intake.texts().get(lang, "refused.unknown_button"), true);
        }
        String label = LABELS.get(index);
        boolean fromPicker = isPicker(c, row.id(), cb.messageId(), "label_picker");
        if (fromPicker && isPicker(c, row.id(), cb.messageId(), "label_picker_done")) {
            return Intake.Result.answer("picker already used", intake.texts().get(lang, "label.handled"), false);
        }
        if (label.equals(row.label())) {
            return Intake.Result.answer("same label", intake.texts().get(lang, "label.same"), false);
        }
        boolean negative = label.equals("complaint") || label.equals("troll");
        boolean needsAnswer = label.equals("complaint") || label.equals("question");
        Instant now = intake.clock().instant();
        Comments.update(c, "UPDATE comment SET label = ?, negative = ?, needs_answer = ?, label_corrected = TRUE, "
                + "label_reasons = ? WHERE id = ?", label, negative, needsAnswer,
                intake.texts().get(lang, "label.corrected_by", Intake.name(cb.from())), row.id());
        Comments.audit(c, row.id(), now, cb.from().id(), "label_corrected", row.label() + " -> " + label);
        if (!row.state().isResolved()) {
            State to = needsAnswer ? State.OPEN : negative ? State.TRACKED : State.NONE;
            if (to != row.state()) {
                Comments.update(c, "UPDATE comment SET state = ?, clock_start = COALESCE(clock_start, ?) WHERE id = ?",
                        to, row.sentAt(), row.id());
                Comments.audit(c, row.id(), now, cb.from().id(), "state", row.state() + " -> " + to);
            }
        }
        intake.refreshCard(c, row.id());
        if (fromPicker) {
            Comments.audit(c, row.id(), now, cb.from().id(), "label_picker_done", String.valueOf(cb.messageId()));
            Lang chatLang = intake.chatLang(cb.chatId(), cb.from().id());
            intake.markDone(c, cb.chatId(), cb.messageId(), intake.texts().get(chatLang, "done.label",
                    intake.texts().get(chatLang, "label." + label), Html.escape(Intake.name(cb.from()))),
                    "picker:" + row.id());
        }
        return Intake.Result.answer("label " + label, intake.texts().get(lang, "label.done",
                intake.texts().get(lang, "label." + label)), false);
    }

    /** Whether message {@code messageId} is a label picker of the comment ({@code label_picker}), or a used one. */
    private static boolean isPicker(Connection c, long commentId, long messageId, String action) throws SQLException {
        try (java.sql.PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM audit WHERE comment_id = ? AND action = ? AND detail = ?")) {
            ps.setLong(1, commentId);
            ps.setString(2, action);
            ps.setString(3, String.valueOf(messageId));
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The card in the moderators' chat, where the item is acted on. */
    private String cardLink(Connection c, long commentId) throws SQLException {
        try (java.sql.PreparedStatement ps = c.prepareStatement("SELECT message_id FROM card WHERE comment_id = ?")) {
            ps.setLong(1, commentId);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    Long id = Comments.getLong(rs, 1);
                    return id == null ? null : Links.message(intake.config().moderators().chatId(), id, null);
                }
            }
        }
        return null;
    }
}
