package dev.replydesk.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.api.methods.reactions.SetMessageReaction;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.api.objects.ReplyParameters;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.reactions.ReactionTypeEmoji;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * Proves the bridge in {@code src/test/emulator/launch.js}: the real TelegramBots client works
 * against the independent npm emulator, and the updates it hands out look like Telegram's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TelegramEmulatorTest {
    private static final long COMMUNITY = -1001234567890L;
    private static final long MODERATORS = -1009876543210L;
    private static final long ANN = 4242L;
    private static final long MODERATOR = 111111L;

    private final ObjectMapper json = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicInteger tokens = new AtomicInteger(1000);
    private TelegramEmulator emulator;

    /** Per test rather than @BeforeAll, so a local run without Node reports each test skipped, with why. */
    @BeforeEach
    void startEmulatorOnce() {
        if (emulator == null) {
            emulator = TelegramEmulator.start();
        }
    }

    @AfterAll
    void stopEmulator() {
        if (emulator != null) {
            emulator.close();
        }
        http.close();
    }

    /** Each test is its own bot: the emulator keeps every token's updates apart. */
    private String newToken() {
        return tokens.incrementAndGet() + ":TEST-token-" + tokens.get();
    }

    private TelegramClient client(String token) {
        OkHttpClient okHttp = new OkHttpClient.Builder().callTimeout(15, TimeUnit.SECONDS).build();
        return new OkHttpTelegramClient(okHttp, token,
                new TelegramUrl("http", emulator.host(), emulator.port(), false));
    }

    private static InlineKeyboardMarkup keyboard(String text, String data) {
        return InlineKeyboardMarkup.builder()
                .keyboardRow(new InlineKeyboardRow(InlineKeyboardButton.builder().text(text).callbackData(data).build()))
                .build();
    }

    private static long nowSeconds() {
        return System.currentTimeMillis() / 1000;
    }

    /** A raw Bot API call, as the bot's own poller makes it. */
    private JsonNode botCall(String token, String method, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(emulator.apiUrl() + "/bot" + token + "/" + method))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        return json.readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
    }

    private Update update(JsonNode node) throws IOException {
        return json.treeToValue(node, Update.class);
    }

    @Test
    void getMeAnswersABotUserWhoseIdIsTheTokensPrefix() throws Exception {
        String token = newToken();
        User me = client(token).execute(new GetMe());
        assertTrue(me.getIsBot());
        assertEquals(Long.parseLong(token.substring(0, token.indexOf(':'))), me.getId());
        assertNotNull(me.getUserName());
    }

    @Test
    void aReplyWithAKeyboardIsAcceptedAsARealMessageAndShowsUpForTheClient() throws Exception {
        String token = newToken();
        JsonNode comment = emulator.userSendsMessage(token, COMMUNITY, "supergroup", ANN, "Ann", "Where is my order?");
        long commentId = comment.path("message_id").asLong();

        Message sent = client(token).execute(SendMessage.builder()
                .chatId(COMMUNITY)
                .text("<b>Hello</b>, &lt;Ann&gt;: it ships today")
                .parseMode("HTML")
                .replyParameters(ReplyParameters.builder().messageId((int) commentId).build())
                .replyMarkup(keyboard("Take", "take:1"))
                .build());

        assertTrue(Math.abs(sent.getDate() - nowSeconds()) < 60, "date in seconds: " + sent.getDate());
        assertEquals(COMMUNITY, sent.getChatId());
        assertTrue(sent.getChat().isSuperGroupChat());
        assertTrue(sent.getFrom().getIsBot());
        assertEquals("Hello, <Ann>: it ships today", sent.getText());
        assertEquals(commentId, sent.getReplyToMessage().getMessageId().longValue());
        assertEquals("take:1", sent.getReplyMarkup().getKeyboard().getFirst().getFirst().getCallbackData());

        JsonNode seen = emulator.awaitBotMessage(token,
                m -> m.path("message_id").asLong() == sent.getMessageId(), Duration.ofSeconds(5));
        assertEquals(COMMUNITY, seen.path("chat_id").asLong());
        assertEquals("<b>Hello</b>, &lt;Ann&gt;: it ships today", seen.path("text").asText());
        assertEquals(commentId, seen.path("reply_parameters").path("message_id").asLong());
        assertEquals("take:1", TelegramEmulator.buttons(seen).getFirst().path("callback_data").asText());
        assertEquals(List.of(seen), emulator.botMessages(token, COMMUNITY));
        assertEquals(List.of(), emulator.botMessages(token, MODERATORS));
    }

    @Test
    void replyingToAMessageThatIsNotThereIsRefusedAsTelegramDoes() {
        String token = newToken();
        TelegramApiRequestException refused = assertThrows(TelegramApiRequestException.class,
                () -> client(token).execute(SendMessage.builder().chatId(COMMUNITY).text("hi")
                        .replyParameters(ReplyParameters.builder().messageId(987654).build()).build()));
        assertEquals(400, refused.getErrorCode());
        assertTrue(refused.getApiResponse().contains("message to be replied not found"), refused.getApiResponse());
    }

    @Test
    void editMessageTextReturnsTheEditedMessageAndKeepsOnlyTheKeyboardItIsGiven() throws Exception {
        String token = newToken();
        TelegramClient bot = client(token);
        Message card = bot.execute(SendMessage.builder().chatId(MODERATORS).text("Card: new")
                .replyMarkup(keyboard("Take", "take:7")).build());

        Object edited = bot.execute(EditMessageText.builder().chatId(MODERATORS).messageId(card.getMessageId())
                .text("Card: taken by Bob").replyMarkup(keyboard("Release", "release:7")).build());
        Message message = assertInstanceOf(Message.class, edited);
        assertEquals("Card: taken by Bob", message.getText());
        assertNotNull(message.getEditDate());
        assertEquals("release:7", message.getReplyMarkup().getKeyboard().getFirst().getFirst().getCallbackData());

        TelegramApiRequestException same = assertThrows(TelegramApiRequestException.class,
                () -> bot.execute(EditMessageText.builder().chatId(MODERATORS).messageId(card.getMessageId())
                        .text("Card: taken by Bob").replyMarkup(keyboard("Release", "release:7")).build()));
        assertTrue(same.getApiResponse().contains("message is not modified"), same.getApiResponse());

        bot.execute(EditMessageText.builder().chatId(MODERATORS).messageId(card.getMessageId())
                .text("Card: answered").build());
        JsonNode now = emulator.awaitBotMessage(token, m -> m.path("message_id").asLong() == card.getMessageId(),
                Duration.ofSeconds(5));
        assertEquals("Card: answered", now.path("text").asText());
        assertTrue(TelegramEmulator.buttons(now).isEmpty(), "an edit without reply_markup removes the keyboard");
    }

    @Test
    void answerCallbackQueryReturnsTrueAndTheClientSeesTheAnswer() throws Exception {
        String token = newToken();
        TelegramClient bot = client(token);
        Message card = bot.execute(SendMessage.builder().chatId(MODERATORS).text("Card")
                .replyMarkup(keyboard("Take", "take:9")).build());
        JsonNode press = emulator.userPressesButton(token, MODERATORS, MODERATOR, card.getMessageId(), "take:9");

        Boolean answered = bot.execute(AnswerCallbackQuery.builder()
                .callbackQueryId(press.path("id").asText()).text("Taken by someone else").build());

        assertTrue(answered);
        JsonNode answer = emulator.awaitCallbackAnswer(token, a -> true, Duration.ofSeconds(5));
        assertEquals("Taken by someone else", answer.path("text").asText());
        assertEquals("take:9", answer.path("data").asText());
        assertEquals(MODERATOR, answer.path("from").path("id").asLong());
    }

    @Test
    void anEmptyLongPollWaitsForItsTimeoutAndAPendingUpdateAnswersAtOnce() throws Exception {
        String token = newToken();
        long started = System.nanoTime();
        JsonNode empty = botCall(token, "getUpdates", "{\"timeout\":2,\"limit\":100}");
        long waitedMs = (System.nanoTime() - started) / 1_000_000;
        assertTrue(empty.path("ok").asBoolean());
        assertEquals(0, empty.path("result").size());
        assertTrue(waitedMs >= 1800 && waitedMs < 3500, "an empty poll with timeout 2 took " + waitedMs + " ms");

        JsonNode sent = emulator.userSendsMessage(token, COMMUNITY, "supergroup", ANN, "Ann", "Is it in stock?");
        started = System.nanoTime();
        JsonNode full = botCall(token, "getupdates", "{\"timeout\":2}");
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        assertTrue(tookMs < 1000, "a poll with an update waiting took " + tookMs + " ms");
        assertEquals(1, full.path("result").size());

        JsonNode message = full.path("result").get(0).path("message");
        assertEquals("supergroup", message.path("chat").path("type").asText());
        assertEquals(COMMUNITY, message.path("chat").path("id").asLong());
        assertFalse(message.path("from").path("is_bot").asBoolean(true));
        assertEquals(sent.path("message_id").asLong(), message.path("message_id").asLong());
        assertTrue(Math.abs(message.path("date").asLong() - nowSeconds()) < 60, "date in seconds: " + message);
        assertFalse(message.has("botToken"), "no emulator-internal fields: " + message);

        Update parsed = update(full.path("result").get(0));
        assertTrue(parsed.getMessage().getChat().isSuperGroupChat());
        assertEquals(ANN, parsed.getMessage().getFrom().getId());
        assertEquals("Is it in stock?", parsed.getMessage().getText());
    }

    @Test
    void aWaitingLongPollAnswersSoonAfterAMessageArrives() throws Exception {
        String token = newToken();
        long started = System.nanoTime();
        CompletableFuture<JsonNode> poll = CompletableFuture.supplyAsync(() -> {
            try {
                return botCall(token, "getUpdates", "{\"timeout\":10}");
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(400);
        emulator.userSendsMessage(token, COMMUNITY, "supergroup", ANN, "Ann", "hello?");
        JsonNode answer = poll.get(5, TimeUnit.SECONDS);
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        assertEquals(1, answer.path("result").size());
        assertTrue(tookMs < 2000, "the poll answered after " + tookMs + " ms");
    }

    @Test
    void updatesStayDeliverableUntilAnOffsetConfirmsThem() throws Exception {
        String token = newToken();
        emulator.userSendsMessage(token, COMMUNITY, "supergroup", ANN, "Ann", "first");
        JsonNode once = botCall(token, "getUpdates", "{\"timeout\":0}").path("result");
        JsonNode again = botCall(token, "getUpdates", "{\"timeout\":0}").path("result");
        assertEquals(1, once.size());
        assertEquals(once, again, "an update not confirmed by an offset is delivered again");

        long next = once.get(0).path("update_id").asLong() + 1;
        JsonNode after = botCall(token, "getUpdates", "{\"timeout\":0,\"offset\":" + next + "}").path("result");
        assertEquals(0, after.size());
    }

    @Test
    void aSecondPollForTheSameBotEndsTheFirstWithAConflictAsTelegramDoes() throws Exception {
        String token = newToken();
        CompletableFuture<JsonNode> first = CompletableFuture.supplyAsync(() -> {
            try {
                return botCall(token, "getUpdates", "{\"timeout\":10}");
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(400);
        JsonNode second = botCall(token, "getUpdates", "{\"timeout\":0}");
        JsonNode ended = first.get(5, TimeUnit.SECONDS);
        assertTrue(second.path("ok").asBoolean());
        assertEquals(409, ended.path("error_code").asInt(), ended.toString());
    }

    @Test
    void aButtonPressArrivesAsACallbackQueryWithItsDataAndTheBotMessage() throws Exception {
        String token = newToken();
        Message card = client(token).execute(SendMessage.builder().chatId(MODERATORS).text("Card")
                .replyMarkup(keyboard("Take", "take:3")).build());
        emulator.userPressesButton(token, MODERATORS, MODERATOR, card.getMessageId(), "take:3");

        JsonNode result = botCall(token, "getUpdates", "{\"timeout\":2}").path("result");
        assertEquals(1, result.size());
        JsonNode query = result.get(0).path("callback_query");
        assertEquals("take:3", query.path("data").asText());
        assertEquals(card.getMessageId().longValue(), query.path("message").path("message_id").asLong());

        Update parsed = update(result.get(0));
        assertEquals("take:3", parsed.getCallbackQuery().getData());
        assertEquals(MODERATOR, parsed.getCallbackQuery().getFrom().getId());
        assertEquals(MODERATORS, parsed.getCallbackQuery().getMessage().getChatId());
        assertEquals(card.getMessageId(), parsed.getCallbackQuery().getMessage().getMessageId());
        assertNotNull(parsed.getCallbackQuery().getChatInstance());
    }

    @Test
    void aButtonTheMessageDoesNotShowCannotBePressed() throws Exception {
        String token = newToken();
        Message card = client(token).execute(SendMessage.builder().chatId(MODERATORS).text("Card")
                .replyMarkup(keyboard("Take", "take:3")).build());
        assertThrows(AssertionError.class,
                () -> emulator.userPressesButton(token, MODERATORS, MODERATOR, card.getMessageId(), "take:4"));
    }

    @Test
    void aReplyToABotMessageCarriesTheRepliedMessageFromTheBot() throws Exception {
        String token = newToken();
        Message card = client(token).execute(SendMessage.builder().chatId(MODERATORS).text("Card").build());
        emulator.userRepliesTo(token, MODERATORS, "supergroup", MODERATOR, "Mod", card.getMessageId(),
                "It ships today");

        Update parsed = update(botCall(token, "getUpdates", "{\"timeout\":2}").path("result").get(0));
        Message reply = parsed.getMessage();
        assertEquals("It ships today", reply.getText());
        assertEquals(card.getMessageId(), reply.getReplyToMessage().getMessageId());
        assertTrue(reply.getReplyToMessage().getFrom().getIsBot());
        assertEquals("Card", reply.getReplyToMessage().getText());
    }

    @Test
    void aUserEditArrivesAsAnEditedMessage() throws Exception {
        String token = newToken();
        JsonNode sent = emulator.userSendsMessage(token, COMMUNITY, "supergroup", ANN, "Ann", "typo");
        long first = botCall(token, "getUpdates", "{\"timeout\":0}").path("result").get(0).path("update_id").asLong();
        emulator.userEditsMessage(token, COMMUNITY, sent.path("message_id").asLong(), "fixed");

        JsonNode result = botCall(token, "getUpdates", "{\"timeout\":2,\"offset\":" + (first + 1) + "}")
                .path("result");
        assertEquals(1, result.size());
        Update edit = update(result.get(0));
        assertTrue(edit.hasEditedMessage());
        assertEquals("fixed", edit.getEditedMessage().getText());
        assertEquals(sent.path("message_id").asInt(), edit.getEditedMessage().getMessageId());
        assertNotNull(edit.getEditedMessage().getEditDate());
    }

    @Test
    void methodsTheEmulatorLacksAnswerABotApiErrorNotAServerFailure() throws Exception {
        String token = newToken();
        Message card = client(token).execute(SendMessage.builder().chatId(MODERATORS).text("Card").build());
        TelegramApiRequestException refused = assertThrows(TelegramApiRequestException.class,
                () -> client(token).execute(SetMessageReaction.builder().chatId(MODERATORS)
                        .messageId(card.getMessageId())
                        .reactionTypes(List.of(new ReactionTypeEmoji("👀"))).build()));
        assertEquals(400, refused.getErrorCode());
        assertTrue(refused.getApiResponse().contains("not supported by the emulator"), refused.getApiResponse());
    }

    @Test
    void htmlTelegramCannotParseIsRefused() {
        String token = newToken();
        TelegramApiRequestException refused = assertThrows(TelegramApiRequestException.class,
                () -> client(token).execute(SendMessage.builder().chatId(MODERATORS)
                        .text("Ann wrote: 2 < 3 <script>").parseMode("HTML").build()));
        assertEquals(400, refused.getErrorCode());
        assertTrue(refused.getApiResponse().contains("can't parse entities"), refused.getApiResponse());
    }
}
