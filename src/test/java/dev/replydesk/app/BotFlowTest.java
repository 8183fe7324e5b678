package dev.replydesk.app;

import static dev.replydesk.app.FlowChecks.button;
import static dev.replydesk.app.FlowChecks.scalar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.replydesk.config.ConfigLoader;
import dev.replydesk.config.ReplydeskConfig;
import dev.replydesk.testing.FakeBotApi;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole bot, as {@code run} starts it, against a Bot API server on loopback: the real
 * TelegramBots client, the real poller, H2 on disk.
 */
class BotFlowTest {
    static final long COMMUNITY = -1001234567890L;
    static final long MODS = -1009876543210L;
    static final long MOD = 111111L;
    static final long CUSTOMER = 555555L;

    /** Telegram's 20 messages a minute per group would make this test take minutes; the pacing has its own tests. */
    static final dev.replydesk.outbox.Outbox.Settings FAST = dev.replydesk.outbox.Outbox.Settings.defaults()
            .withRates(1000, 100_000, 1000, 1000).withPollInterval(Duration.ofMillis(20));

    @TempDir
    Path dir;
    FakeBotApi fake;
    ReplydeskConfig config;

    static final long EDITOR = 444444L;
    Path kb;

    @BeforeEach
    void setUp() throws Exception {
        fake = FakeBotApi.start();
        kb = dir.resolve("kb");
        Path fixture = Path.of("src/test/resources/kb-fixture");
        try (var files = java.nio.file.Files.walk(fixture)) {
            for (Path f : files.toList()) {
                Path to = kb.resolve(fixture.relativize(f).toString());
                if (java.nio.file.Files.isDirectory(f)) {
                    java.nio.file.Files.createDirectories(to);
                } else {
                    java.nio.file.Files.copy(f, to);
                }
            }
        }
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
                  users: [%d]
                managers:
                  users: [333333]
                editors:
                  users: [%d]
                storage:
                  url: jdbc:h2:file:%s
                knowledge-base:
                  dir: %s
                """.formatted(FakeBotApi.TOKEN, fake.uri(), COMMUNITY, MODS, MOD, EDITOR,
                dir.resolve("replydesk").toString().replace('\\', '/'), kb.toString().replace('\\', '/'));
        config = ConfigLoader.parse(yaml, "test.yml", Map.of());
    }

    @AfterEach
    void tearDown() {
        fake.close();
    }

    @Test
    void aFailingDraftIsHeldThenSentAnywayWithAReasonAndCounted() throws Exception {
        try (RunCommand.Bot bot = RunCommand.Bot.start(config, Clock.systemUTC(), FAST)) {
            long comment = fake.pushMessage(COMMUNITY, CUSTOMER, "Анна", "Где мой заказ 482913? Жду уже неделю");
            FakeBotApi.Posted card = await(() -> fake.sent(MODS).stream().filter(p -> p.html().contains("482913"))
                    .findFirst().orElse(null));
            assertTrue(card.html().contains("жалоба"), card.html());
            // no waiting for the outbox to record the card: a reply racing it is fetched again

            fake.pushReply(MODS, MOD, "Мод", "ВЫ САМИ ВИНОВАТЫ, читайте внимательнее!!!", card.messageId());
            FakeBotApi.Posted held = await(() -> fake.sent(MODS).stream().filter(p -> p.html().contains("⛔"))
                    .findFirst().orElse(null));
            assertTrue(held.html().contains("ВЫ САМИ ВИНОВАТЫ"), "the reason quotes the words: " + held.html());
            assertTrue(fake.sent(COMMUNITY).stream().noneMatch(FakeBotApi.Posted::fromBot), "nothing published");
            String sendAnyway = button(held, "sa:");

            fake.pushCallback(MODS, held.messageId(), MOD, "Мод", sendAnyway);
            await(() -> fake.sent(MODS).stream().filter(p -> p.html().contains("одной строкой")).findFirst().orElse(null));
            fake.pushMessage(MODS, MOD, "Мод", "Клиент сам попросил говорить прямо");

            FakeBotApi.Posted published = await(() -> fake.sent(COMMUNITY).stream().filter(FakeBotApi.Posted::fromBot)
                    .findFirst().orElse(null));
            assertEquals(comment, published.replyTo());
            assertTrue(published.text().startsWith("ВЫ САМИ ВИНОВАТЫ"));
            awaitTrue(() -> scalar(bot, "SELECT COUNT(*) FROM review_decision WHERE outcome = 'OVERRIDE' "
                    + "AND override_reason = 'Клиент сам попросил говорить прямо' AND moderator_id = " + MOD) == 1);
            assertEquals(1, scalar(bot, "SELECT COUNT(*) FROM review_decision WHERE outcome = 'FAIL'"));
            awaitTrue(() -> scalar(bot, "SELECT COUNT(*) FROM comment WHERE state = 'ANSWERED'") == 1);
        }
    }

    @Test
    void aPassingDraftIsPublishedAtOnceAndCheckOnlyTests() throws Exception {
        try (RunCommand.Bot bot = RunCommand.Bot.start(config, Clock.systemUTC(), FAST)) {
            long comment = fake.pushMessage(COMMUNITY, CUSTOMER, "Анна", "Сколько идёт доставка по городу?");
            FakeBotApi.Posted card = await(() -> fake.sent(MODS).stream().filter(p -> p.html().contains("по городу"))
                    .findFirst().orElse(null));
            fake.pushReply(MODS, MOD, "Мод", "/check Доставка по городу занимает 1–2 дня, курьер позвонит за час до приезда.", card.messageId());
            await(() -> fake.sent(MODS).stream().filter(p -> p.html().contains("прошёл проверку")).findFirst().orElse(null));
            assertTrue(fake.sent(COMMUNITY).stream().noneMatch(FakeBotApi.Posted::fromBot), "/check publishes nothing");

            fake.pushReply(MODS, MOD, "Мод", "Доставка по городу занимает 1–2 дня, курьер позвонит за час до приезда.", card.messageId());
            FakeBotApi.Posted published = await(() -> fake.sent(COMMUNITY).stream().filter(FakeBotApi.Posted::fromBot)
                    .findFirst().orElse(null));
            assertEquals(comment, published.replyTo());
            awaitTrue(() -> scalar(bot, "SELECT COUNT(*) FROM review_decision WHERE outcome = 'PASS'") == 1);
            FakeBotApi.Posted edited = await(() -> fake.message(MODS, card.messageId())
                    .filter(p -> p.html().contains("Отвечено")).orElse(null));
            assertFalse(edited.html().contains("🙋"), "a closed card offers no Take button");
        }
    }

    @Test
    void aRestartInTheMiddleOfABurstStoresEveryCommentOnceAndSendsEveryCardOnce() throws Exception {
        int n = 60;
        RunCommand.Bot first = RunCommand.Bot.start(config, Clock.systemUTC(), FAST);
        for (int i = 0; i < n; i++) {
            fake.pushMessage(COMMUNITY, CUSTOMER + i, "Клиент " + i, "Комментарий номер " + i);
        }
        awaitTrue(() -> scalar(first, "SELECT COUNT(*) FROM comment") >= n / 3);
        first.close();
        try (RunCommand.Bot second = RunCommand.Bot.start(config, Clock.systemUTC(), FAST)) {
            awaitTrue(() -> scalar(second, "SELECT COUNT(*) FROM comment") == n);
            awaitTrue(() -> fake.sent(MODS).size() >= n);
            Thread.sleep(1500);
            assertEquals(n, scalar(second, "SELECT COUNT(DISTINCT message_id) FROM comment"));
            List<String> cards = new ArrayList<>();
            for (FakeBotApi.Posted p : fake.sent(MODS)) {
                cards.add(p.text().replaceAll("(?s).*(Комментарий номер \\d+).*", "$1"));
            }
            Set<String> distinct = new HashSet<>(cards);
            assertEquals(n, cards.size(), "one card per comment");
            assertEquals(n, distinct.size());
        }
    }

    @Test
    void editorsSeeWhatTheKnowledgeBaseSuggestsAndHearOfABrokenFileOnce() throws Exception {
        try (RunCommand.Bot bot = RunCommand.Bot.start(config, Clock.systemUTC(), FAST)) {
            fake.pushMessage(EDITOR, EDITOR, "Редактор", "/kb как позвонить в поддержку");
            FakeBotApi.Posted kbAnswer = await(() -> fake.sent(EDITOR).stream().findFirst().orElse(null));
            assertTrue(kbAnswer.html().contains("contacts"), kbAnswer.html());
            assertTrue(kbAnswer.html().contains("(слово)") && !kbAnswer.html().contains("(word)"),
                    "how a word matched is said in the editor's language: " + kbAnswer.html());

            java.nio.file.Files.writeString(kb.resolve("ru/broken.md"), "---\nquestions: [\n---\n# Сломано\n");
            FakeBotApi.Posted problem = await(() -> fake.sent(EDITOR).stream().filter(p -> p.html().contains("broken.md"))
                    .findFirst().orElse(null));
            assertTrue(problem.html().startsWith("📚"), problem.html());
            java.nio.file.Files.writeString(kb.resolve("ru/contacts.md"), java.nio.file.Files.readString(
                    kb.resolve("ru/contacts.md")) + "\nЕщё строка.\n");
            Thread.sleep(1500);
            assertEquals(1, fake.sent(EDITOR).stream().filter(p -> p.html().contains("broken.md")).count(),
                    "told once");

            fake.pushMessage(STRANGER_ID, STRANGER_ID, "Чужой", "/kb доставка");
            FakeBotApi.Posted refused = await(() -> fake.sent(STRANGER_ID).stream().findFirst().orElse(null));
            assertTrue(refused.html().contains("недоступна"), refused.html());
        }
    }

    @Test
    void kbGapsGroupQuestionsTheKnowledgeBaseCouldNotAnswer() throws Exception {
        try (RunCommand.Bot bot = RunCommand.Bot.start(config, Clock.systemUTC(), FAST)) {
            fake.pushMessage(COMMUNITY, CUSTOMER, "Анна", "Продаёте подарочные сертификаты?");
            fake.pushMessage(COMMUNITY, CUSTOMER + 1, "Олег", "А подарочные сертификаты у вас продаются?");
            awaitTrue(() -> scalar(bot, "SELECT COUNT(*) FROM comment") == 2);
            fake.pushMessage(MODS, MOD, "Мод", "/kbgaps");
            FakeBotApi.Posted gaps = await(() -> fake.sent(MODS).stream().filter(p -> p.html().contains("7 дней"))
                    .findFirst().orElse(null));
            assertTrue(gaps.html().contains("2 ×"), gaps.html());
            assertTrue(gaps.html().contains("сертификат"), gaps.html());
        }
    }

    static final long STRANGER_ID = 999999L;



    private static <T> T await(java.util.function.Supplier<T> probe) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            T v = probe.get();
            if (v != null) {
                return v;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("timed out waiting");
    }

    private static void awaitTrue(BooleanSupplier probe) throws InterruptedException {
        await(() -> probe.getAsBoolean() ? Boolean.TRUE : null);
    }
}
