package dev.replydesk.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.replydesk.language.LanguageDetector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnowledgeWatcherTest {
    @TempDir
    Path dir;

    private Suggester suggester;
    private KnowledgeWatcher watcher;
    private final List<List<Problem>> reports = new CopyOnWriteArrayList<>();

    private static final String PROMO = "---\nquestions:\n  - Куда вводить промокод?\n---\n# Как применить промокод?\n\n"
            + "Введите промокод в корзине.\n";
    private static final String RETURNS = "---\nquestions:\n  - Можно сдать покупку обратно?\n---\n# Как вернуть товар?\n\n"
            + "Вернуть товар можно в течение 14 дней.\n";

    @BeforeEach
    void start() throws IOException {
        Files.createDirectories(dir.resolve("ru"));
        Files.writeString(dir.resolve("ru/promo.md"), PROMO);
        suggester = Suggester.of(KnowledgeBase.load(dir), SuggesterTest.RULES, new LanguageDetector());
        watcher = new KnowledgeWatcher(suggester, reports::add);
        watcher.start();
    }

    @AfterEach
    void stop() {
        watcher.stop();
        suggester.close();
    }

    private static long within(long millis, BooleanSupplier condition) throws InterruptedException {
        long start = System.nanoTime();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - start > millis * 1_000_000) {
                throw new AssertionError("not within " + millis + " ms");
            }
            Thread.sleep(5);
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    private boolean suggests(String text, String id) {
        Suggestions s = suggester.suggest(text);
        return !s.isEmpty() && s.items().get(0).id().equals(id);
    }

    @Test
    void aNewFileIsSearchableWithinASecond() throws Exception {
        assertTrue(!suggests("как вернуть товар обратно", "returns"));
        Files.writeString(dir.resolve("ru/returns.md"), RETURNS);
        within(1000, () -> suggests("как вернуть товар обратно", "returns"));
    }

    @Test
    void anEditedFileIsSearchableWithinASecond() throws Exception {
        Files.writeString(dir.resolve("ru/promo.md"), PROMO.replace("Введите промокод в корзине.", "Промокод вводят при оплате."));
        within(1000, () -> suggester.suggest("куда вводить промокод").items().get(0).answer().contains("при оплате"));
    }

    @Test
    void aRemovedFileIsNoLongerSuggested() throws Exception {
        Files.writeString(dir.resolve("ru/returns.md"), RETURNS);
        within(1000, () -> suggests("как вернуть товар обратно", "returns"));
        Files.delete(dir.resolve("ru/returns.md"));
        within(1000, () -> !suggests("как вернуть товар обратно", "returns"));
    }

    @Test
    void aBrokenSaveKeepsTheLastGoodEntryAndIsReportedOnce() throws Exception {
        Files.writeString(dir.resolve("ru/promo.md"), "---\nquestions: [oops\n---\n# Как применить промокод?\n\nНовый текст.\n");
        within(1000, () -> reports.size() == 1);
        Problem p = reports.get(0).get(0);
        assertEquals(dir.resolve("ru/promo.md"), p.file());
        assertTrue(p.message().startsWith("broken YAML"), p::toString);
        assertTrue(suggests("куда вводить промокод", "promo"), "the last good version is still suggested");
        assertTrue(suggester.suggest("куда вводить промокод").items().get(0).answer().contains("в корзине"));

        // saving the same broken file again does not report it again
        Files.writeString(dir.resolve("ru/promo.md"), "---\nquestions: [oops\n---\n# Как применить промокод?\n\nНовый текст!\n");
        Thread.sleep(300);
        assertEquals(1, reports.size());

        // fixed: the new version is live, and a later breakage is news again
        Files.writeString(dir.resolve("ru/promo.md"), PROMO.replace("в корзине", "на шаге оплаты"));
        within(1000, () -> suggester.suggest("куда вводить промокод").items().get(0).answer().contains("оплаты"));
        Files.writeString(dir.resolve("ru/promo.md"), "---\nquestions: [oops\n---\n# Как применить промокод?\n\nНовый текст.\n");
        within(1000, () -> reports.size() == 2);
    }

    @Test
    void searchesGoOnWhileFilesChange() throws Exception {
        Thread writer = new Thread(() -> {
            try {
                for (int i = 0; i < 30; i++) {
                    Files.writeString(dir.resolve("ru/returns" + i + ".md"), RETURNS);
                    Thread.sleep(3);
                }
            } catch (IOException | InterruptedException e) {
                throw new RuntimeException(e);
            }
        });
        writer.start();
        int searches = 0;
        while (writer.isAlive()) {
            assertTrue(suggests("куда вводить промокод", "promo"));
            searches++;
        }
        writer.join();
        assertTrue(searches > 0);
        within(1000, () -> suggester.knowledgeBase().entries().size() == 31);
    }

    /** A suggester over {@link #dir} with its rule files in {@code rules}, watched. */
    private KnowledgeWatcher watchWithRules(Path rules, List<List<Problem>> told) throws IOException {
        watcher.stop();
        suggester.close();
        suggester = Suggester.of(KnowledgeBase.load(dir), rules, new LanguageDetector());
        watcher = new KnowledgeWatcher(suggester, told::add);
        watcher.start();
        return watcher;
    }

    @Test
    void aSavedSynonymsFileIsInUseWithinASecond(@TempDir Path rules) throws Exception {
        Files.writeString(rules.resolve("synonyms.txt"), "# none yet\n");
        watchWithRules(rules, reports);
        assertTrue(suggester.suggest("зюзюка").isEmpty(), "a word nobody knows");
        Files.writeString(rules.resolve("synonyms.txt"), "промокод, зюзюка\n");
        within(1000, () -> suggests("зюзюка", "promo"));
        assertEquals(List.of(), reports);
    }

    @Test
    void aBrokenSynonymsFileKeepsItsLastGoodVersionAndIsReportedOnce(@TempDir Path rules) throws Exception {
        Files.writeString(rules.resolve("synonyms.txt"), "промокод, зюзюка\n");
        watchWithRules(rules, reports);
        assertTrue(suggests("зюзюка", "promo"));

        Files.writeString(rules.resolve("synonyms.txt"), "промокод, зюзюка, купончик\nодинокое слово\n");
        within(1000, () -> reports.size() == 1);
        Problem p = reports.get(0).get(0);
        assertEquals(rules.resolve("synonyms.txt"), p.file());
        assertEquals(2, p.line());
        assertTrue(suggests("зюзюка", "promo"), "the last good synonyms are still in use");
        assertTrue(suggester.suggest("купончик").isEmpty(), "the broken version is not");

        // saving the same broken file again does not report it again
        Files.writeString(rules.resolve("synonyms.txt"), "промокод, зюзюка, купончик\nодинокое слово\n\n");
        Thread.sleep(300);
        assertEquals(1, reports.size());

        // fixed: the new version is live, and a later breakage is news again
        Files.writeString(rules.resolve("synonyms.txt"), "промокод, зюзюка, купончик\n");
        within(1000, () -> suggests("купончик", "promo"));
        Files.writeString(rules.resolve("synonyms.txt"), "одинокое слово\n");
        within(1000, () -> reports.size() == 2);
    }

    @Test
    void aSavedWordListIsInUseWithinASecond(@TempDir Path rules) throws Exception {
        Files.writeString(rules.resolve("gratitude-words.txt"), "мерси\n");
        watchWithRules(rules, reports);
        assertTrue(suggests("Спасибо, куда вводить промокод", "promo"), "not a plain thank-you yet");
        Files.writeString(rules.resolve("gratitude-words.txt"), "спасиб\n");
        within(1000, () -> suggester.suggest("Спасибо, куда вводить промокод").isEmpty());
    }
}
