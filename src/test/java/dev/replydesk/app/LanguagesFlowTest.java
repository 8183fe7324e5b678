package dev.replydesk.app;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.replydesk.config.ConfigLoader;
import dev.replydesk.config.ReplydeskConfig;
import dev.replydesk.testing.FakeBotApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each person reads the bot in their own language, whatever the language of the thing it is
 * about: the whole bot against the fake Bot API server, with H2 on disk.
 */
class LanguagesFlowTest {
    static final long COMMUNITY = -1001234567890L;
    static final long MODS = -1009876543210L;
    /** A Ukrainian moderator who also edits the knowledge base. */
    static final long MOD_UK = 111111L;
    /** An editor the config gives no language: the moderators' chat's (English here) applies. */
    static final long EDITOR = 444444L;
    /** An editor who is neither a moderator nor a manager, given Russian in {@code editors.languages}. */
    static final long EDITOR_RU = 444445L;
    static final long CUSTOMER = 555555L;

    @TempDir
    Path dir;
    FakeBotApi fake;
    ReplydeskConfig config;
    Path kb;

    @BeforeEach
    void setUp() throws Exception {
        fake = FakeBotApi.start();
        kb = dir.resolve("kb");
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
                  users: [%d]
                  languages: {%d: uk}
                  language: en
                managers:
                  users: [333333]
                editors:
                  users: [%d, %d, %d]
                  languages: {%d: ru}
                storage:
                  url: jdbc:h2:file:%s
                knowledge-base:
                  dir: %s
                """.formatted(FakeBotApi.TOKEN, fake.uri(), COMMUNITY, MODS, MOD_UK, MOD_UK, MOD_UK, EDITOR, EDITOR_RU, EDITOR_RU,
                dir.resolve("replydesk").toString().replace('\\', '/'), kb.toString().replace('\\', '/'));
        config = ConfigLoader.parse(yaml, "test.yml", Map.of());
    }

    @AfterEach
    void tearDown() {
        fake.close();
    }

    @Test
    void knowledgeBaseProblemsReachEachEditorInTheirLanguageWithFileAndLine() throws Exception {
        try (RunCommand.Bot bot = RunCommand.Bot.start(config, Clock.systemUTC(), BotFlowTest.FAST)) {
            Files.writeString(kb.resolve("ru/broken.md"), "---\nid: delivery time\n---\n# Сломано\n\nОтвет.\n");
            FakeBotApi.Posted ukrainian = await(() -> fake.sent(MOD_UK).stream()
                    .filter(p -> p.html().contains("broken.md")).findFirst().orElse(null));
            assertTrue(ukrainian.html().contains("ru/broken.md:2</code>"), "file:line kept: " + ukrainian.html());
            assertTrue(ukrainian.html().contains("id 'delivery time' може містити лише літери"), ukrainian.html());
            assertTrue(ukrainian.html().contains("У базі знань є помилки"), ukrainian.html());
            assertFalse(ukrainian.html().contains("may hold only"), "no English left: " + ukrainian.html());

            FakeBotApi.Posted english = await(() -> fake.sent(EDITOR).stream()
                    .filter(p -> p.html().contains("broken.md")).findFirst().orElse(null));
            assertTrue(english.html().contains("ru/broken.md:2</code>"), english.html());
            assertTrue(english.html().contains("the id 'delivery time' may hold only letters"),
                    "an editor without a language reads the moderators' chat's: " + english.html());

            FakeBotApi.Posted russian = await(() -> fake.sent(EDITOR_RU).stream()
                    .filter(p -> p.html().contains("broken.md")).findFirst().orElse(null));
            assertTrue(russian.html().contains("В базе знаний есть ошибки"), "editors.languages: " + russian.html());
            assertFalse(russian.html().contains("may hold only"), "no English left: " + russian.html());
        }
    }

    @Test
    void aUkrainianModeratorReadsTheChecklistsReasonsInUkrainianUnderARussianThread() throws Exception {
        try (RunCommand.Bot bot = RunCommand.Bot.start(config, Clock.systemUTC(), BotFlowTest.FAST)) {
            fake.pushMessage(COMMUNITY, CUSTOMER, "Анна", "Где мой заказ 482913? Жду уже неделю");
            FakeBotApi.Posted card = await(() -> fake.sent(MODS).stream().filter(p -> p.html().contains("482913"))
                    .findFirst().orElse(null));
            fake.pushReply(MODS, MOD_UK, "Мод", "ВЫ САМИ ВИНОВАТЫ, читайте внимательнее!!!", card.messageId());
            FakeBotApi.Posted held = await(() -> fake.sent(MODS).stream().filter(p -> p.html().contains("⛔"))
                    .findFirst().orElse(null));
            assertTrue(held.html().contains("звинувачення клієнта"), "the reasons in Ukrainian: " + held.html());
            assertTrue(held.html().contains("«ВЫ САМИ ВИНОВАТЫ»"), "quoting the draft's own words: " + held.html());
            assertFalse(held.html().contains("обвинение клиента"), "no Russian reasons: " + held.html());
            assertTrue(fake.sent(COMMUNITY).stream().noneMatch(FakeBotApi.Posted::fromBot), "still held");
        }
    }

    static <T> T await(Supplier<T> probe) throws InterruptedException {
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
}
