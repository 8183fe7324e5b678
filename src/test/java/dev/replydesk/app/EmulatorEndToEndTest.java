package dev.replydesk.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.replydesk.config.ConfigLoader;
import dev.replydesk.config.ReplydeskConfig;
import dev.replydesk.language.Lang;
import dev.replydesk.language.Texts;
import dev.replydesk.testing.TelegramEmulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole journey through the independent npm Bot API emulator, with the bot as {@code run}
 * builds it (real store, outbox, poller, TelegramBots client): a user comments in a community →
 * a card reaches the moderators' chat → a moderator replies to the card → the reply appears in
 * the community as a reply to the comment; someone who is not a moderator is refused.
 */
class EmulatorEndToEndTest {
    private static final String TOKEN = "123456:E2E-TEST-TOKEN";
    private static final long COMMUNITY = -1001234567890L;
    private static final long MODS = -1009876543210L;
    private static final long MODERATOR = 111111L;
    private static final long CUSTOMER = 555555L;
    private static final long STRANGER = 999999L;
    /** The outbox keeps Telegram's pace (≈1 message/s per chat): allow for it, and for a loaded machine. */
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final Texts texts = new Texts();
    private TelegramEmulator emulator;
    private RunCommand.Bot bot;

    @BeforeEach
    void start(@TempDir Path dir) throws Exception {
        emulator = TelegramEmulator.start();
        Files.createDirectories(dir.resolve("kb"));
        // no managers: the digest (a photo, which the emulator does not implement) is not this journey
        ReplydeskConfig config = ConfigLoader.parse("""
                telegram:
                  token: "%s"
                  api-url: %s
                  poll-timeout: 2s
                communities:
                  - chat-id: %d
                    name: Brand chat
                moderators:
                  chat-id: %d
                  users: [%d]
                  language: en
                managers:
                  users: []
                storage:
                  url: jdbc:h2:file:%s
                knowledge-base:
                  dir: %s
                """.formatted(TOKEN, emulator.apiUrl(), COMMUNITY, MODS, MODERATOR,
                dir.resolve("store").toAbsolutePath(), dir.resolve("kb").toAbsolutePath()), "e2e.yml", Map.of());
        bot = RunCommand.Bot.start(config, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        if (bot != null) {
            bot.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    /**
     * The card for a comment, once the bot has also recorded which message it became. Telegram
     * (and the emulator) shows a message before the bot reads the answer to its sendMessage; a
     * reply or a press in that gap is not matched to the card today (it is taken for chatter), so
     * the test acts at human speed: after the bot's outbox has settled.
     */
    private JsonNode cardFor(String escapedCommentText) {
        JsonNode card = emulator.awaitBotMessage(TOKEN, m -> m.path("chat_id").asLong() == MODS
                && m.path("text").asText().contains(escapedCommentText), WAIT);
        awaitOutboxSettled();
        return card;
    }

    private void awaitOutboxSettled() {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (bot.wiring.outbox.counts().pending() > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the outbox still has " + bot.wiring.outbox.counts() + " after " + WAIT);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private JsonNode publishedReplyTo(long commentId) {
        return emulator.awaitBotMessage(TOKEN, m -> m.path("chat_id").asLong() == COMMUNITY
                && m.path("reply_parameters").path("message_id").asLong() == commentId, WAIT);
    }

    @Test
    void aCommentBecomesACardAndAModeratorsReplyIsPublishedUnderTheComment() {
        // < and & in the comment: the card is HTML, and the emulator refuses HTML Telegram could not parse
        JsonNode comment = emulator.userSendsMessage(TOKEN, COMMUNITY, "supergroup", CUSTOMER, "Ann",
                "Where is my order #123 <urgent> & when will it arrive?");
        long commentId = comment.path("message_id").asLong();

        JsonNode card = cardFor("&lt;urgent&gt; &amp; when will it arrive?");
        String take = texts.get(Lang.EN, "button.take");
        assertTrue(TelegramEmulator.buttons(card).stream().anyMatch(b -> b.path("text").asText().equals(take)),
                "the card offers " + take + ": " + card);

        String answer = "Hello Ann! Your order arrives tomorrow before 18:00, the courier will call an hour ahead.";
        JsonNode reply = emulator.userRepliesTo(TOKEN, MODS, "supergroup", MODERATOR, "Mia",
                card.path("message_id").asLong(), answer);

        JsonNode published = publishedReplyTo(commentId);
        assertEquals(answer, published.path("text").asText());
        String confirmation = texts.get(Lang.EN, "reply.published");
        emulator.awaitBotMessage(TOKEN, m -> m.path("chat_id").asLong() == MODS
                && m.path("text").asText().contains(confirmation), WAIT);
        assertTrue(reply.path("reply_to_message").path("from").path("is_bot").asBoolean());
    }

    @Test
    void someoneWhoIsNotAModeratorIsRefusedAndNothingIsPublished() throws Exception {
        JsonNode comment = emulator.userSendsMessage(TOKEN, COMMUNITY, "supergroup", CUSTOMER, "Ann",
                "Can I pay by card on delivery?");
        long commentId = comment.path("message_id").asLong();
        JsonNode card = cardFor("Can I pay by card on delivery?");

        JsonNode intruder = emulator.userRepliesTo(TOKEN, MODS, "supergroup", STRANGER, "Eve",
                card.path("message_id").asLong(), "No, cash only.");

        String refusal = texts.get(Lang.EN, "refused.not_moderator");
        JsonNode refused = emulator.awaitBotMessage(TOKEN, m -> m.path("chat_id").asLong() == MODS
                && m.path("text").asText().contains(refusal), WAIT);
        assertEquals(intruder.path("message_id").asLong(), refused.path("reply_parameters").path("message_id").asLong());

        Thread.sleep(1500); // the refusal and any publication come from the same handling: give a stray one time
        assertFalse(emulator.botMessages(TOKEN, COMMUNITY).stream()
                        .anyMatch(m -> m.path("reply_parameters").path("message_id").asLong() == commentId),
                "nothing is published for a non-moderator: " + emulator.botMessages(TOKEN, COMMUNITY));

        String take = texts.get(Lang.EN, "button.take");
        String takeData = TelegramEmulator.buttons(card).stream()
                .filter(b -> b.path("text").asText().equals(take)).findFirst().orElseThrow()
                .path("callback_data").asText();
        emulator.userPressesButton(TOKEN, MODS, STRANGER, card.path("message_id").asLong(), takeData);
        JsonNode answer = emulator.awaitCallbackAnswer(TOKEN,
                a -> a.path("from").path("id").asLong() == STRANGER, WAIT);
        assertTrue(answer.path("show_alert").asBoolean(), "a refused press is answered with an alert: " + answer);
        assertEquals(refusal, answer.path("text").asText());
    }

    @Test
    void aModeratorTakingACardSeesItEditedInPlace() {
        emulator.userSendsMessage(TOKEN, COMMUNITY, "supergroup", CUSTOMER, "Ann", "Is the blue one in stock?");
        JsonNode card = cardFor("Is the blue one in stock?");
        String take = texts.get(Lang.EN, "button.take");
        String takeData = TelegramEmulator.buttons(card).stream()
                .filter(b -> b.path("text").asText().equals(take)).findFirst().orElseThrow()
                .path("callback_data").asText();

        emulator.userPressesButton(TOKEN, MODS, MODERATOR, card.path("message_id").asLong(), takeData);

        emulator.awaitCallbackAnswer(TOKEN, a -> a.path("from").path("id").asLong() == MODERATOR, WAIT);
        JsonNode edited = emulator.awaitBotMessage(TOKEN, m -> m.path("message_id").asLong()
                == card.path("message_id").asLong() && m.has("edit_date"), WAIT);
        assertTrue(edited.path("text").asText().contains("Is the blue one in stock?"), edited.toString());
    }
}
