package dev.replydesk.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.replydesk.telegram.TelegramBotApi;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.longpolling.TelegramBotsLongPollingApplication;
import org.telegram.telegrambots.longpolling.util.DefaultGetUpdatesGenerator;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.User;

/** The fake server speaks well enough for the real TelegramBots long-polling client. */
class FakeBotApiTest {
    static final long GROUP = -1001234567890L;

    FakeBotApi fake;

    @BeforeEach
    void start() {
        fake = FakeBotApi.start();
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void theLongPollingClientReceivesPushedUpdatesInOrderAndConfirmsThem() throws Exception {
        List<Update> received = new CopyOnWriteArrayList<>();
        TelegramUrl url = TelegramBotApi.telegramUrl(fake.uri());
        long comment;
        TelegramBotsLongPollingApplication app = new TelegramBotsLongPollingApplication();
        try {
            app.registerBot(fake.token(), () -> url, new DefaultGetUpdatesGenerator(), received::addAll);
            comment = fake.pushMessage(GROUP, 42, "Ann", "where is my <order>?");
            fake.pushEdited(GROUP, comment, 42, "Ann", "where is my order??");
            String callback = fake.pushCallback(GROUP, comment, 7, "Mod", "take:1");
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (received.size() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(3, received.size());
            assertEquals("where is my <order>?", received.get(0).getMessage().getText());
            assertEquals(GROUP, received.get(0).getMessage().getChatId());
            assertEquals(42L, received.get(0).getMessage().getFrom().getId());
            assertEquals("where is my order??", received.get(1).getEditedMessage().getText());
            assertEquals(callback, received.get(2).getCallbackQuery().getId());
            assertEquals("take:1", received.get(2).getCallbackQuery().getData());
            while (fake.unconfirmedUpdates() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(0, fake.unconfirmedUpdates(), "the next getUpdates confirmed them with its offset");
        } finally {
            app.close();
        }
        assertTrue(fake.requests("getUpdates").size() >= 2);
        assertEquals(comment, fake.message(GROUP, comment).orElseThrow().messageId());
    }

    @Test
    void getMeAnswersAsTheBot() throws Exception {
        OkHttpTelegramClient client = new OkHttpTelegramClient(fake.token(), TelegramBotApi.telegramUrl(fake.uri()));
        User me = client.execute(new GetMe());
        assertEquals(FakeBotApi.BOT_ID, me.getId());
        assertTrue(me.getIsBot());
        assertEquals(FakeBotApi.BOT_USERNAME, me.getUserName());
    }

    @Test
    void theHtmlCheckRefusesWhatTelegramRefuses() {
        assertEquals("a < b & c", FakeBotApi.parseText("a &lt; b &amp; c", "HTML"));
        assertEquals("bold link", FakeBotApi.parseText("<b>bold</b> <a href=\"https://x\">link</a>", "HTML"));
        assertThrows(IllegalArgumentException.class, () -> FakeBotApi.parseText("<b>open", "HTML"));
        assertThrows(IllegalArgumentException.class, () -> FakeBotApi.parseText("<b><i>x</b></i>", "HTML"));
        assertThrows(IllegalArgumentException.class, () -> FakeBotApi.parseText("a < b", "HTML"));
        assertThrows(IllegalArgumentException.class, () -> FakeBotApi.parseText("R&D", "HTML"));
        assertThrows(IllegalArgumentException.class, () -> FakeBotApi.parseText("<br>", "HTML"));
    }

    private HttpResponse<String> getUpdates(HttpClient client, int timeoutSeconds) throws Exception {
        return getUpdatesAsync(client, timeoutSeconds).get();
    }

    private CompletableFuture<HttpResponse<String>> getUpdatesAsync(HttpClient client, int timeoutSeconds) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(fake.uri() + "/bot" + fake.token() + "/getUpdates"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"timeout\":" + timeoutSeconds + "}")).build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aGetUpdatesStopsCountingAsOpenOnceAnsweredEvenIfTheServerThreadIsSlowToFinish() throws Exception {
        // the flake of PollTakeoverAfterKillTest: the server counted a getUpdates open until its
        // thread had finished writing the answer; a thread descheduled on a loaded machine let the
        // client, which already had the answer, send its next getUpdates inside that window
        fake.pauseAfterPollAnswer(Duration.ofMillis(500));
        try (HttpClient client = HttpClient.newHttpClient()) {
            for (int i = 0; i < 3; i++) {
                assertEquals(200, getUpdates(client, 0).statusCode());
            }
        }
        assertEquals(1, fake.maxConcurrentPolls(), () -> "one client polling in turn: " + fake.pollOverlaps());
        assertTrue(fake.pollOverlaps().stream().anyMatch(o -> o.startsWith("(not an overlap)")),
                () -> "the window was hit: " + fake.pollOverlaps());
    }

    @Test
    void aWaitingGetUpdatesIsEndedWith409ByANewerOneThatWaitsAsTelegramDoes() throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            CompletableFuture<HttpResponse<String>> first = getUpdatesAsync(client, 5);
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (fake.pollsInFlight() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            CompletableFuture<HttpResponse<String>> second = getUpdatesAsync(client, 1);
            HttpResponse<String> ended = first.get();
            assertEquals(409, ended.statusCode());
            assertTrue(ended.body().contains("terminated by other getUpdates request"), ended.body());
            assertEquals(200, second.get().statusCode());
        }
        assertEquals(2, fake.maxConcurrentPolls());
        assertEquals(1, fake.pollsTerminated().size());
        assertEquals(1, fake.pollOverlaps().size(), () -> String.valueOf(fake.pollOverlaps()));
    }
}
