package dev.replydesk.telegram;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.replydesk.outbox.AnswerResult;
import dev.replydesk.outbox.Button;
import dev.replydesk.outbox.Keyboard;
import dev.replydesk.outbox.MessageRef;
import dev.replydesk.outbox.Outgoing;
import dev.replydesk.outbox.SendResult;
import dev.replydesk.testing.FakeBotApi;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.TelegramUrl;

class TelegramBotApiTest {
    static final long GROUP = -1001234567890L;
    /** The TelegramBots method class, a call, or the Bot API method name as a string. */
    static final Pattern DELETES = Pattern.compile(
            "\\bDeleteMessages?\\b|deleteMessages?\\s*\\(|(?i)\"deletemessages?\"");

    FakeBotApi fake;
    TelegramBotApi api;

    @BeforeEach
    void start() {
        fake = FakeBotApi.start();
        api = new TelegramBotApi(fake.token(), fake.uri(), Duration.ofSeconds(2));
    }

    @AfterEach
    void stop() {
        api.close();
        fake.close();
    }

    @Test
    void sendMessageCarriesHtmlReplyThreadAndButtons() {
        long comment = fake.pushMessage(GROUP, 42, "Ann", "where is my order?");
        Keyboard keyboard = new Keyboard(List.of(List.of(new Button("Take", "t:1"), new Button("Skip", "s:1"))));
        SendResult r = api.execute(new Outgoing.Send(GROUP, 7, "<b>Hi</b> &amp; welcome", comment, keyboard), null);

        SendResult.Sent sent = assertInstanceOf(SendResult.Sent.class, r);
        JsonNode body = fake.requests("sendMessage").get(0).body();
        assertEquals("HTML", body.get("parse_mode").asText());
        assertEquals("<b>Hi</b> &amp; welcome", body.get("text").asText());
        assertEquals(7, body.get("message_thread_id").asInt());
        assertEquals(comment, body.get("reply_parameters").get("message_id").asLong());
        assertFalse(body.get("reply_parameters").get("allow_sending_without_reply").asBoolean());
        assertEquals("s:1", body.get("reply_markup").get("inline_keyboard").get(0).get(1).get("callback_data").asText());
        FakeBotApi.Posted posted = fake.message(GROUP, sent.messageId()).orElseThrow();
        assertEquals("Hi & welcome", posted.text());
    }

    @Test
    void aMessageWithoutButtonsSendsNoMarkup() {
        api.execute(new Outgoing.Send(GROUP, null, "plain", null, Keyboard.NONE), null);
        JsonNode body = fake.requests("sendMessage").get(0).body();
        assertFalse(body.has("reply_markup") && !body.get("reply_markup").isNull());
        assertFalse(body.has("reply_parameters") && !body.get("reply_parameters").isNull());
    }

    @Test
    void editChangesTheCardInPlaceAndNotModifiedCountsAsDone() {
        Keyboard keyboard = Keyboard.row(new Button("Take", "t:1"));
        long id = ((SendResult.Sent) api.execute(new Outgoing.Send(GROUP, null, "card v1", null, keyboard), null))
                .messageId();
        Outgoing.Edit edit = new Outgoing.Edit(GROUP, MessageRef.message(id), "card <i>v2</i>", keyboard);

        assertEquals(new SendResult.Sent(id), api.execute(edit, id));
        assertEquals(new SendResult.Sent(id), api.execute(edit, id));

        assertEquals(List.of("ok", "error 400"), fake.requests("editMessageText").stream()
                .map(FakeBotApi.Request::outcome).toList());
        FakeBotApi.Posted card = fake.message(GROUP, id).orElseThrow();
        assertEquals("card v2", card.text());
        assertEquals(1, card.edits());
        assertEquals("t:1", card.replyMarkup().get("inline_keyboard").get(0).get(0).get("callback_data").asText());
    }

    @Test
    void editWithoutKeyboardRemovesTheButtons() {
        long id = ((SendResult.Sent) api.execute(new Outgoing.Send(GROUP, null, "card", null,
                Keyboard.row(new Button("Take", "t:1"))), null)).messageId();
        api.execute(new Outgoing.Edit(GROUP, MessageRef.message(id), "closed", Keyboard.NONE), id);
        assertEquals(null, fake.message(GROUP, id).orElseThrow().replyMarkup());
    }

    @Test
    void documentsAndPhotosAreUploadedAsMultipart() {
        byte[] csv = "id,text\n1,hello\n".getBytes();
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, 3};
        SendResult doc1 = api.execute(new Outgoing.Document(GROUP, "export.csv", csv, "Export <b>today</b>"), null);
        assertInstanceOf(SendResult.Sent.class, doc1, doc1::toString);
        assertInstanceOf(SendResult.Sent.class, api.execute(new Outgoing.Photo(GROUP, "chart.png", png, null), null));

        FakeBotApi.Request doc = fake.requests("sendDocument").get(0);
        assertEquals(GROUP, doc.chatId());
        assertEquals("export.csv", doc.files().get("document").fileName());
        assertArrayEquals(csv, doc.files().get("document").bytes());
        assertEquals("HTML", doc.body().get("parse_mode").asText());
        assertArrayEquals(png, fake.requests("sendPhoto").get(0).files().get("photo").bytes());
        assertEquals("Export today", fake.sent(GROUP).get(0).text());
    }

    @Test
    void answerCallbackIsDirectAndCutToTwoHundredCharacters() {
        assertEquals(new AnswerResult.Answered(), api.answerCallback("cb1", "x".repeat(300), true));
        JsonNode body = fake.requests("answerCallbackQuery").get(0).body();
        assertEquals(200, body.get("text").asText().length());
        assertTrue(body.get("show_alert").asBoolean());
    }

    @Test
    void tooManyRequestsBecomesRetryAfterTheExactSeconds() {
        fake.failNext(1, 429, 17);
        assertEquals(new SendResult.RetryAfter(Duration.ofSeconds(17)),
                api.execute(new Outgoing.Send(GROUP, "hi"), null));
    }

    @Test
    void serverErrorsAreUnavailableAndBadRequestsRejected() {
        fake.failNext(1, 502);
        assertInstanceOf(SendResult.Unavailable.class, api.execute(new Outgoing.Send(GROUP, "hi"), null));
        SendResult r = api.execute(new Outgoing.Send(GROUP, null, "hi", 999L, null), null);
        assertEquals(new SendResult.Rejected("400 Bad Request: message to be replied not found"), r);
        r = api.execute(new Outgoing.Send(GROUP, "<b>unclosed"), null);
        assertTrue(((SendResult.Rejected) r).reason().contains("can't parse entities"), r.toString());
    }

    @Test
    void hangsDropsAndADownServerAreUnavailableWithinTheDeadline() {
        fake.hangNext(1, Duration.ofSeconds(6));
        long t0 = System.nanoTime();
        assertInstanceOf(SendResult.Unavailable.class, api.execute(new Outgoing.Send(GROUP, "a"), null));
        assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(4).toNanos(), "the deadline held");

        fake.dropNext(1);
        assertInstanceOf(SendResult.Unavailable.class, api.execute(new Outgoing.Send(GROUP, "b"), null));

        fake.down();
        assertInstanceOf(SendResult.Unavailable.class, api.execute(new Outgoing.Send(GROUP, "c"), null));
        fake.up();
        assertInstanceOf(SendResult.Sent.class, api.execute(new Outgoing.Send(GROUP, "d"), null));
        assertEquals(List.of("d"), fake.sent(GROUP).stream().map(FakeBotApi.Posted::text).toList());
    }

    @Test
    void theTokenNeverAppearsInAReason() {
        TelegramBotApi nowhere = new TelegramBotApi(fake.token(), URI.create("http://127.0.0.1:1"), Duration.ofMillis(500));
        try {
            SendResult.Unavailable r = assertInstanceOf(SendResult.Unavailable.class,
                    nowhere.execute(new Outgoing.Send(GROUP, "hi"), null));
            assertFalse(r.reason().contains(fake.token()), r.reason());
            assertTrue(r.reason().startsWith("cannot reach the Bot API server"), r.reason());
            AnswerResult.Failed f = assertInstanceOf(AnswerResult.Failed.class, nowhere.answerCallback("x", "y", false));
            assertFalse(f.reason().contains(fake.token()), f.reason());
        } finally {
            nowhere.close();
        }
        TelegramBotApi wrongToken = new TelegramBotApi("999999:WrongTokenWrongTokenWrongToken", fake.uri(),
                Duration.ofMillis(500));
        try {
            SendResult r = wrongToken.execute(new Outgoing.Send(GROUP, "hi"), null);
            assertEquals(new SendResult.Unavailable("401 Unauthorized"), r);
        } finally {
            wrongToken.close();
        }
    }

    @Test
    void redactRemovesTheTokenAndAnythingShapedLikeOne() {
        String token = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
        assertEquals("GET https://api.telegram.org/bot<token>/sendMessage failed",
                TelegramBotApi.redact("GET https://api.telegram.org/bot" + token + "/sendMessage failed", token));
        assertEquals("other bot<token>", TelegramBotApi.redact("other bot987654321:ZZHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw",
                token));
    }

    @Test
    void apiUrlBecomesSchemeHostAndPort() {
        TelegramUrl url = TelegramBotApi.telegramUrl(URI.create("https://api.telegram.org"));
        assertEquals("https", url.getSchema());
        assertEquals("api.telegram.org", url.getHost());
        assertEquals(443, url.getPort());
        assertEquals(8081, TelegramBotApi.telegramUrl(URI.create("http://localhost:8081/")).getPort());
        assertThrows(IllegalArgumentException.class, () -> TelegramBotApi.telegramUrl(URI.create("ftp://x")));
        assertThrows(IllegalArgumentException.class, () -> TelegramBotApi.telegramUrl(URI.create("https://x/proxy")));
    }

    @Test
    void noCodeEverDeletesAMessage() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            List<Path> offenders = files.filter(p -> p.toString().endsWith(".java")).filter(p -> {
                try {
                    String s = Files.readString(p);
                    return DELETES.matcher(s).find();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
            assertEquals(List.of(), offenders);
        }
    }
}
