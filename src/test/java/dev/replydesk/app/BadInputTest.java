package dev.replydesk.app;

import static dev.replydesk.app.LiveBot.COMMUNITY;
import static dev.replydesk.app.LiveBot.MODS;
import static dev.replydesk.app.LiveBot.MOD_A;
import static dev.replydesk.app.LiveBot.STRANGER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.replydesk.testing.FakeBotApi;
import dev.replydesk.testing.LogCapture;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed, unexpected and hostile updates, pushed as raw JSON into the fake server's getUpdates
 * and read by the real poller: each is told clearly in the log, loses nothing (an unreadable one
 * is kept in processed_update with its raw JSON), never stops the bot, and every card stays valid
 * Telegram HTML within 4096 characters (the fake server refuses anything else, as Telegram does).
 */
class BadInputTest {
    static final Duration WAIT = Duration.ofSeconds(30);
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    FakeBotApi fake;
    LiveBot bot;
    LogCapture logs;

    @BeforeEach
    void start() throws Exception {
        logs = LogCapture.capture();
        fake = FakeBotApi.start();
        bot = new LiveBot(fake, dir).start();
    }

    @AfterEach
    void stop() {
        bot.close();
        fake.close();
        logs.close();
    }

    /** What became of an update: its outcome and the raw JSON kept with it, once it was handled. */
    record Processed(String outcome, String raw) {
    }

    private Processed processed(long updateId) {
        LiveBot.await("update " + updateId + " handled", WAIT,
                () -> bot.scalar("SELECT COUNT(*) FROM processed_update WHERE update_id = " + updateId) == 1);
        return bot.db().withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT outcome, raw FROM processed_update WHERE update_id = ?")) {
                ps.setLong(1, updateId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new Processed(rs.getString(1), rs.getString(2));
                }
            }
        });
    }

    /** The bot still works: a plain comment after the bad input gets its card. */
    private void stillWorks() {
        long message = fake.pushMessage(COMMUNITY, 700_001, "Ann", "is the shop open on Sunday?");
        LiveBot.await("a card for a plain comment afterwards", WAIT, () -> cardOf(message) != null);
    }

    /** The card delivered for the comment with this community message id, or null. */
    private FakeBotApi.Request cardOf(long communityMessageId) {
        long id = bot.scalar("SELECT COALESCE(MAX(id), 0) FROM comment WHERE chat_id = " + COMMUNITY
                + " AND message_id = " + communityMessageId);
        return fake.requests("sendMessage").stream()
                .filter(r -> r.ok() && r.chatId() == MODS && Long.valueOf(id).equals(LiveBot.takeId(r.body())))
                .findFirst().orElse(null);
    }

    private FakeBotApi.Request awaitCard(long communityMessageId) {
        LiveBot.await("the card of message " + communityMessageId, WAIT, () -> cardOf(communityMessageId) != null);
        // the fake server accepted it: its HTML parsed, and its text is within 4096 characters
        return cardOf(communityMessageId);
    }

    /** The text Telegram shows for a card (the fake server keeps it as parsed). */
    private String shown(FakeBotApi.Request card) {
        long messageId = fake.sent(MODS).stream().filter(p -> p.html().equals(card.text())).findFirst()
                .orElseThrow().messageId();
        String text = fake.message(MODS, messageId).orElseThrow().text();
        assertTrue(text.length() <= 4096, "the card's text is " + text.length() + " characters");
        return text;
    }

    private String storedText(long communityMessageId) {
        return bot.db().withConnection(c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT text FROM comment WHERE chat_id = "
                    + COMMUNITY + " AND message_id = " + communityMessageId)) {
                return rs.next() ? rs.getString(1) : null;
            }
        });
    }

    // ---- unknown and malformed updates -----------------------------------------------------------

    @Test
    void anUpdateOfAnUnknownKindIsKeptWithItsJsonAndIgnored() {
        int id = fake.pushUpdate("{\"some_future_update\": {\"id\": 7, \"what\": \"a kind Telegram adds next year\"}}");
        Processed p = processed(id);
        assertTrue(p.outcome().startsWith("ignored"), p.outcome());
        assertNotNull(p.raw(), "an update the bot does not understand is kept as it came");
        assertTrue(p.raw().contains("a kind Telegram adds next year"), p.raw());
        stillWorks();
    }

    @Test
    void aMessageWithoutAChatIsRecordedWithItsRawJsonAndSkipped() {
        int id = fake.pushUpdate("{\"message\": {\"message_id\": 5, \"date\": 1, \"text\": \"where is the chat?\"}}");
        Processed p = processed(id);
        assertEquals("unreadable: message without chat or id", p.outcome());
        assertTrue(p.raw().contains("where is the chat?"), p.raw());
        stillWorks();
    }

    @Test
    void fieldsOfTheWrongTypeAreRecordedUnreadableWithTheReasonInTheLog() {
        int id = fake.pushUpdate("{\"message\": {\"message_id\": \"not a number\", \"chat\": {\"id\": " + COMMUNITY
                + ", \"type\": \"supergroup\"}, \"date\": 1, \"text\": \"typed wrong\"}}");
        Processed p = processed(id);
        assertTrue(p.outcome().startsWith("unreadable: "), p.outcome());
        assertTrue(p.raw().contains("typed wrong"));
        String line = logs.await("update " + id + " is malformed and was recorded, not handled", WAIT);
        assertTrue(line.startsWith("ERROR"), line);
        stillWorks();
    }

    @Test
    void aCommentWithoutAuthorOrDateIsStillStoredAndCarded() {
        int id = fake.pushUpdate("{\"message\": {\"message_id\": 77, \"chat\": {\"id\": " + COMMUNITY
                + ", \"type\": \"supergroup\"}, \"text\": \"nobody wrote this\"}}");
        assertTrue(processed(id).outcome().contains("stored"), processed(id).outcome());
        assertEquals("nobody wrote this", storedText(77));
        assertTrue(shown(awaitCard(77)).contains("nobody wrote this"));
    }

    @Test
    void anUpdateThatCannotBeParsedDoesNotStallTheOthersAndIsKept() {
        long before = fake.pushMessage(COMMUNITY, 556, "Before", "the comment before");
        ObjectNode message = fake.newMessage(COMMUNITY, 555, "Huge", "a number longer than any parser takes");
        message.put("message_id", new java.math.BigInteger("9".repeat(1_500)));
        ObjectNode u = JSON.createObjectNode();
        u.set("message", message);
        int id = fake.pushUpdate(u);
        long after = fake.pushMessage(COMMUNITY, 557, "After", "the comment after");
        Processed p = processed(id);
        assertTrue(p.outcome().startsWith("unreadable: not JSON"), p.outcome());
        assertTrue(p.raw().contains("a number longer than any parser takes"), "the raw update is kept");
        awaitCard(before);
        awaitCard(after);
        logs.await("fetching those updates one at a time", WAIT);
        logs.await("update " + id + " is not valid JSON and was recorded", WAIT);
        stillWorks();
    }

    @Test
    void aBadUpdateInTheMiddleOfABatchLeavesTheOthersHandledOnce() {
        long first = fake.pushMessage(COMMUNITY, 501, "A", "first of three");
        int bad = fake.pushUpdate("{\"message\": {\"message_id\": {\"oops\": 1}, \"chat\": 5}}");
        long third = fake.pushMessage(COMMUNITY, 503, "C", "third of three");
        awaitCard(first);
        awaitCard(third);
        assertTrue(processed(bad).outcome().startsWith("unreadable"));
        assertEquals(2, bot.comments());
        assertEquals(3, bot.scalar("SELECT COUNT(*) FROM processed_update"));
    }

    // ---- texts and names -------------------------------------------------------------------------

    @Test
    void aHundredKilobyteCommentIsStoredWholeAndItsCardIsCutWithANote() {
        String text = "Very long complaint about the order. ".repeat(2_800); // ~100 KB
        long m = fake.pushMessage(COMMUNITY, 601, "Long", text);
        String shown = shown(awaitCard(m));
        assertEquals(text, storedText(m), "the first text is stored as it came");
        assertTrue(shown.contains("(cut, " + text.codePointCount(0, text.length()) + " characters in all)"), shown);
    }

    @Test
    void aHundredKilobytesOfEmojiStillMakeOneCardWithinTelegramsLimit() {
        // every one a surrogate pair: Telegram counts UTF-16 units, so 2,000 of them fill 4,000 of its 4,096
        String text = "😡🔥".repeat(25_000) + " 👍🏽👨‍👩‍👧";
        long m = fake.pushMessage(COMMUNITY, 602, "Emoji", text);
        FakeBotApi.Request card = awaitCard(m);
        shown(card);
        assertEquals(text, storedText(m));
        assertEquals(1, bot.cardsSent().values().stream().mapToInt(Integer::intValue).sum(), "one card, not split");
    }

    @Test
    void aCardWithEverythingAtItsLongestStillFitsOneMessage() {
        ObjectNode msg = fake.newMessage(COMMUNITY, 6021, "Ж".repeat(64),
                "Когда привезут мой заказ? Сколько ждать курьера? Где доставка? " + "😡".repeat(5_000));
        msg.with("from").put("last_name", "Щ".repeat(64)).put("username", "u".repeat(32));
        long m = fake.pushMessage(msg);
        shown(awaitCard(m));
        // an edit puts the text before it on the card as well
        fake.pushEdited(COMMUNITY, m, 6021, "Ж".repeat(64), "Где мой заказ?! " + "🔥".repeat(5_000));
        LiveBot.await("the card edited", WAIT, () -> fake.requests("editMessageText").size() >= 1);
        LiveBot.await("the outbox done", WAIT, () -> bot.wiring().outbox.counts().pending() == 0);
        for (FakeBotApi.Request edit : fake.requests("editMessageText")) {
            assertTrue(edit.ok(), "the edited card is accepted: " + edit.outcome());
        }
        assertEquals(0, bot.wiring().outbox.counts().failed(), "nothing given up");
        assertEquals(1, bot.cardsSent().values().stream().mapToInt(Integer::intValue).sum(), "one card, not split");
    }

    @Test
    void rightToLeftZeroWidthAndCombiningCharactersRoundTripExactly() {
        String text = "مرحبا، أين طلبي؟ שלום\u200F order\u200B#42\u200D\uFEFF e\u0301\u202Eevil\u202C ok?";
        long m = fake.pushMessage(COMMUNITY, 603, "\u202Enimda\u202C", text);
        String shown = shown(awaitCard(m));
        assertEquals(text, storedText(m), "stored exactly as sent");
        assertTrue(shown.contains("مرحبا، أين طلبي؟"), shown);
        assertTrue(shown.contains("order\u200B#42"), shown);
    }

    @Test
    void htmlAndMarkdownInNamesAndTextsAreShownLiterallyNeverInterpreted() {
        ObjectNode msg = fake.newMessage(COMMUNITY, 604, "<b>Boss</b> & <a href=\"https://evil.example\">", 
                "</blockquote><a href=\"tg://user?id=1\">click</a> <script>x</script> *bold* _it_ "
                        + "[link](https://evil.example) `code` &amp; &lt;");
        msg.with("from").put("last_name", "</i></b>").put("username", "<u>admin</u>");
        long m = fake.pushMessage(msg);
        FakeBotApi.Request card = awaitCard(m);
        String shown = shown(card);
        assertTrue(shown.contains("<b>Boss</b> & <a href=\"https://evil.example\">"), shown);
        assertTrue(shown.contains("</blockquote><a href=\"tg://user?id=1\">click</a> <script>x</script>"), shown);
        assertTrue(shown.contains("[link](https://evil.example) `code` &amp; &lt;"), shown);
        assertFalse(card.text().contains("<script>"), "no tag of the text reaches the HTML unescaped");
        assertFalse(card.text().contains("href=\"https://evil.example\""));
        assertTrue(card.text().contains("&lt;u&gt;admin&lt;/u&gt;"), card.text());
    }

    @Test
    void aForgedNameLongerThanTheStoreTakesIsCutNotStalled() {
        String name = "N".repeat(5_000);
        long m = fake.pushMessage(COMMUNITY, 605, name, "a comment from a name no client allows");
        awaitCard(m);
        assertEquals(512, bot.scalar("SELECT LENGTH(author_name) FROM comment WHERE message_id = " + m));
        stillWorks();
    }

    @Test
    void nulAndBrokenSurrogatesAreReplacedNotStalled() {
        // JSON escapes for characters no store keeps (PostgreSQL refuses NUL; a lone surrogate is not text)
        int id = fake.pushUpdate("{\"message\": {\"message_id\": 606, \"from\": {\"id\": 1, \"is_bot\": false, "
                + "\"first_name\": \"Nul\"}, \"chat\": {\"id\": " + COMMUNITY + ", \"type\": \"supergroup\"}, "
                + "\"date\": 1, \"text\": \"a\\u0000b \\ud83d c\"}}");
        processed(id);
        assertEquals("a\uFFFDb \uFFFD c", storedText(606));
        awaitCard(606);
    }

    // ---- forged button presses -------------------------------------------------------------------

    @Test
    void forgedCallbackDataIsRefusedAnsweredLoggedAndChangesNothing() {
        long m = fake.pushMessage(COMMUNITY, 610, "Ann", "when will my order arrive?");
        awaitCard(m);
        long comment = bot.scalar("SELECT id FROM comment WHERE message_id = " + m);
        long card = bot.scalar("SELECT message_id FROM card WHERE comment_id = " + comment);
        long otherMessage = fake.pushMessage(MODS, MOD_A, "Mod", "just chatting");
        List<String[]> forged = List.of(
                new String[] {String.valueOf(card), "tk:999999"},                 // no such comment
                new String[] {String.valueOf(otherMessage), "tk:" + comment},     // not its card
                new String[] {String.valueOf(card), "tk:abc"},
                new String[] {String.valueOf(card), "tk:-1"},
                new String[] {String.valueOf(card), "tk:99999999999999999999999"},
                new String[] {String.valueOf(card), "zz:" + comment},
                new String[] {String.valueOf(card), "sg:" + comment + ":99"},      // no such suggestion
                new String[] {String.valueOf(card), "x".repeat(300)},             // longer than Telegram allows
                new String[] {String.valueOf(card), "tk:" + comment + ":1:2"},
                new String[] {String.valueOf(card), "ʇk:١٢"},
                new String[] {String.valueOf(card), ""});
        for (String[] f : forged) {
            fake.pushCallback(MODS, Long.parseLong(f[0]), MOD_A, "Mod", f[1]);
        }
        String stranger = fake.pushCallback(MODS, card, STRANGER, "Mallory", "tk:" + comment);
        String elsewhere = fake.pushCallback(COMMUNITY, m, MOD_A, "Mod", "ae:" + comment);
        fake.awaitRequests(r -> r.method().equals("answercallbackquery"), forged.size() + 2, WAIT);

        for (FakeBotApi.Request a : fake.requests("answerCallbackQuery")) {
            assertTrue(a.ok(), "every press is answered: " + a.body());
            assertTrue(a.body().path("show_alert").asBoolean(false), "a refusal is an alert: " + a.body());
        }
        assertNull(bot.db().withConnection(c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT owner_id FROM comment WHERE id = " + comment)) {
                rs.next();
                return (Long) rs.getObject(1);
            }
        }), "nobody took the comment");
        assertEquals("OPEN", bot.db().withConnection(c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT state FROM comment WHERE id = " + comment)) {
                rs.next();
                return rs.getString(1);
            }
        }));
        assertTrue(bot.scalar("SELECT COUNT(*) FROM audit WHERE action = 'refused'") >= forged.size() + 1);
        assertFalse(stranger.isEmpty() || elsewhere.isEmpty());
        logs.await("not a moderator", WAIT);
        logs.await("refused", WAIT);
        stillWorks();
    }
}
