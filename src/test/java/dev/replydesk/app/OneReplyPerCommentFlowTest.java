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
import dev.replydesk.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A comment gets one reply unless a moderator means a second one: a draft offered before another
 * reply to its comment went out (a 💡 draft, a held draft) can no longer be sent; the press is
 * refused in the presser's language, naming whose reply went out, and the draft's buttons leave.
 * A new reply to the card is still published. The whole bot against the fake Bot API server, on
 * H2 on disk and on PostgreSQL.
 */
@ParameterizedClass
@MethodSource("dev.replydesk.testing.TestDatabase#kinds")
class OneReplyPerCommentFlowTest {
    static final long COMMUNITY = -1001234567890L;
    static final long MODS = -1009876543210L;
    static final long ANNA = 111111L;
    static final long BORIS = 222222L;
    static final long CUSTOMER = 555555L;
    static final String QUESTION = "Сколько идёт доставка? Когда привезут заказ?";
    static final String OWN = "Доставка по городу занимает 1–2 дня, курьер позвонит за час до приезда.";
    static final String RUDE = "ВЫ САМИ ВИНОВАТЫ, читайте внимательнее!!!";
    static final String SUPERSEDED_LINE = "↪️ Не отправлено: уже опубликован другой ответ — ";

    @Parameter
    TestDatabase.Kind kind;
    @TempDir
    Path dir;
    TestDatabase.Store store;
    FakeBotApi fake;
    ReplydeskConfig config;

    @BeforeEach
    void setUp() throws Exception {
        store = TestDatabase.create(kind, dir);
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
                  languages: {%d: en}
                managers:
                  users: [333333]
                storage:
                  url: "%s"
                knowledge-base:
                  dir: %s
                """.formatted(FakeBotApi.TOKEN, fake.uri(), COMMUNITY, MODS, ANNA, BORIS, BORIS, store.url(),
                kb.toString().replace('\\', '/'));
        config = ConfigLoader.parse(yaml, "test.yml", Map.of());
    }

    @AfterEach
    void tearDown() {
        if (fake != null) {
            fake.close();
        }
        if (store != null) {
            store.close();
        }
    }

    @Test
    void aReplyToASuggestedDraftWithOwnTextRetiresTheDraftsSendAsIs() throws Exception {
        try (RunCommand.Bot bot = RunCommand.Bot.start(config, Clock.systemUTC(), BotFlowTest.FAST)) {
            FakeBotApi.Posted card = card(bot);
            FakeBotApi.Posted draft = suggestedDraft(card, ANNA, "Анна", 0);
            String sendAsIs = button(draft, "sd:");

            fake.pushReply(MODS, ANNA, "Анна", OWN, draft.messageId());
            FakeBotApi.Posted retired = await(() -> fake.message(MODS, draft.messageId())
                    .filter(p -> p.html().contains(SUPERSEDED_LINE + "Анна")).orElse(null));
            assertFalse(hasButtons(retired), "no Send as is left: " + retired.replyMarkup());
            assertTrue(retired.html().contains("Доставка по городу"), "the draft's text stays: " + retired.html());

            // a client that still shows the old buttons
            String press = fake.pushCallback(MODS, draft.messageId(), ANNA, "Анна", sendAsIs);
            JsonNode refused = answer(press);
            assertTrue(refused.path("show_alert").asBoolean(), "a refusal is an alert: " + refused);
            assertTrue(refused.path("text").asText().startsWith("Не отправлено: под этим комментарием уже опубликован "
                    + "ответ — Анна."), refused.toString());
            Thread.sleep(500);
            assertEquals(1, published(), "published once");
            assertEquals(OWN, fake.sent(COMMUNITY).stream().filter(FakeBotApi.Posted::fromBot).findFirst()
                    .orElseThrow().text());
            assertEquals(1, occurrences(fake.message(MODS, draft.messageId()).orElseThrow().html(), SUPERSEDED_LINE),
                    "said once, not again on the stale press");
            assertEquals("SUPERSEDED", string(bot, "SELECT status FROM reply WHERE text <> '" + OWN + "'"));
            assertTrue(fake.requests().stream().noneMatch(r -> r.method().equals("deletemessage")), "nothing deleted");
        }
    }

    @Test
    void whenTwoModeratorsActAtOnceOnlyTheFirstReplyGoesOutAndTheOtherIsToldWhose() throws Exception {
        try (RunCommand.Bot bot = RunCommand.Bot.start(config, Clock.systemUTC(), BotFlowTest.FAST)) {
            FakeBotApi.Posted card = card(bot);
            FakeBotApi.Posted draft = suggestedDraft(card, BORIS, "Boris", 0);

            // Anna's reply to the card and Boris's press on his 💡 draft, back to back
            fake.pushReply(MODS, ANNA, "Анна", OWN, card.messageId());
            String press = fake.pushCallback(MODS, draft.messageId(), BORIS, "Boris", button(draft, "sd:"));

            JsonNode refused = answer(press);
            assertTrue(refused.path("show_alert").asBoolean(), refused.toString());
            assertEquals("Not sent: a reply to this comment was already published by Анна. To answer again, reply to "
                    + "the card with new text.", refused.path("text").asText(), "in the presser's language");
            FakeBotApi.Posted retired = await(() -> fake.message(MODS, draft.messageId())
                    .filter(p -> p.html().contains(SUPERSEDED_LINE + "Анна")).orElse(null));
            assertFalse(hasButtons(retired), retired.replyMarkup() == null ? "" : retired.replyMarkup().toString());
            await(() -> published() == 1 ? 1L : null);
            Thread.sleep(500);
            assertEquals(1, published(), "published once");
            assertEquals(1, occurrences(fake.message(MODS, draft.messageId()).orElseThrow().html(), SUPERSEDED_LINE));
            assertEquals(0, scalar(bot, "SELECT COUNT(*) FROM outbox WHERE correlation LIKE 'done:superseded:%' "
                    + "AND lane <> 0"), "the edit goes in the first lane");
        }
    }

    @Test
    void aHeldDraftCannotBeSentAnywayOnceAnotherReplyWentOut() throws Exception {
        try (RunCommand.Bot bot = RunCommand.Bot.start(config, Clock.systemUTC(), BotFlowTest.FAST)) {
            FakeBotApi.Posted card = card(bot);
            fake.pushReply(MODS, ANNA, "Анна", RUDE, card.messageId());
            FakeBotApi.Posted held = await(() -> fake.sent(MODS).stream().filter(p -> p.html().contains("⛔")
                    && hasButtons(p)).findFirst().orElse(null));
            String sendAnyway = button(held, "sa:");
            // Anna asks to send anyway; before her reason comes, Boris's reply goes out
            fake.pushCallback(MODS, held.messageId(), ANNA, "Анна", sendAnyway);
            await(() -> fake.sent(MODS).stream().filter(p -> p.html().contains("одной строкой")).findFirst().orElse(null));
            fake.pushReply(MODS, BORIS, "Boris", OWN, card.messageId());
            FakeBotApi.Posted retired = await(() -> fake.message(MODS, held.messageId())
                    .filter(p -> p.html().contains(SUPERSEDED_LINE + "Boris")).orElse(null));
            assertFalse(hasButtons(retired), "Send anyway is gone: " + retired.replyMarkup());

            fake.pushMessage(MODS, ANNA, "Анна", "Клиент сам попросил говорить прямо");
            await(() -> fake.sent(MODS).stream().filter(p -> p.html().startsWith("↪️ Не отправлено: под этим "
                    + "комментарием уже опубликован ответ — Boris")).findFirst().orElse(null));
            String stale = fake.pushCallback(MODS, held.messageId(), ANNA, "Анна", sendAnyway);
            assertTrue(answer(stale).path("text").asText().contains("Boris"));
            Thread.sleep(500);
            assertEquals(1, published(), "published once");
            assertEquals(0, scalar(bot, "SELECT COUNT(*) FROM reply WHERE override_reason IS NOT NULL"));
            assertEquals(0, scalar(bot, "SELECT COUNT(*) FROM review_decision WHERE outcome = 'OVERRIDE'"),
                    "no override counted for a draft that was not sent");
        }
    }

    @Test
    void ofTwoSuggestedDraftsOnlyOneIsSentButANewReplyToTheCardStillGoesOut() throws Exception {
        try (RunCommand.Bot bot = RunCommand.Bot.start(config, Clock.systemUTC(), BotFlowTest.FAST)) {
            FakeBotApi.Posted card = card(bot);
            FakeBotApi.Posted annas = suggestedDraft(card, ANNA, "Анна", 0);
            FakeBotApi.Posted boris = suggestedDraft(card, BORIS, "Boris", 0);

            fake.pushCallback(MODS, annas.messageId(), ANNA, "Анна", button(annas, "sd:"));
            await(() -> fake.message(MODS, annas.messageId())
                    .filter(p -> p.html().contains("✅ Опубликовано — Анна")).orElse(null));
            String press = fake.pushCallback(MODS, boris.messageId(), BORIS, "Boris", button(boris, "sd:"));
            assertTrue(answer(press).path("text").asText().startsWith("Not sent"), "refused");
            FakeBotApi.Posted retired = await(() -> fake.message(MODS, boris.messageId())
                    .filter(p -> p.html().contains(SUPERSEDED_LINE + "Анна")).orElse(null));
            assertFalse(hasButtons(retired));
            Thread.sleep(500);
            assertEquals(1, published(), "published once");

            fake.pushReply(MODS, BORIS, "Boris", OWN, card.messageId());
            await(() -> scalar(bot, "SELECT COUNT(*) FROM reply WHERE status = 'PUBLISHED'") == 2 ? 2L : null);
            assertEquals(2, published(), "a deliberate second reply is a new reply to the card");
        }
    }

    /** The card of the customer's question, once the bot has recorded it. */
    private FakeBotApi.Posted card(RunCommand.Bot bot) throws InterruptedException {
        fake.pushMessage(COMMUNITY, CUSTOMER, "Клиент", QUESTION);
        FakeBotApi.Posted card = await(() -> fake.sent(MODS).stream()
                .filter(p -> p.html().contains("Когда привезут") && p.replyMarkup() != null
                        && p.replyMarkup().toString().contains("sg:")).findFirst().orElse(null));
        await(() -> scalar(bot, "SELECT COUNT(*) FROM card WHERE message_id IS NOT NULL") == 1 ? 1 : null);
        return card;
    }

    /** The 💡 draft a moderator gets from the card's suggestion button number {@code index}. */
    private FakeBotApi.Posted suggestedDraft(FakeBotApi.Posted card, long user, String name, int index)
            throws InterruptedException {
        long before = fake.sent(MODS).stream().filter(p -> p.html().startsWith("💡")).count();
        String data = button(card, "sg:");
        String chosen = data.substring(0, data.lastIndexOf(':') + 1) + index;
        fake.pushCallback(MODS, card.messageId(), user, name, chosen);
        return await(() -> {
            var drafts = fake.sent(MODS).stream().filter(p -> p.html().startsWith("💡")).toList();
            return drafts.size() > before ? drafts.get(drafts.size() - 1) : null;
        });
    }

    private long published() {
        return fake.sent(COMMUNITY).stream().filter(FakeBotApi.Posted::fromBot).count();
    }

    private static int occurrences(String s, String what) {
        return s.split(java.util.regex.Pattern.quote(what), -1).length - 1;
    }

    private JsonNode answer(String callbackId) throws InterruptedException {
        return await(() -> fake.requests("answerCallbackQuery").stream()
                .filter(r -> callbackId.equals(r.body().path("callback_query_id").asText()))
                .map(FakeBotApi.Request::body).findFirst().orElse(null));
    }





}
