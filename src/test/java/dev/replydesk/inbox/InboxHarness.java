package dev.replydesk.inbox;

import dev.replydesk.config.ConfigLoader;
import dev.replydesk.config.ReplydeskConfig;
import dev.replydesk.language.Lang;
import dev.replydesk.language.Texts;
import dev.replydesk.outbox.AnswerResult;
import dev.replydesk.outbox.BotApi;
import dev.replydesk.outbox.Button;
import dev.replydesk.outbox.Outbox;
import dev.replydesk.outbox.Outgoing;
import dev.replydesk.outbox.SendResult;
import dev.replydesk.storage.Database;
import dev.replydesk.testing.MutableClock;
import dev.replydesk.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The inbox on a real store (H2, or PostgreSQL: see {@link TestDatabase}) and a real outbox, with
 * Telegram replaced at the BotApi seam by a recorder (the HTTP-level behaviour is covered by the
 * telegram and outbox tests).
 */
final class InboxHarness implements AutoCloseable {
    static final long COMMUNITY = -1001234567890L;
    static final long FORUM = -1001234567891L;
    static final long MODS = -1009876543210L;
    static final long MOD_A = 111111L;
    static final long MOD_B = 222222L;
    static final long MANAGER = 333333L;
    static final long BRAND = 777777L;
    static final long CUSTOMER = 555555L;
    static final long STRANGER = 999999L;

    final MutableClock clock;
    final TestDatabase.Store store;
    final Database db;
    final ReplydeskConfig config;
    final Recorder api = new Recorder();
    Outbox outbox;
    Ledger ledger;
    Intake intake;
    private long updateId = 1;
    private long messageId = 100;

    static final String BASE = """
            telegram:
              token: "123456:TEST"
            communities:
              - chat-id: %d
                name: Brand chat
              - chat-id: %d
                name: Brand forum
            moderators:
              chat-id: %d
              users: [%d, %d]
            managers:
              users: [%d]
              timezone: UTC
            brand:
              accounts: [%d]
            storage:
              url: jdbc:h2:mem:unused
            """.formatted(COMMUNITY, FORUM, MODS, MOD_A, MOD_B, MANAGER, BRAND);

    /** The harness on {@code store}, which it closes (on PostgreSQL: drops) when it closes. */
    InboxHarness(TestDatabase.Store store, String extraYaml, Analysis.Analyzer analyzer, DraftChecker checker)
            throws Exception {
        this.clock = new MutableClock(Instant.parse("2026-11-20T10:00:00Z"));
        this.store = store;
        this.db = store.open();
        this.config = ConfigLoader.parse(BASE + extraYaml, "test.yml", Map.of());
        start(analyzer, checker);
    }

    InboxHarness(TestDatabase.Store store) throws Exception {
        this(store, "", text -> Analysis.unclassified(Lang.RU), DraftChecker.NONE);
    }

    /** On H2 in {@code dir}. */
    InboxHarness(Path dir, String extraYaml, Analysis.Analyzer analyzer, DraftChecker checker) throws Exception {
        this(TestDatabase.create(TestDatabase.Kind.H2, dir), extraYaml, analyzer, checker);
    }

    InboxHarness(Path dir) throws Exception {
        this(dir, "", text -> Analysis.unclassified(Lang.RU), DraftChecker.NONE);
    }

    /** Builds the services (again, as after a restart) on the same store. */
    void start(Analysis.Analyzer analyzer, DraftChecker checker) {
        Texts texts = new Texts();
        Holder holder = new Holder();
        // the outbox paces by its own clock: a frozen test clock would never refill its buckets
        outbox = new Outbox(db, api, holder, java.time.Clock.systemUTC(), Outbox.Settings.defaults()
                .withRates(10_000, 1_000_000, 10_000, 10_000).withPollInterval(Duration.ofMillis(10)));
        ledger = new Ledger(config, db, outbox, texts, clock);
        intake = new Intake(config, db, outbox, analyzer, checker, ledger, texts, clock);
        holder.target = intake;
        outbox.start();
    }

    void stop() {
        outbox.close();
    }

    Intake.Result comment(long chatId, long userId, String text) {
        return handle(message(chatId, userId, text, null, null, false));
    }

    Event.Message message(long chatId, long userId, String text, Long replyTo, Long threadId, boolean edited) {
        return new Event.Message(updateId++, edited, chatId, "supergroup", "chat", messageId++, threadId,
                false, replyTo, null, person(userId), null, clock.instant(), edited ? clock.instant() : null, text,
                null, false, null, null, null, false, null);
    }

    Event.Message edit(long chatId, long messageId, long userId, String text) {
        return new Event.Message(updateId++, true, chatId, "supergroup", "chat", messageId, null, false, null, null,
                person(userId), null, clock.instant(), clock.instant(), text, null, false, null, null, null, false, null);
    }

    Event.Callback press(long userId, long chatId, long messageId, String data) {
        return new Event.Callback(updateId++, "cb" + updateId, person(userId), chatId, messageId, data);
    }

    static Event.Person person(long id) {
        return new Event.Person(id, "User" + id, null, "user" + id, false, "ru");
    }

    Intake.Result handle(Event e) {
        Intake.Result r = intake.handle(e, null);
        drain();
        return r;
    }

    void drain() {
        outbox.wakeUp();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        try {
            Thread.sleep(20);
            while (outbox.counts().pending() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    long lastMessageId() {
        return messageId - 1;
    }

    /** The Telegram message id of the card of the comment with this community message id. */
    long cardMessage(long commentMessageId) {
        return db.withConnection(c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT card.message_id FROM card JOIN comment ON "
                    + "comment.id = card.comment_id WHERE comment.message_id = " + commentMessageId)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    long commentId(long commentMessageId) {
        return scalar("SELECT id FROM comment WHERE message_id = " + commentMessageId);
    }

    long scalar(String sql) {
        return db.withConnection(c -> {
            try (ResultSet rs = c.createStatement().executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    String string(String sql) {
        return db.withConnection(c -> {
            try (ResultSet rs = c.createStatement().executeQuery(sql)) {
                return rs.next() ? rs.getString(1) : null;
            }
        });
    }

    CommentRow row(long commentMessageId) {
        return db.withConnection((Connection c) -> Comments.byMessage(c, COMMUNITY, commentMessageId)
                .or(() -> {
                    try {
                        return Comments.byMessage(c, FORUM, commentMessageId);
                    } catch (java.sql.SQLException e) {
                        throw new RuntimeException(e);
                    }
                }).orElseThrow());
    }

    @Override
    public void close() {
        outbox.close();
        db.close();
        store.close();
    }

    /** Records what the bot sends and answers like Telegram would. */
    static final class Recorder implements BotApi {
        final List<Outgoing> sent = new CopyOnWriteArrayList<>();
        final List<Long> ids = new CopyOnWriteArrayList<>();
        final List<Long> targets = new CopyOnWriteArrayList<>();
        final List<String> answers = new CopyOnWriteArrayList<>();
        private final AtomicLong next = new AtomicLong(5000);

        @Override
        public SendResult execute(Outgoing m, Long target) {
            long id = m instanceof Outgoing.Edit ? target : next.incrementAndGet();
            sent.add(m);
            ids.add(id);
            targets.add(target == null ? 0L : target);
            return new SendResult.Sent(id);
        }

        @Override
        public AnswerResult answerCallback(String callbackId, String text, boolean alert) {
            answers.add(text);
            return new AnswerResult.Answered();
        }

        List<Outgoing.Send> sends(long chatId) {
            List<Outgoing.Send> out = new ArrayList<>();
            for (Outgoing m : sent) {
                if (m instanceof Outgoing.Send s && s.chatId() == chatId) {
                    out.add(s);
                }
            }
            return out;
        }

        List<Outgoing.Edit> edits() {
            return sent.stream().filter(m -> m instanceof Outgoing.Edit).map(m -> (Outgoing.Edit) m).toList();
        }

        static List<String> buttons(Outgoing.Send s) {
            return s.keyboard() == null ? List.of()
                    : s.keyboard().rows().stream().flatMap(List::stream).map(Button::callbackData).toList();
        }
    }

    private static final class Holder implements dev.replydesk.outbox.OutboxListener {
        volatile dev.replydesk.outbox.OutboxListener target;

        @Override
        public void sent(Connection tx, long outboxId, String correlation, long messageId) {
            target.sent(tx, outboxId, correlation, messageId);
        }

        @Override
        public void failed(Connection tx, long outboxId, String correlation, String reason) {
            target.failed(tx, outboxId, correlation, reason);
        }
    }
}
