package dev.replydesk.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.replydesk.telegram.TelegramBotApi;
import java.time.Duration;
import java.util.List;
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
}
