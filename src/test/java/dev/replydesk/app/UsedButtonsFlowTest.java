package dev.replydesk.app;

import static dev.replydesk.app.FlowChecks.button;
import static dev.replydesk.app.FlowChecks.hasButtons;
import static dev.replydesk.app.FlowChecks.scalar;
import static dev.replydesk.app.FlowChecks.string;
import static dev.replydesk.app.LanguagesFlowTest.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.replydesk.config.ConfigLoader;
import dev.replydesk.config.ReplydeskConfig;
import dev.replydesk.testing.FakeBotApi;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A button that did its job leaves no buttons behind: the message it was on is edited (never
 * deleted) to say what was done and by whom, and pressing it again is answered "already handled".
 * The whole bot against the fake Bot API server, H2 on disk.
 */
class UsedButtonsFlowTest {
    static final long COMMUNITY = -1001234567890L;
    static final long MODS = -1009876543210L;
    static final long MOD = 111111L;
    static final long OTHER_MOD = 222222L;
    static final long CUSTOMER = 555555L;
    static final String RUDE = "ВЫ САМИ ВИНОВАТЫ, читайте внимательнее!!!";

    @TempDir
    Path dir;
    FakeBotApi fake;
    ReplydeskConfig config;

    @BeforeEach
    void setUp() throws Exception {
        fake = FakeBotApi.start();
        Path kb = dir.resolve("kb");
        FlowChecks.copyKnowledgeBaseFixture(kb);
        String yaml = """
                telegram:
                  token: "%s"
                  api-url: %s
                  poll-timeout: 1s
                communities:
                  - chat-id: %d
                    name: Brand chat
                moderators:
                  chat-id: %d
                  users: [%d, %d]
                managers:
                  users: [333333]
                storage:
                  url: jdbc:h2:file:%s
                knowledge-base:
                  dir: %s
                """.formatted(FakeBotApi.TOKEN, fake.uri(), COMMUNITY, MODS, MOD, OTHER_MOD,
                dir.resolve("replydesk").toString().replace('\\', '/'), kb.toString().replace('\\', '/'));
        config = ConfigLoader.parse(yaml, "test.yml", Map.of());
    }

    @AfterEach
    void tearDown() {
        fake.close();
    }

    @Test
    void aHeldDraftSentAnywayLosesItsButtonsAndSaysWhoSentItAndWhy() throws Exception {
        try (RunCommand.Bot bot = RunCommand.Bot.start(config, Clock.systemUTC(), BotFlowTest.FAST)) {
            FakeBotApi.Posted held = held();
            String sendAnyway = button(held, "sa:");
            fake.pushCallback(MODS, held.messageId(), MOD, "Анна", sendAnyway);
            await(() -> fake.sent(MODS).stream().filter(p -> p.html().contains("одной строкой")).findFirst().orElse(null));
            assertTrue(hasButtons(fake.message(MODS, held.messageId()).orElseThrow()),
                    "asking for the reason is not the end: Edit and Cancel stay until it comes");
            fake.pushMessage(MODS, MOD, "Анна", "Клиент сам попросил говорить прямо");

            FakeBotApi.Posted done = await(() -> fake.message(MODS, held.messageId())
                    .filter(p -> p.html().contains("📝 Отправлено вопреки проверке")).orElse(null));
            assertFalse(hasButtons(done), "the used buttons are gone: " + done.replyMarkup());
            assertTrue(done.html().contains("Анна") && done.html().contains("Клиент сам попросил говорить прямо"),
                    "who and why: " + done.html());
            assertTrue(done.html().contains("«ВЫ САМИ ВИНОВАТЫ»"), "the report itself stays: " + done.html());
            await(() -> fake.sent(COMMUNITY).stream().filter(FakeBotApi.Posted::fromBot).findFirst().orElse(null));

            String again = fake.pushCallback(MODS, held.messageId(), MOD, "Анна", sendAnyway);
            assertEquals("Этот черновик уже обработан.", answer(again).path("text").asText(), "already handled");
            assertEquals(1, fake.sent(COMMUNITY).stream().filter(FakeBotApi.Posted::fromBot).count(), "published once");
            assertEquals(0, scalar(bot, "SELECT MIN(lane) FROM outbox WHERE correlation LIKE 'done:%'"),
                    "the edit answers what a moderator just did: the first lane");
            assertEquals(0, scalar(bot, "SELECT COUNT(*) FROM outbox WHERE correlation LIKE 'done:%' AND lane <> 0"));
            assertTrue(fake.requests().stream().noneMatch(r -> r.method().equals("deletemessage")), "nothing deleted");
        }
    }

    @Test
    void aHeldDraftCancelledSaysSoAndAPressOnAnotherMessageIsRefused() throws Exception {
        try (RunCommand.Bot bot = RunCommand.Bot.start(config, Clock.systemUTC(), BotFlowTest.FAST)) {
            FakeBotApi.Posted held = held();
            String cancel = button(held, "cx:");

            // the draft's button data pressed under another message: refused, nothing changes
            FakeBotApi.Posted other = fake.sent(MODS).get(0);
            String forged = fake.pushCallback(MODS, other.messageId(), MOD, "Анна", cancel);
            JsonNode refused = answer(forged);
            assertTrue(refused.path("show_alert").asBoolean(), "a refusal is an alert: " + refused);
            assertEquals(1, scalar(bot, "SELECT COUNT(*) FROM reply WHERE status = 'BLOCKED'"));

            String first = fake.pushCallback(MODS, held.messageId(), MOD, "Анна", cancel);
            assertEquals("Черновик отменён.", answer(first).path("text").asText());
            FakeBotApi.Posted done = await(() -> fake.message(MODS, held.messageId())
                    .filter(p -> p.html().contains("✖️ Отменено — Анна")).orElse(null));
            assertFalse(hasButtons(done), done.replyMarkup() == null ? "" : done.replyMarkup().toString());

            String edit = fake.pushCallback(MODS, held.messageId(), MOD, "Анна", button(held, "ed:"));
            assertEquals("Этот черновик уже обработан.", answer(edit).path("text").asText());
            assertEquals(1, scalar(bot, "SELECT COUNT(*) FROM reply WHERE status = 'CANCELLED'"));
            assertTrue(fake.sent(COMMUNITY).stream().noneMatch(FakeBotApi.Posted::fromBot), "nothing published");
        }
    }

    @Test
    void aSuggestedDraftSentAsIsSaysPublishedAndCannotBeSentTwice() throws Exception {
        try (RunCommand.Bot bot = RunCommand.Bot.start(config, Clock.systemUTC(), BotFlowTest.FAST)) {
            fake.pushMessage(COMMUNITY, CUSTOMER, "Клиент", "Сколько идёт доставка? Когда привезут заказ?");
            FakeBotApi.Posted card = await(() -> fake.sent(MODS).stream()
                    .filter(p -> p.html().contains("Когда привезут") && p.replyMarkup() != null
                            && p.replyMarkup().toString().contains("sg:")).findFirst().orElse(null));
            fake.pushCallback(MODS, card.messageId(), MOD, "Анна", button(card, "sg:"));
            FakeBotApi.Posted draft = await(() -> fake.sent(MODS).stream().filter(p -> p.html().startsWith("💡"))
                    .findFirst().orElse(null));
            String sendAsIs = button(draft, "sd:");
            fake.pushCallback(MODS, draft.messageId(), MOD, "Анна", sendAsIs);

            FakeBotApi.Posted done = await(() -> fake.message(MODS, draft.messageId())
                    .filter(p -> p.html().contains("✅ Опубликовано — Анна")).orElse(null));
            assertFalse(hasButtons(done), "no Send as is left to press: " + done.replyMarkup());
            assertTrue(done.html().contains("Доставка по городу"), "the draft's text stays: " + done.html());
            await(() -> fake.sent(COMMUNITY).stream().filter(FakeBotApi.Posted::fromBot).findFirst().orElse(null));

            String again = fake.pushCallback(MODS, draft.messageId(), OTHER_MOD, "Борис", sendAsIs);
            JsonNode second = answer(again);
            assertTrue(second.path("show_alert").asBoolean(), "another moderator may not decide: " + second);
            String mine = fake.pushCallback(MODS, draft.messageId(), MOD, "Анна", sendAsIs);
            assertEquals("Этот черновик уже обработан.", answer(mine).path("text").asText());
            assertEquals(1, fake.sent(COMMUNITY).stream().filter(FakeBotApi.Posted::fromBot).count(), "published once");
        }
    }

    @Test
    void theLabelPickerSaysWhichLabelWasSetAndByWhomAndIsNotUsedTwice() throws Exception {
        try (RunCommand.Bot bot = RunCommand.Bot.start(config, Clock.systemUTC(), BotFlowTest.FAST)) {
            fake.pushMessage(COMMUNITY, CUSTOMER, "Клиент", "Подскажите, у вас есть самовывоз?");
            FakeBotApi.Posted card = await(() -> fake.sent(MODS).stream().filter(p -> p.html().contains("самовывоз"))
                    .findFirst().orElse(null));
            await(() -> scalar(bot, "SELECT COUNT(*) FROM card WHERE message_id IS NOT NULL") == 1 ? 1 : null);
            fake.pushCallback(MODS, card.messageId(), MOD, "Анна", button(card, "rl:"));
            FakeBotApi.Posted picker = await(() -> fake.sent(MODS).stream()
                    .filter(p -> p.replyMarkup() != null && p.replyMarkup().toString().contains("sl:"))
                    .findFirst().orElse(null));
            String comment = button(picker, "sl:").split(":")[1];
            fake.pushCallback(MODS, picker.messageId(), MOD, "Анна", "sl:" + comment + ":5"); // other

            FakeBotApi.Posted done = await(() -> fake.message(MODS, picker.messageId())
                    .filter(p -> p.html().contains("🏷 Метка «другое» — Анна")).orElse(null));
            assertFalse(hasButtons(done), "the picker's buttons are gone: " + done.replyMarkup());
            assertEquals("other", string(bot, "SELECT label FROM comment"));

            String again = fake.pushCallback(MODS, picker.messageId(), OTHER_MOD, "Борис", "sl:" + comment + ":1");
            assertEquals("Метку здесь уже выбрали.", answer(again).path("text").asText());
            assertEquals("other", string(bot, "SELECT label FROM comment"), "a used picker changes nothing");
        }
    }

    /** A comment, a rude reply to its card, and the held report with its buttons. */
    private FakeBotApi.Posted held() throws InterruptedException {
        fake.pushMessage(COMMUNITY, CUSTOMER, "Клиент", "Где мой заказ 482913? Жду уже неделю");
        FakeBotApi.Posted card = await(() -> fake.sent(MODS).stream().filter(p -> p.html().contains("482913"))
                .findFirst().orElse(null));
        fake.pushReply(MODS, MOD, "Анна", RUDE, card.messageId());
        return await(() -> fake.sent(MODS).stream().filter(p -> p.html().contains("⛔") && hasButtons(p))
                .findFirst().orElse(null));
    }

    private JsonNode answer(String callbackId) throws InterruptedException {
        return await(() -> fake.requests("answerCallbackQuery").stream()
                .filter(r -> callbackId.equals(r.body().path("callback_query_id").asText()))
                .map(FakeBotApi.Request::body).findFirst().orElse(null));
    }





}
