package dev.replydesk.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.replydesk.config.ConfigLoader;
import dev.replydesk.config.ReplydeskConfig;
import dev.replydesk.inbox.Analysis;
import dev.replydesk.language.Texts;
import dev.replydesk.outbox.Outbox;
import dev.replydesk.outbox.OutboxListener;
import dev.replydesk.storage.Database;
import dev.replydesk.telegram.TelegramBotApi;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The analyzer the intake uses: the project's triage rules and starter knowledge base, for real. */
class FeaturesAnalyzerTest {
    @TempDir
    Path dir;
    Database db;
    TelegramBotApi api;
    Features features;

    @BeforeEach
    void setUp() throws Exception {
        String yaml = """
                telegram:
                  token: "123:test"
                  api-url: http://127.0.0.1:9
                communities:
                  - chat-id: -1001
                    name: Brand chat
                moderators:
                  chat-id: -1002
                  users: [11]
                storage:
                  url: "jdbc:h2:file:%s"
                knowledge-base:
                  dir: "%s"
                """.formatted(dir.resolve("db").toString().replace('\\', '/'),
                Path.of("knowledge-base").toAbsolutePath().toString().replace('\\', '/'));
        // the rule files come from the project's config/
        ReplydeskConfig config = ConfigLoader.parse(yaml, Path.of("config", "test.yml").toAbsolutePath().toString(),
                Map.of());
        db = Database.open(config.storage().url());
        api = new TelegramBotApi("123:test", URI.create("http://127.0.0.1:9"));
        Outbox outbox = new Outbox(db, api, OutboxListener.NONE, Clock.systemUTC(), Outbox.Settings.defaults());
        features = Features.load(config, db, outbox, new Texts(), Clock.systemUTC());
    }

    @AfterEach
    void tearDown() throws Exception {
        features.close();
        api.close();
        db.close();
    }

    static final List<String> TEXTS = List.of(
            "Сколько стоит доставка курьером до дома?",
            "Спасибо большое, всё пришло целым, очень довольна!",
            "Третью неделю жду возврат денег за сломанный чайник, заказ 40412, никто не отвечает",
            "Как оплатить частями?",
            "Дякую, все чудово!",
            "Скільки коштує доставка до Львова?",
            "How long does a refund take?",
            "Love the new colours, thanks!",
            "Можно ли вернуть товар без чека?",
            "Ого, ну и цены у вас");

    @Test
    void aBatchAnalyzedAheadGivesWhatEachTextGivesAlone() {
        Analysis.Analyzer ahead = features.analyzer();
        Analysis.Analyzer alone = features.analyzer();
        ahead.prepare(TEXTS);
        for (String text : TEXTS) {
            assertEquals(alone.analyze(text), ahead.analyze(text), text);
        }
        // taken once: a text of the next batch is worked out again, with the same result
        assertEquals(alone.analyze(TEXTS.get(0)), ahead.analyze(TEXTS.get(0)));
    }

    @Test
    void aBatchReplacedBeforeItWasTakenIsNotMixedIntoTheNext() {
        Analysis.Analyzer analyzer = features.analyzer();
        analyzer.prepare(TEXTS.subList(0, 5));
        analyzer.prepare(TEXTS.subList(5, 10));
        for (String text : TEXTS) {
            assertEquals(features.analyzer().analyze(text), analyzer.analyze(text), text);
        }
    }

    @Test
    void praiseIsNotSearchedAndAQuestionIs() {
        Analysis.Analyzer analyzer = features.analyzer();
        Analysis praise = analyzer.analyze("Спасибо большое, всё пришло целым, очень довольна!");
        assertFalse(praise.needsAnswer(), praise.toString());
        assertFalse(praise.negative(), praise.toString());
        assertTrue(praise.suggestions().isEmpty(), "no search for what needs no answer: " + praise);
        assertEquals("ru", praise.lang().code());
        Analysis question = analyzer.analyze("Сколько стоит доставка курьером до дома?");
        assertTrue(question.needsAnswer(), question.toString());
        assertFalse(question.suggestions().isEmpty(), "a question gets the knowledge base's answers: " + question);
    }
}
