package dev.replydesk.inbox;

import static dev.replydesk.inbox.InboxHarness.COMMUNITY;
import static dev.replydesk.inbox.InboxHarness.CUSTOMER;
import static dev.replydesk.inbox.InboxHarness.MANAGER;
import static dev.replydesk.inbox.InboxHarness.MODS;
import static dev.replydesk.inbox.InboxHarness.MOD_A;
import static dev.replydesk.inbox.InboxHarness.MOD_B;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.replydesk.config.WorkingHours;
import dev.replydesk.language.Lang;
import dev.replydesk.outbox.Outgoing;
import dev.replydesk.testing.TestDatabase;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

@ParameterizedClass
@MethodSource("dev.replydesk.testing.TestDatabase#kinds")
class LedgerTest {
    @Parameter
    TestDatabase.Kind kind;
    @TempDir
    Path dir;

    private TestDatabase.Store store() {
        return TestDatabase.create(kind, dir);
    }

    private static long nudges(InboxHarness h, String marker) {
        return h.api.sends(MODS).stream().filter(s -> s.html().startsWith(marker)).count();
    }

    @Test
    void nudgesAtTheTargetBeforeTheLimitAndEscalatesAtTheLimitEachOnce() throws Exception {
        try (InboxHarness h = new InboxHarness(store())) {
            h.comment(COMMUNITY, CUSTOMER, "Где мой заказ?");
            long msg = h.lastMessageId();
            Ledger.Due due = h.ledger.due(h.row(msg));
            assertEquals(Instant.parse("2026-11-20T10:15:00Z"), due.target());
            assertEquals(Instant.parse("2026-11-20T16:00:00Z"), due.limit());
            assertEquals(Instant.parse("2026-11-20T15:00:00Z"), due.preLimit());

            h.clock.advance(Duration.ofMinutes(14).plusSeconds(59));
            assertEquals(0, h.ledger.tick());
            h.clock.advance(Duration.ofSeconds(1));
            assertEquals(1, h.ledger.tick());
            assertEquals(0, h.ledger.tick(), "each nudge is sent once");
            h.drain();
            assertEquals(1, nudges(h, "⏰"));
            Outgoing.Send nudge = h.api.sends(MODS).stream().filter(s -> s.html().startsWith("⏰")).findFirst().orElseThrow();
            assertEquals(h.cardMessage(msg), nudge.replyToMessageId(), "the nudge answers the card");

            h.clock.set(Instant.parse("2026-11-20T15:00:00Z"));
            assertEquals(1, h.ledger.tick());
            h.clock.set(Instant.parse("2026-11-20T16:00:00Z"));
            assertEquals(1, h.ledger.tick());
            h.drain();
            assertEquals(1, nudges(h, "⚠️"));
            assertEquals(1, h.api.sends(MANAGER).size(), "escalation to the manager in private");
            assertEquals(1, h.scalar("SELECT COUNT(*) FROM audit WHERE action = 'breached'"));
            h.clock.advance(Duration.ofHours(2));
            assertEquals(0, h.ledger.tick());
        }
    }

    @Test
    void nudgesNameTheOwnerAndSurviveARestart() throws Exception {
        try (InboxHarness h = new InboxHarness(store())) {
            h.comment(COMMUNITY, CUSTOMER, "Где мой заказ?");
            long msg = h.lastMessageId();
            h.handle(h.press(MOD_A, MODS, h.cardMessage(msg), "tk:" + h.commentId(msg)));
            h.clock.advance(Duration.ofMinutes(16));
            assertEquals(1, h.ledger.tick());
            h.drain();
            assertTrue(h.api.sends(MODS).stream().anyMatch(s -> s.html().startsWith("⏰") && s.html().contains("@user" + MOD_A)));
            // a restart: new services on the same store send nothing again
            h.stop();
            h.start(text -> Analysis.unclassified(Lang.RU), DraftChecker.NONE);
            assertEquals(0, h.ledger.tick());
        }
    }

    @Test
    void nudgesEscapeTheOwnersNameAndSayTheWaitInTheChatsLanguage() throws Exception {
        try (InboxHarness h = new InboxHarness(store())) {
            h.comment(COMMUNITY, CUSTOMER, "Где мой заказ?");
            long msg = h.lastMessageId();
            Event.Person anna = new Event.Person(MOD_A, "Аня <3", null, null, false, "ru");
            h.handle(new Event.Callback(900, "cb-anna", anna, MODS, h.cardMessage(msg), "tk:" + h.commentId(msg)));
            h.clock.advance(Duration.ofMinutes(16));
            assertEquals(1, h.ledger.tick());
            h.drain();
            Outgoing.Send nudge = h.api.sends(MODS).stream().filter(s -> s.html().startsWith("⏰")).findFirst().orElseThrow();
            assertTrue(nudge.html().contains("Аня &lt;3"), nudge.html());
            assertTrue(nudge.html().contains("16 мин"), nudge.html());
        }
    }

    @Test
    void aReplyToTheNudgeIsAReplyToItsCard() throws Exception {
        try (InboxHarness h = new InboxHarness(store())) {
            h.comment(COMMUNITY, CUSTOMER, "Где мой заказ?");
            long msg = h.lastMessageId();
            h.clock.advance(Duration.ofMinutes(16));
            assertEquals(1, h.ledger.tick());
            h.drain();
            Outgoing.Send nudge = h.api.sends(MODS).stream().filter(s -> s.html().startsWith("⏰")).findFirst().orElseThrow();
            long nudgeMessage = h.api.ids.get(h.api.sent.indexOf(nudge));
            h.handle(h.message(MODS, MOD_A, "Заказ уже у курьера, привезём завтра до 18:00.", nudgeMessage, null, false));
            assertEquals(1, h.api.sends(COMMUNITY).size(), "the moderator answered the nudge: published under the comment");
            assertEquals(msg, h.api.sends(COMMUNITY).get(0).replyToMessageId());
        }
    }

    @Test
    void aCustomersBurstWithinThreeMinutesRunsOneClockAndOneAnswerClosesIt() throws Exception {
        try (InboxHarness h = new InboxHarness(store())) {
            h.comment(COMMUNITY, CUSTOMER, "Здравствуйте");
            long first = h.lastMessageId();
            h.clock.advance(Duration.ofMinutes(2));
            h.comment(COMMUNITY, CUSTOMER, "Заказ 12345 не пришёл");
            long second = h.lastMessageId();
            h.clock.advance(Duration.ofMinutes(4));
            h.comment(COMMUNITY, CUSTOMER, "Алло?");
            long third = h.lastMessageId();
            CommentRow r1 = h.row(first);
            CommentRow r2 = h.row(second);
            CommentRow r3 = h.row(third);
            assertEquals(r1.clockStart(), r2.clockStart(), "the burst's clock starts at its first message");
            assertEquals(r1.id(), r2.burstOf());
            assertNull(r3.burstOf(), "six minutes later is a new item");
            h.handle(h.message(MODS, MOD_A, "Проверяем заказ 12345, ответим сегодня до 18:00.", h.cardMessage(second),
                    null, false));
            assertEquals(CommentRow.State.ANSWERED, h.row(first).state());
            assertEquals(CommentRow.State.ANSWERED, h.row(second).state());
            assertEquals(CommentRow.State.OPEN, h.row(third).state());
        }
    }

    @Test
    void workingHoursSkipTheWeekendAndHolidays() {
        WorkingHours wh = new WorkingHours(ZoneId.of("Europe/Moscow"), EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                LocalTime.of(9, 0), LocalTime.of(18, 0), Set.of(LocalDate.of(2026, 11, 23)));
        // Friday 17:50 Moscow (14:50Z) + 15 min: 10 min on Friday, Monday is a holiday, so Tuesday 09:05
        Instant friday = Instant.parse("2026-11-20T14:50:00Z");
        assertEquals(Instant.parse("2026-11-24T06:05:00Z"), WorkingTime.plus(friday, Duration.ofMinutes(15), Optional.of(wh)));
        // Saturday night counts from Tuesday 09:00 (Monday is a holiday)
        Instant saturday = Instant.parse("2026-11-21T20:00:00Z");
        assertEquals(Instant.parse("2026-11-24T06:15:00Z"), WorkingTime.plus(saturday, Duration.ofMinutes(15), Optional.of(wh)));
        // six working hours from Tuesday 15:00 Moscow end on Wednesday 12:00
        Instant tuesday = Instant.parse("2026-11-24T12:00:00Z");
        assertEquals(Instant.parse("2026-11-25T09:00:00Z"), WorkingTime.plus(tuesday, Duration.ofHours(6), Optional.of(wh)));
        // without working hours the clock runs round the clock
        assertEquals(friday.plus(Duration.ofMinutes(15)), WorkingTime.plus(friday, Duration.ofMinutes(15), Optional.empty()));
    }

    @Test
    void theLedgerUsesWorkingHoursFromTheConfig() throws Exception {
        String extra = """
                sla:
                  working-hours:
                    timezone: UTC
                    days: [mon, tue, wed, thu, fri]
                    hours: "09:00-18:00"
                    holidays: [2026-11-23]
                """;
        try (InboxHarness h = new InboxHarness(store(), extra, text -> Analysis.unclassified(Lang.RU), DraftChecker.NONE)) {
            h.clock.set(Instant.parse("2026-11-20T17:55:00Z"));
            h.comment(COMMUNITY, CUSTOMER, "Вопрос в пятницу вечером");
            Ledger.Due due = h.ledger.due(h.row(h.lastMessageId()));
            assertEquals(Instant.parse("2026-11-24T09:10:00Z"), due.target());
            h.clock.set(Instant.parse("2026-11-23T12:00:00Z"));
            assertEquals(0, h.ledger.tick(), "no nudge on the holiday");
        }
    }

    @Test
    void routingRulesAndRoundRobinAmongThoseOnDuty() throws Exception {
        String extra = """
                routing:
                  rules:
                    - keywords: [возврат]
                      to: [%d]
                """.formatted(MOD_B);
        try (InboxHarness h = new InboxHarness(store(), extra, text -> Analysis.unclassified(Lang.RU), DraftChecker.NONE)) {
            h.comment(COMMUNITY, CUSTOMER, "Кто-нибудь?");
            assertNull(h.row(h.lastMessageId()).ownerId(), "nobody on duty: nobody assigned");
            h.handle(h.message(MODS, MOD_A, "/duty on", null, null, false));
            h.handle(h.message(MODS, MOD_B, "/duty on", null, null, false));
            List<Long> owners = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                h.comment(COMMUNITY, CUSTOMER + 10 + i, "Вопрос " + i);
                owners.add(h.row(h.lastMessageId()).ownerId());
            }
            assertEquals(List.of(MOD_A, MOD_B, MOD_A, MOD_B), owners, "round-robin");
            h.comment(COMMUNITY, CUSTOMER + 20, "Хочу оформить возврат");
            assertEquals(MOD_B, h.row(h.lastMessageId()).ownerId(), "the rule routes returns to B");
            h.handle(h.message(MODS, MOD_B, "/duty off", null, null, false));
            h.comment(COMMUNITY, CUSTOMER + 21, "Ещё один возврат");
            assertNull(h.row(h.lastMessageId()).ownerId(), "the rule's only person is off duty");
            h.comment(COMMUNITY, CUSTOMER + 22, "Обычный вопрос");
            assertEquals(MOD_A, h.row(h.lastMessageId()).ownerId());
        }
    }

    @Test
    void openListsOldestFirstAndMineListsOnesOwn() throws Exception {
        try (InboxHarness h = new InboxHarness(store())) {
            h.comment(COMMUNITY, CUSTOMER, "Самый старый вопрос");
            long old = h.lastMessageId();
            h.clock.advance(Duration.ofMinutes(20));
            h.comment(COMMUNITY, CUSTOMER + 1, "Новый вопрос");
            h.handle(h.press(MOD_A, MODS, h.cardMessage(old), "tk:" + h.commentId(old)));
            h.handle(h.message(MODS, MOD_A, "/open", null, null, false));
            String open = h.api.sends(MODS).get(h.api.sends(MODS).size() - 1).html();
            assertTrue(open.indexOf("Самый старый") < open.indexOf("Новый вопрос"), open);
            assertTrue(open.contains("⏰ 20 мин"), open);
            assertTrue(open.contains("https://t.me/c/9876543210/" + h.cardMessage(old)), "a link to the card: " + open);
            h.handle(h.message(MODS, MOD_B, "/mine", null, null, false));
            String mine = h.api.sends(MODS).get(h.api.sends(MODS).size() - 1).html();
            assertTrue(mine.contains("нет открытых"), mine);
        }
    }
}
