package dev.replydesk.digest;

import dev.replydesk.config.ConfigLoader;
import dev.replydesk.config.ReplydeskConfig;
import dev.replydesk.storage.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * A fixed data set for the digest and the exports, written into a real store with SQL: the day
 * 2 March 2026 in Europe/Moscow, the seven days before it, and comments still open on the
 * morning of 3 March, when the digest is made at 09:00.
 */
final class DigestFixture {
    static final ZoneId ZONE = ZoneId.of("Europe/Moscow");
    static final LocalDate DAY = LocalDate.of(2026, 3, 2);
    static final Instant DIGEST_TIME = LocalDateTime.of(2026, 3, 3, 9, 0).atZone(ZONE).toInstant();
    static final long CHAT_A = -1001234567890L;
    static final long CHAT_B = -1002222222222L;
    static final long CHANNEL = -1001111111111L;
    static final long ANNA = 111;
    static final long BORIS = 222;
    static final long MANAGER_RU = 333;
    static final long MANAGER_UK = 444;
    static final long MANAGER_EN = 555;

    static final String YAML = """
            telegram:
              token: "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"
            communities:
              - chat-id: -1001234567890
                name: Brand chat
                channel-id: -1001111111111
              - chat-id: -1002222222222
                name: Клуб «Друзья» & Co
            moderators:
              chat-id: -1009876543210
              users: [111, 222]
            managers:
              users: [333, 444, 555]
              digest-time: "09:00"
              timezone: Europe/Moscow
              languages: {333: ru, 444: uk, 555: en}
            storage:
              url: jdbc:h2:mem:unused
            sla:
              target: 15m
              limit: 6h
            """;

    private final Database db;

    DigestFixture(Database db) {
        this.db = db;
    }

    static ReplydeskConfig config() {
        return config(YAML);
    }

    static ReplydeskConfig config(String yaml) {
        try {
            return ConfigLoader.parse(yaml, "config/replydesk.yml", Map.of());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Clock clockAt(Instant t) {
        return Clock.fixed(t, ZoneOffset.UTC);
    }

    /** A local time in Moscow: "2026-03-02T08:05". */
    static Instant at(String local) {
        return LocalDateTime.parse(local).atZone(ZONE).toInstant();
    }

    /** Writes the whole data set. */
    void load() {
        name(ANNA, "Анна", "2026-02-01T10:00");
        name(BORIS, "Борис <mod>", "2026-02-01T10:01");
        name(ANNA, "Анна К.", "2026-02-15T10:00");
        post(CHAT_A, 500, 10, "Весенняя коллекция уже в продаже", "2026-03-02T08:00");
        post(CHAT_A, 501, 11, "Как мы доставляем заказы", "2026-03-02T09:00");

        // --- the day: 2 March -------------------------------------------------------------
        long c1 = comment("2026-03-02T08:05", CHAT_A, 1001, 500L, 10L, 9001L, "complaint", true, true, "ANSWERED",
                ANNA, "2026-03-02T08:17", "2026-03-02T08:17", null,
                "Заказ 4521 не пришёл, где мои деньги?");
        long c2 = comment("2026-03-02T08:40", CHAT_A, 1002, 500L, 10L, 9002L, "question", false, true, "ANSWERED",
                BORIS, "2026-03-02T09:30", "2026-03-02T09:30", "delivery-times",
                "Сколько идёт доставка в Казань?");
        comment("2026-03-02T09:10", CHAT_A, 1003, 501L, 11L, 9003L, "question", false, true, "ANSWERED_ELSEWHERE",
                null, null, "2026-03-02T09:40", null, "Как вернуть товар без чека?");
        comment("2026-03-02T10:00", CHAT_B, 2001, null, null, 9004L, "question", false, true, "OPEN",
                null, null, null, null, "Как вернуть товар, если нет чека?");
        long c5 = comment("2026-03-02T11:30", CHAT_B, 2002, null, null, 9005L, "complaint", true, true, "OPEN",
                ANNA, null, null, null, "Третью неделю жду возврат <3000 ₽> & никто не отвечает");
        long c6 = comment("2026-03-02T12:00", CHAT_A, 1004, 501L, 11L, 9006L, "troll", true, false, "TRACKED",
                null, null, null, null, "Ваш бренд — отстой 🤡");
        comment("2026-03-02T13:15", CHAT_A, 1005, null, null, 9007L, "spam", false, false, "NONE",
                null, null, null, null, "=HYPERLINK(\"http://spam\") Заработок без вложений!");
        comment("2026-03-02T14:00", CHAT_A, 1006, 500L, 10L, 9008L, "praise", false, false, "NONE",
                null, null, null, null, "Спасибо, всё пришло быстро!");
        long c9 = comment("2026-03-02T15:20", CHAT_A, 1007, null, null, 9009L, "complaint", true, true, "ANSWERED",
                BORIS, "2026-03-02T15:28", "2026-03-02T15:28", "courier",
                "Курьер нагрубил, заказ 7781");
        comment("2026-03-02T16:45", CHAT_B, 2003, null, null, 9010L, "question", false, true, "NO_ANSWER_NEEDED",
                null, null, "2026-03-02T17:00", null, "Есть ли доставка в Минск?");
        long c11 = comment("2026-03-02T23:50", CHAT_A, 1008, null, null, 9011L, "question", false, true, "ANSWERED",
                ANNA, "2026-03-03T00:20", "2026-03-03T00:20", "holidays", "Работает ли магазин в праздники?");
        edit(c11, 2, "Работает ли магазин 8 марта?", "2026-03-02T23:55");

        // --- still open on the morning of 3 March ------------------------------------------
        long c13 = comment("2026-02-28T18:00", CHAT_A, 1009, null, null, 9013L, "complaint", true, true, "OPEN",
                BORIS, null, null, null, "Где мой заказ 1234? Прошло две недели");
        comment("2026-03-03T05:00", CHAT_A, 1010, null, null, 9014L, "question", false, true, "OPEN",
                null, null, null, null, "Можно оплатить частями?");
        comment("2026-03-03T08:20", CHAT_A, 1011, null, null, 9015L, "question", false, true, "OPEN",
                null, null, null, null, "Есть промокод на первый заказ?");
        comment("2026-03-03T08:50", CHAT_A, 1012, null, null, 9016L, "question", false, true, "OPEN",
                null, null, null, null, "Когда будет распродажа?");

        // --- the seven days before -------------------------------------------------------------
        long p1 = comment("2026-03-01T12:00", CHAT_A, 1013, null, null, 9017L, "complaint", true, true, "ANSWERED",
                ANNA, "2026-03-01T12:20", "2026-03-01T12:20", "refund", "Не пришёл возврат за заказ 5555");
        comment("2026-03-01T13:00", CHAT_A, 1014, null, null, 9018L, "question", false, true, "ANSWERED",
                BORIS, "2026-03-01T14:00", "2026-03-01T14:00", "delivery-times", "Доставляете в Тверь?");
        comment("2026-03-01T14:00", CHAT_B, 2004, null, null, 9019L, "praise", false, false, "NONE",
                null, null, null, null, "Лучший магазин!");
        comment("2026-02-27T10:00", CHAT_A, 1015, 500L, 10L, 9020L, "question", false, true, "ANSWERED",
                ANNA, "2026-02-27T10:10", "2026-02-27T10:10", "sizes", "Какой размер выбрать?");
        comment("2026-02-27T11:00", CHAT_A, 1016, 500L, 10L, 9021L, "troll", true, false, "TRACKED",
                null, null, null, null, "Ха-ха, опять всё сломали");
        // Eight days before: outside the comparison.
        comment("2026-02-22T10:00", CHAT_A, 1017, null, null, 9022L, "praise", false, false, "NONE",
                null, null, null, null, "Отличный сервис");

        // --- replies and the checklist ---------------------------------------------------------
        long r1 = reply(c1, ANNA, "2026-03-02T08:17", "PASS", null);
        decision(r1, c1, ANNA, "2026-03-02T08:16", "PASS", true, false, true, true, null);
        long r2 = reply(c2, BORIS, "2026-03-02T09:30", "OVERRIDE", "Клиенту нужна ссылка на трекинг");
        decision(r2, c2, BORIS, "2026-03-02T09:20", "FAIL", true, true, true, false, null);
        decision(r2, c2, BORIS, "2026-03-02T09:29", "OVERRIDE", true, true, true, false,
                "Клиенту нужна ссылка на трекинг");
        long r3 = draft(c9, BORIS, "2026-03-02T15:25");
        decision(r3, c9, BORIS, "2026-03-02T15:25", "FAIL", false, true, true, false, null);
        decision(r3, c9, BORIS, "2026-03-02T15:26", "EDIT", true, true, true, true, null);
        long r4 = reply(c9, BORIS, "2026-03-02T15:28", "PASS", null);
        decision(r4, c9, BORIS, "2026-03-02T15:27", "PASS", true, true, true, true, null);
        long r5 = reply(c11, ANNA, "2026-03-03T00:20", "PASS", null);
        decision(r5, c11, ANNA, "2026-03-03T00:19", "PASS", true, true, true, true, null);
        long r6 = reply(p1, ANNA, "2026-03-01T12:20", "PASS", null);
        decision(r6, p1, ANNA, "2026-03-01T12:19", "PASS", true, true, true, true, null);

        // --- the audit trail ----------------------------------------------------------------------
        audit(c13, "2026-03-01T00:00", null, "breached", "limit PT6H");
        audit(c5, "2026-03-02T17:30", null, "breached", "limit PT6H");
        audit(c6, "2026-03-02T12:30", BORIS, "label_corrected", "complaint -> troll");
    }

    long comment(String sent, long chat, long message, Long thread, Long post, Long author, String label,
            boolean negative, boolean needsAnswer, String state, Long owner, String firstAnswer, String resolved,
            String suggestions, String text) {
        Long channel = post == null ? null : CHANNEL;
        Instant sentAt = at(sent);
        return insert("INSERT INTO comment (chat_id, message_id, thread_id, channel_id, channel_post_id, author_id, "
                        + "author_name, sent_at, received_at, text, lang, label, label_reasons, negative, needs_answer, "
                        + "state, clock_start, owner_id, claimed_at, first_answer_at, resolved_at, suggestion_ids) "
                        + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                chat, message, thread, channel, post, author, "Покупатель " + author, sentAt, sentAt.plusSeconds(1),
                text, "ru", label, label + ": test", negative, needsAnswer, state, needsAnswer ? sentAt : null,
                owner, owner == null ? null : sentAt.plusSeconds(60), firstAnswer == null ? null : at(firstAnswer),
                resolved == null ? null : at(resolved), suggestions);
    }

    void edit(long comment, int version, String text, String at) {
        exec("INSERT INTO comment_version (comment_id, version, text, edited_at, received_at) VALUES (?,?,?,?,?)",
                comment, version, text, at(at), at(at));
        exec("UPDATE comment SET version_count = ? WHERE id = ?", version, comment);
    }

    long reply(long comment, long moderator, String published, String outcome, String overrideReason) {
        return insert("INSERT INTO reply (comment_id, moderator_id, draft_chat_id, text, status, created_at, "
                        + "published_at, published_message_id, review_outcome, override_reason) "
                        + "VALUES (?,?,?,?,?,?,?,?,?,?)", comment, moderator, moderator, "Ответ", "PUBLISHED",
                at(published).minusSeconds(120), at(published), 50_000 + comment, outcome, overrideReason);
    }

    long draft(long comment, long moderator, String created) {
        return insert("INSERT INTO reply (comment_id, moderator_id, draft_chat_id, text, status, created_at) "
                + "VALUES (?,?,?,?,?,?)", comment, moderator, moderator, "Черновик", "CANCELLED", at(created));
    }

    void decision(long reply, long comment, long moderator, String at, String outcome, Boolean polite,
            Boolean logical, Boolean consistent, Boolean links, String overrideReason) {
        exec("INSERT INTO review_decision (reply_id, comment_id, moderator_id, decided_at, outcome, polite, logical, "
                        + "consistent, links, reasons, override_reason) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                reply, comment, moderator, at(at), outcome, polite, logical, consistent, links, null, overrideReason);
    }

    void audit(Long comment, String at, Long actor, String action, String detail) {
        exec("INSERT INTO audit (comment_id, at, actor_id, action, detail) VALUES (?,?,?,?,?)",
                comment, at(at), actor, action, detail);
    }

    void name(long user, String name, String at) {
        audit(null, at, user, "name", name);
    }

    void post(long chat, long thread, long post, String text, String at) {
        exec("INSERT INTO channel_post (chat_id, thread_message_id, channel_id, channel_post_id, channel_title, "
                + "post_text, posted_at) VALUES (?,?,?,?,?,?,?)", chat, thread, CHANNEL, post, "Brand", text, at(at));
    }

    void exec(String sql, Object... params) {
        db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bind(ps, params);
                return ps.executeUpdate();
            }
        });
    }

    long insert(String sql, Object... params) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
                bind(ps, params);
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
    }

    long count(String sql, Object... params) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bind(ps, params);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    private static void bind(PreparedStatement ps, Object... params) throws java.sql.SQLException {
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            if (p instanceof Instant t) {
                ps.setObject(i + 1, OffsetDateTime.ofInstant(t, ZoneOffset.UTC));
            } else if (p == null) {
                ps.setNull(i + 1, Types.NULL);
            } else {
                ps.setObject(i + 1, p);
            }
        }
    }
}
