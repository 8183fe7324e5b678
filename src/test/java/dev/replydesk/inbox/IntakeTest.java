package dev.replydesk.inbox;

import static dev.replydesk.inbox.InboxHarness.BRAND;
import static dev.replydesk.inbox.InboxHarness.COMMUNITY;
import static dev.replydesk.inbox.InboxHarness.CUSTOMER;
import static dev.replydesk.inbox.InboxHarness.FORUM;
import static dev.replydesk.inbox.InboxHarness.MODS;
import static dev.replydesk.inbox.InboxHarness.MOD_A;
import static dev.replydesk.inbox.InboxHarness.MOD_B;
import static dev.replydesk.inbox.InboxHarness.STRANGER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.replydesk.outbox.Outgoing;
import dev.replydesk.storage.StorageException;
import dev.replydesk.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

@ParameterizedClass
@MethodSource("dev.replydesk.testing.TestDatabase#kinds")
class IntakeTest {
    @Parameter
    TestDatabase.Kind kind;
    @TempDir
    Path dir;
    InboxHarness h;

    @BeforeEach
    void setUp() throws Exception {
        h = new InboxHarness(TestDatabase.create(kind, dir));
    }

    @AfterEach
    void tearDown() {
        if (h != null) {
            h.close();
        }
    }

    @Test
    void aCommentBecomesOneStoredCommentAndOneCard() {
        h.comment(COMMUNITY, CUSTOMER, "Где мой заказ <b>123</b> & когда?");
        long msg = h.lastMessageId();
        assertEquals(1, h.scalar("SELECT COUNT(*) FROM comment"));
        assertEquals("Где мой заказ <b>123</b> & когда?", h.string("SELECT text FROM comment"));
        List<Outgoing.Send> cards = h.api.sends(MODS);
        assertEquals(1, cards.size());
        String html = cards.get(0).html();
        assertTrue(html.contains("Где мой заказ &lt;b&gt;123&lt;/b&gt; &amp; когда?"), html);
        assertTrue(html.contains("Brand chat"), html);
        assertTrue(html.contains("https://t.me/c/1234567890/" + msg), html);
        assertTrue(InboxHarness.Recorder.buttons(cards.get(0)).contains("tk:" + h.commentId(msg)));
        assertTrue(h.cardMessage(msg) > 0, "the card's Telegram message id is recorded");
        assertEquals(2, h.scalar("SELECT next_value FROM poll_state WHERE name = 'offset'"));
    }

    @Test
    void theSameUpdateTwiceIsStoredAndCardedOnce() {
        Event.Message m = h.message(COMMUNITY, CUSTOMER, "Когда доставка?", null, null, false);
        h.handle(m);
        Intake.Result again = h.handle(m);
        assertEquals("duplicate update", again.outcome());
        assertEquals(1, h.scalar("SELECT COUNT(*) FROM comment"));
        assertEquals(1, h.api.sends(MODS).size());
    }

    @Test
    void editsBecomeVersionsAndTheFirstTextIsKept() {
        h.comment(COMMUNITY, CUSTOMER, "Первый текст");
        long msg = h.lastMessageId();
        h.handle(h.edit(COMMUNITY, msg, CUSTOMER, "Первый текст"));
        assertEquals(1, h.scalar("SELECT COUNT(*) FROM comment_version"), "an edit without a change is no version");
        h.handle(h.edit(COMMUNITY, msg, CUSTOMER, "Второй текст"));
        assertEquals("Первый текст", h.string("SELECT text FROM comment"));
        assertEquals(2, h.scalar("SELECT COUNT(*) FROM comment_version"));
        assertEquals("Второй текст", h.string("SELECT text FROM comment_version WHERE version = 2"));
        Outgoing.Edit edit = h.api.edits().get(h.api.edits().size() - 1);
        assertTrue(edit.html().contains("Второй текст") && edit.html().contains("Первый текст"), edit.html());
    }

    @Test
    void botsServiceMessagesAndAutomaticForwardsAreNotComments() {
        h.handle(new Event.Message(900, false, COMMUNITY, "supergroup", "c", 1, null, false, null, null,
                new Event.Person(42, "Other bot", null, "otherbot", true, null), null, Instant.now(), null, "ad",
                null, false, null, null, null, false, null));
        h.handle(new Event.Message(901, false, COMMUNITY, "supergroup", "c", 2, null, false, null, null,
                InboxHarness.person(CUSTOMER), null, Instant.now(), null, "", null, false, null, null, null, true, null));
        h.handle(new Event.Message(902, false, COMMUNITY, "supergroup", "c", 3, null, false, null, null, null,
                -1001111111111L, Instant.now(), null, "New post!", null, true, -1001111111111L, 77L, "Brand channel",
                false, null));
        assertEquals(0, h.scalar("SELECT COUNT(*) FROM comment"));
        assertEquals(77, h.scalar("SELECT channel_post_id FROM channel_post WHERE thread_message_id = 3"));
        // a comment under that post knows which post it is under
        h.handle(h.message(COMMUNITY, CUSTOMER, "А цена?", 3L, 3L, false));
        assertEquals(77, h.scalar("SELECT channel_post_id FROM comment"));
        assertTrue(h.api.sends(MODS).get(0).html().contains("Brand channel"), h.api.sends(MODS).get(0).html());
    }

    @Test
    void aModeratorsReplyToACardIsPublishedUnderTheComment() {
        h.comment(COMMUNITY, CUSTOMER, "Когда привезут?");
        long msg = h.lastMessageId();
        long card = h.cardMessage(msg);
        h.handle(h.message(MODS, MOD_A, "Завтра до 18:00, курьер позвонит за час.", card, null, false));
        List<Outgoing.Send> published = h.api.sends(COMMUNITY);
        assertEquals(1, published.size());
        assertEquals(msg, published.get(0).replyToMessageId());
        assertEquals("Завтра до 18:00, курьер позвонит за час.", published.get(0).html());
        assertEquals("ANSWERED", h.string("SELECT state FROM comment"));
        assertEquals("PUBLISHED", h.string("SELECT status FROM reply"));
        assertTrue(h.api.sends(MODS).stream().anyMatch(s -> s.html().contains("Ответ опубликован")));
    }

    @Test
    void forumRepliesGoToTheTopic() {
        h.handle(new Event.Message(500, false, FORUM, "supergroup", "f", 40, 7L, true, 7L, null,
                InboxHarness.person(CUSTOMER), null, Instant.now(), null, "Вопрос в теме", null, false, null, null,
                null, false, null));
        long card = h.cardMessage(40);
        h.handle(h.message(MODS, MOD_A, "Ответ в теме", card, null, false));
        Outgoing.Send s = h.api.sends(FORUM).get(0);
        assertEquals(7, s.threadId());
        assertEquals(40L, s.replyToMessageId());
    }

    @Test
    void someoneWhoIsNotAModeratorIsRefusedAndNothingIsPublished() {
        h.comment(COMMUNITY, CUSTOMER, "Когда привезут?");
        long card = h.cardMessage(h.lastMessageId());
        Intake.Result r = h.handle(h.message(MODS, STRANGER, "Я отвечу за бренд", card, null, false));
        assertTrue(r.outcome().startsWith("refused"), r.outcome());
        assertEquals(0, h.api.sends(COMMUNITY).size());
        assertEquals(1, h.scalar("SELECT COUNT(*) FROM audit WHERE action = 'refused' AND actor_id = " + STRANGER));
        Intake.Result button = h.handle(h.press(STRANGER, MODS, card, "tk:" + h.commentId(h.lastMessageId() - 1)));
        assertTrue(button.callbackAnswer().orElseThrow().alert());
    }

    @Test
    void aClaimIsExclusiveAndShowsOnTheCard() {
        h.comment(COMMUNITY, CUSTOMER, "Когда привезут?");
        long msg = h.lastMessageId();
        long id = h.commentId(msg);
        long card = h.cardMessage(msg);
        h.handle(h.press(MOD_A, MODS, card, "tk:" + id));
        Intake.Result second = h.handle(h.press(MOD_B, MODS, card, "tk:" + id));
        assertEquals(MOD_A, h.scalar("SELECT owner_id FROM comment"));
        assertTrue(second.callbackAnswer().orElseThrow().text().contains("@user" + MOD_A), second.toString());
        Outgoing.Edit edit = h.api.edits().get(h.api.edits().size() - 1);
        assertTrue(edit.html().contains("@user" + MOD_A), edit.html());
    }

    @Test
    void forgedOrForeignCallbackDataIsRefused() {
        h.comment(COMMUNITY, CUSTOMER, "Первый");
        long first = h.lastMessageId();
        h.comment(COMMUNITY, CUSTOMER + 1, "Второй");
        long second = h.lastMessageId();
        // the button of one card pressed with the id of another comment
        Intake.Result r = h.handle(h.press(MOD_A, MODS, h.cardMessage(first), "na:" + h.commentId(second)));
        assertTrue(r.outcome().startsWith("refused"), r.outcome());
        assertTrue(h.handle(h.press(MOD_A, MODS, h.cardMessage(first), "xx:1")).outcome().startsWith("refused"));
        assertTrue(h.handle(h.press(MOD_A, MODS, h.cardMessage(first), "tk:" + "9".repeat(70))).outcome()
                .startsWith("refused"));
        assertTrue(h.handle(h.press(MOD_A, COMMUNITY, h.cardMessage(first), "tk:" + h.commentId(first))).outcome()
                .startsWith("refused"));
        assertEquals(2, h.scalar("SELECT COUNT(*) FROM comment WHERE state = 'OPEN'"));
    }

    @Test
    void answeredElsewhereAndNoAnswerNeededCloseTheItemWithWhoAndWhen() {
        h.comment(COMMUNITY, CUSTOMER, "Вопрос");
        long msg = h.lastMessageId();
        h.handle(h.press(MOD_B, MODS, h.cardMessage(msg), "ae:" + h.commentId(msg)));
        CommentRow row = h.row(msg);
        assertEquals(CommentRow.State.ANSWERED_ELSEWHERE, row.state());
        assertEquals(MOD_B, row.resolvedBy());
        assertNotNull(row.resolvedAt());
        Intake.Result again = h.handle(h.press(MOD_A, MODS, h.cardMessage(msg), "na:" + h.commentId(msg)));
        assertEquals("already closed", again.outcome());
    }

    @Test
    void aBrandAccountReplyingInTheCommunityClosesTheItem() {
        h.comment(COMMUNITY, CUSTOMER, "Где заказ?");
        long msg = h.lastMessageId();
        h.handle(h.message(COMMUNITY, BRAND, "Уже едет к вам", msg, null, false));
        assertEquals(CommentRow.State.ANSWERED, h.row(msg).state());
        assertEquals(1, h.scalar("SELECT COUNT(*) FROM comment"), "the brand's own message is not a comment");
        Outgoing.Edit card = h.api.edits().get(h.api.edits().size() - 1);
        assertTrue(card.html().contains("@user" + BRAND), "the card names who answered, not their id: " + card.html());
    }

    @Test
    void aCommentEditedAfterItWasAnsweredIsReopened() {
        h.comment(COMMUNITY, CUSTOMER, "Где заказ?");
        long msg = h.lastMessageId();
        h.handle(h.message(COMMUNITY, BRAND, "Уже едет", msg, null, false));
        h.clock.advance(Duration.ofMinutes(30));
        h.handle(h.edit(COMMUNITY, msg, CUSTOMER, "Где заказ? Курьер так и не приехал"));
        CommentRow row = h.row(msg);
        assertEquals(CommentRow.State.OPEN, row.state());
        assertEquals(1, row.reopened());
        assertEquals(h.clock.instant(), row.clockStart());
        assertEquals(1, h.scalar("SELECT COUNT(*) FROM audit WHERE action = 'reopened'"));
        // the card may be far up the chat: a notice under it says what changed
        Outgoing.Send notice = h.api.sends(MODS).get(h.api.sends(MODS).size() - 1);
        assertEquals(h.cardMessage(msg), notice.replyToMessageId());
        assertTrue(notice.html().contains("снова открыт") && notice.html().contains("Где заказ?")
                && notice.html().contains("Курьер так и не приехал"), notice.html());
    }

    @Test
    void aGroupThatBecomesASupergroupIsFollowed() {
        long newId = -1005555555555L;
        h.handle(new Event.Message(700, false, COMMUNITY, "group", "g", 60, null, false, null, null,
                InboxHarness.person(CUSTOMER), null, Instant.now(), null, "", null, false, null, null, null, true, newId));
        h.handle(new Event.Message(701, false, newId, "supergroup", "g", 1, null, false, null, null,
                InboxHarness.person(CUSTOMER), null, Instant.now(), null, "Теперь пишу сюда", null, false, null, null,
                null, false, null));
        assertEquals(1, h.scalar("SELECT COUNT(*) FROM comment WHERE chat_id = " + newId));
        long card = h.cardMessage(1);
        h.handle(h.message(MODS, MOD_A, "Ответ", card, null, false));
        assertEquals(1, h.api.sends(newId).size(), "the reply goes to the new chat id");
    }

    @Test
    void theStoreRefusesDeletingComments() {
        h.comment(COMMUNITY, CUSTOMER, "Текст");
        assertThrows(StorageException.class, () -> h.db.inTransaction(
                c -> c.createStatement().executeUpdate("DELETE FROM comment_version")));
        assertThrows(StorageException.class, () -> h.db.inTransaction(
                c -> c.createStatement().executeUpdate("DELETE FROM audit")));
    }

    @Test
    void aFailingUpdateIsRecordedAndSkippedWithoutStoppingTheOthers() throws Exception {
        h.close();
        h = new InboxHarness(TestDatabase.create(kind, dir.resolve("second")), "", text -> {
            if (text.contains("boom")) {
                throw new IllegalStateException("analyzer bug");
            }
            return Analysis.unclassified(dev.replydesk.language.Lang.RU);
        }, DraftChecker.NONE);
        Intake.Result bad = h.comment(COMMUNITY, CUSTOMER, "boom");
        assertTrue(bad.outcome().startsWith("error"), bad.outcome());
        h.comment(COMMUNITY, CUSTOMER, "нормальный комментарий");
        assertEquals(1, h.scalar("SELECT COUNT(*) FROM comment"));
        assertTrue(h.string("SELECT outcome FROM processed_update WHERE update_id = 1").contains("analyzer bug"));
        assertEquals(3, h.scalar("SELECT next_value FROM poll_state"));
        assertFalse(h.api.sends(MODS).isEmpty());
    }

    @Test
    void aModeratorCorrectsTheLabelWithAButtonAndTheCorrectionIsStoredAndAudited() throws Exception {
        h.close();
        h = new InboxHarness(TestDatabase.create(kind, dir.resolve("labels")), "",
                text -> new Analysis(dev.replydesk.language.Lang.RU, "praise", false, false, List.of("test"), List.of()),
                DraftChecker.NONE);
        h.comment(COMMUNITY, CUSTOMER, "Ну спасибо, третью неделю жду заказ 5512");
        long msg = h.lastMessageId();
        long id = h.commentId(msg);
        assertEquals(CommentRow.State.NONE, h.row(msg).state());
        assertEquals(2, h.scalar("SELECT lane FROM outbox WHERE correlation = 'card:" + id + "'"),
                "a card of praise waits behind urgent ones when the moderators' chat is rate-limited");
        h.handle(h.press(MOD_A, MODS, h.cardMessage(msg), "rl:" + id));
        Outgoing.Send picker = h.api.sends(MODS).get(h.api.sends(MODS).size() - 1);
        assertTrue(InboxHarness.Recorder.buttons(picker).contains("sl:" + id + ":0"), picker.toString());
        long pickerMessage = h.api.ids.get(h.api.sent.indexOf(picker));
        h.handle(h.press(MOD_A, MODS, pickerMessage, "sl:" + id + ":0"));
        CommentRow row = h.row(msg);
        assertEquals("complaint", row.label());
        assertTrue(row.negative() && row.needsAnswer());
        assertEquals(CommentRow.State.OPEN, row.state(), "a complaint needs an answer: the clock runs");
        assertEquals("praise -> complaint", h.string("SELECT detail FROM audit WHERE action = 'label_corrected'"));
        assertEquals(1, h.scalar("SELECT COUNT(*) FROM comment WHERE label_corrected = TRUE"));
        assertEquals(1, h.scalar("SELECT lane FROM outbox WHERE correlation = 'cardedit:" + id + "' "
                + "ORDER BY id DESC LIMIT 1"), "from now on its card goes in the normal lane");
        // a later edit re-labels nothing: the moderator's word stands
        h.handle(h.edit(COMMUNITY, msg, CUSTOMER, "Ну спасибо, третью неделю жду заказ 5512!"));
        assertEquals("complaint", h.row(msg).label());
    }
    @Test
    void aSuggestionBecomesADraftThatSendAsIsPublishesUnderTheComment() throws Exception {
        h.close();
        Analysis.Suggested entry = new Analysis.Suggested("delivery-cost", "Сколько стоит доставка?", "Бесплатно от 4 000 ₽",
                "Доставка **бесплатна** для заказов от 4 000 ₽.", null, 1.0, dev.replydesk.language.Lang.RU, false);
        h = new InboxHarness(TestDatabase.create(kind, dir.resolve("suggest")), "",
                text -> new Analysis(dev.replydesk.language.Lang.RU, "question", false, true, List.of("test"),
                        List.of(entry)), DraftChecker.NONE);
        h.comment(COMMUNITY, CUSTOMER, "Сколько стоит доставка?");
        long msg = h.lastMessageId();
        long id = h.commentId(msg);
        h.handle(h.press(MOD_A, MODS, h.cardMessage(msg), "sg:" + id + ":0"));
        Outgoing.Send draft = h.api.sends(MODS).get(h.api.sends(MODS).size() - 1);
        List<String> buttons = InboxHarness.Recorder.buttons(draft);
        assertTrue(buttons.get(0).startsWith("sd:"), draft.toString());
        long draftMessage = h.api.ids.get(h.api.sent.indexOf(draft));
        h.handle(h.press(MOD_A, MODS, draftMessage, buttons.get(0)));
        List<Outgoing.Send> published = h.api.sends(COMMUNITY);
        assertEquals(1, published.size(), "send as is publishes the entry's answer: " + h.api.answers);
        assertEquals("Доставка бесплатна для заказов от 4 000 ₽.", published.get(0).html());
        assertEquals(msg, published.get(0).replyToMessageId());
        assertEquals("ANSWERED", h.string("SELECT state FROM comment"));
    }

    /** A harness whose comments are questions with one knowledge-base answer to draft from. */
    private InboxHarness suggesting(String name) throws Exception {
        h.close();
        Analysis.Suggested entry = new Analysis.Suggested("delivery-cost", "Сколько стоит доставка?", "Бесплатно от 4 000 ₽",
                "Доставка **бесплатна** для заказов от 4 000 ₽.", null, 1.0, dev.replydesk.language.Lang.RU, false);
        return new InboxHarness(TestDatabase.create(kind, dir.resolve(name)), "",
                text -> new Analysis(dev.replydesk.language.Lang.RU, "question", false, true, List.of("test"),
                        List.of(entry)), DraftChecker.NONE);
    }

    /** The 💡 draft {@code moderator} asks for under the card, and its Send as is data. */
    private long[] suggestedDraft(long moderator, long commentMessage) {
        long id = h.commentId(commentMessage);
        h.handle(h.press(moderator, MODS, h.cardMessage(commentMessage), "sg:" + id + ":0"));
        Outgoing.Send draft = h.api.sends(MODS).get(h.api.sends(MODS).size() - 1);
        assertTrue(draft.html().startsWith("💡"), draft.html());
        String sendAsIs = InboxHarness.Recorder.buttons(draft).get(0);
        return new long[] {h.api.ids.get(h.api.sent.indexOf(draft)), Long.parseLong(sendAsIs.split(":")[1])};
    }

    @Test
    void twoSendAsIsPressesOnOneCommentAtTheSameMomentPublishOnce() throws Exception {
        h = suggesting("race");
        for (int round = 0; round < 4; round++) {
            h.comment(COMMUNITY, CUSTOMER, "Сколько стоит доставка? " + round);
            long msg = h.lastMessageId();
            long[] a = suggestedDraft(MOD_A, msg);
            long[] b = suggestedDraft(MOD_B, msg);
            Event.Callback pressA = h.press(MOD_A, MODS, a[0], "sd:" + a[1]);
            Event.Callback pressB = h.press(MOD_B, MODS, b[0], "sd:" + b[1]);
            int before = h.api.sends(COMMUNITY).size();
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
            var ra = two.submit(() -> {
                go.await();
                return h.intake.handle(pressA, null);
            });
            var rb = two.submit(() -> {
                go.await();
                return h.intake.handle(pressB, null);
            });
            go.countDown();
            List<Intake.Result> results = List.of(ra.get(), rb.get());
            two.shutdown();
            h.drain();
            assertEquals(before + 1, h.api.sends(COMMUNITY).size(), "one reply under the comment: " + results);
            assertEquals(1, results.stream().filter(r -> r.outcome().startsWith("refused: reply ")).count(),
                    "the other press is refused: " + results);
            assertEquals(1, h.scalar("SELECT COUNT(*) FROM reply WHERE status = 'SUPERSEDED' AND comment_id = "
                    + h.commentId(msg)));
        }
    }

    @Test
    void aDraftOfferedAfterTheCommentWasAnsweredAndReopenedCanStillBeSentAsIs() throws Exception {
        h = suggesting("reopened");
        h.comment(COMMUNITY, CUSTOMER, "Сколько стоит доставка?");
        long msg = h.lastMessageId();
        h.handle(h.message(MODS, MOD_A, "Доставка бесплатна от 4 000 ₽.", h.cardMessage(msg), null, false));
        assertEquals(1, h.api.sends(COMMUNITY).size());
        h.clock.advance(Duration.ofMinutes(30));
        h.handle(h.edit(COMMUNITY, msg, CUSTOMER, "Сколько стоит доставка в область?"));
        assertEquals("OPEN", h.string("SELECT state FROM comment"));
        long[] draft = suggestedDraft(MOD_B, msg);
        Intake.Result r = h.handle(h.press(MOD_B, MODS, draft[0], "sd:" + draft[1]));
        assertEquals(2, h.api.sends(COMMUNITY).size(), "the earlier reply answered the comment before it changed: " + r);
    }

    @Test
    void aMessageThatCouldNotBeDeliveredIsDescribedInWordsWithWhatToDo() {
        h.db.inTransaction(c -> {
            h.intake.failed(c, 1, "digest:2026-11-21:" + InboxHarness.MANAGER,
                    "403 Forbidden: bot can't initiate conversation with a user");
            return null;
        });
        h.drain();
        String notice = h.api.sends(MODS).get(h.api.sends(MODS).size() - 1).html();
        assertFalse(notice.contains("digest:2026-11-21"), "no internal tags: " + notice);
        assertTrue(notice.contains("дайджест") && notice.contains(String.valueOf(InboxHarness.MANAGER)), notice);
        assertTrue(notice.contains("Start"), "says what to do: " + notice);
    }

    @Test
    void checkSaysThatNothingWasPublished() throws Exception {
        h.close();
        DraftChecker allPass = (thread, draft, kb, lang) -> new DraftChecker.Verdict(
                java.util.Map.of("polite", true, "logical", true, "consistent", true, "links", true),
                java.util.Map.of(), List.of());
        h = new InboxHarness(TestDatabase.create(kind, dir.resolve("check")), "",
                text -> dev.replydesk.inbox.Analysis.unclassified(dev.replydesk.language.Lang.RU), allPass);
        h.comment(COMMUNITY, CUSTOMER, "Когда привезут?");
        long msg = h.lastMessageId();
        h.handle(h.message(MODS, MOD_A, "/check Завтра до 18:00.", h.cardMessage(msg), null, false));
        String report = h.api.sends(MODS).get(h.api.sends(MODS).size() - 1).html();
        assertTrue(report.contains("не опубликован"), report);
        assertTrue(h.api.sends(COMMUNITY).isEmpty());
    }

    @Test
    void aReplyToPraiseThatWasNotSearchedOnArrivalIsCheckedAgainstTheEntryFoundThen() throws Exception {
        h.close();
        Analysis.Suggested entry = new Analysis.Suggested("loyalty", "Бонусы", "1 бонус = 1 ₽",
                "Бонусами можно оплатить до 30 % заказа.", null, 1.0, dev.replydesk.language.Lang.RU, false);
        List<Optional<String>> kbSeen = new java.util.ArrayList<>();
        DraftChecker recording = (thread, draft, kb, lang) -> {
            kbSeen.add(kb);
            return new DraftChecker.Verdict(java.util.Map.of("polite", true, "logical", true, "consistent", true,
                    "links", true), java.util.Map.of(), List.of());
        };
        // on arrival praise is labelled and not searched (no suggestions); a search later finds the entry
        Analysis.Analyzer analyzer = new Analysis.Analyzer() {
            @Override
            public Analysis analyze(String text) {
                return new Analysis(dev.replydesk.language.Lang.RU, "praise", false, false, List.of("thanks"), List.of());
            }

            @Override
            public List<Analysis.Suggested> suggest(String text) {
                return List.of(entry);
            }
        };
        h = new InboxHarness(TestDatabase.create(kind, dir.resolve("praise")), "", analyzer, recording);
        h.comment(COMMUNITY, CUSTOMER, "Спасибо, бонусы пришли быстро!");
        long msg = h.lastMessageId();
        assertEquals(null, h.string("SELECT suggestion_ids FROM comment"), "nothing stored for praise");
        h.handle(h.message(MODS, MOD_A, "/check Рады, что всё пришло вовремя.", h.cardMessage(msg), null, false));
        assertEquals(List.of(Optional.of("loyalty")), kbSeen, "the checklist gets the entry a search finds now");
    }
}
