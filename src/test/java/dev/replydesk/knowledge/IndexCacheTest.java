package dev.replydesk.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.replydesk.language.LanguageDetector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The knowledge-base index kept on disk between starts: used only when nothing it depends on changed. */
class IndexCacheTest {
    private static final List<String> COMMENTS = List.of("Когда мне доставят заказ?", "Коли доставлять моє замовлення?",
            "how do I return this", "какая гарантия на чайник", "промокод не работает", "оплата картой не проходит",
            "где контакты поддержки", "спасибо", "привет");

    @TempDir
    Path dir;
    Path kb;
    Path rules;
    Path file;

    @BeforeEach
    void copyFixture() throws IOException {
        kb = copy(KnowledgeBaseTest.FIXTURE, dir.resolve("kb"));
        rules = copy(SuggesterTest.RULES, dir.resolve("rules"));
        file = dir.resolve("data").resolve("replydesk.kb-index");
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
        return to;
    }

    /** As {@code run} does: open, then have the cache written once polling has started. */
    private Suggester open(String codeVersion) throws IOException {
        Suggester s = Suggester.of(KnowledgeBase.load(kb), rules, new LanguageDetector(), new IndexCache(file, codeVersion));
        s.saveIndexCache();
        return s;
    }

    /** What the suggester answers for the probe comments, with scores and matched words. */
    private static List<String> answers(Suggester s) {
        List<String> out = new ArrayList<>();
        for (String c : COMMENTS) {
            out.add(c + " -> " + s.suggest(c).items() + " / " + s.explain(c).items());
        }
        return out;
    }

    @Test
    void aRestartWithTheSameEntriesRulesAndCodeReadsTheIndexBackAndAnswersTheSame() throws IOException {
        List<String> built;
        try (Suggester first = open("v1")) {
            assertFalse(first.indexFromCache());
            built = answers(first);
        }
        assertTrue(Files.isRegularFile(file));
        try (Suggester again = open("v1");
                Suggester uncached = Suggester.of(KnowledgeBase.load(kb), rules, new LanguageDetector())) {
            assertTrue(again.indexFromCache());
            assertEquals(built, answers(again));
            // and the index read back takes a saved entry in place as a built one does
            Files.writeString(kb.resolve("ru/promo.md"), Files.readString(kb.resolve("ru/promo.md"))
                    .replace("промокод", "купон"));
            again.reload(kb.resolve("ru/promo.md"));
            uncached.reload(kb.resolve("ru/promo.md"));
            assertEquals(answers(uncached), answers(again));
        }
    }

    @Test
    void anEditedEntryIsNeverAnsweredFromTheOldIndex() throws IOException {
        open("v1").close();
        Path delivery = kb.resolve("ru/delivery.md");
        Files.writeString(delivery, Files.readString(delivery).replaceAll("(?m)^# .*$", "# Доставка дронами на Луну"));
        try (Suggester edited = open("v1");
                Suggester fresh = Suggester.of(KnowledgeBase.load(kb), rules, new LanguageDetector())) {
            assertFalse(edited.indexFromCache());
            assertEquals(answers(fresh), answers(edited));
        }
        try (Suggester again = open("v1")) {
            assertTrue(again.indexFromCache(), "the cache is written again for the edited entries");
        }
        Files.delete(kb.resolve("ru/promo.md"));
        try (Suggester removed = open("v1")) {
            assertFalse(removed.indexFromCache());
            assertTrue(removed.knowledgeBase().entry("promo", dev.replydesk.language.Lang.RU).isEmpty());
        }
    }

    @Test
    void anEditedRuleFileOrAnotherJarMissesTheCache() throws IOException {
        open("v1").close();
        Files.writeString(rules.resolve("synonyms.txt"), "\nчайник, электрочайник\n", java.nio.file.StandardOpenOption.APPEND);
        try (Suggester s = open("v1")) {
            assertFalse(s.indexFromCache());
        }
        try (Suggester s = open("v1")) {
            assertTrue(s.indexFromCache());
        }
        try (Suggester s = open("v2")) {
            assertFalse(s.indexFromCache(), "another build of the code");
        }
    }

    @Test
    void aDamagedOrCutShortCacheIsIgnoredAndWrittenAgain() throws IOException {
        List<String> built;
        try (Suggester first = open("v1")) {
            built = answers(first);
        }
        byte[] whole = Files.readAllBytes(file);
        byte[] flipped = whole.clone();
        flipped[whole.length / 2] ^= 0x5a;
        for (byte[] broken : List.of(java.util.Arrays.copyOf(whole, whole.length / 3), flipped, new byte[0],
                "not a cache".getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
            Files.write(file, broken);
            try (Suggester s = open("v1")) {
                assertFalse(s.indexFromCache());
                assertEquals(built, answers(s));
            }
            try (Suggester s = open("v1")) {
                assertTrue(s.indexFromCache(), "rewritten after the broken one");
            }
        }
    }

    @Test
    void aReloadWhileRunningDropsTheCache() throws IOException {
        open("v1").close();
        try (Suggester s = open("v1")) {
            assertTrue(s.indexFromCache());
            Files.writeString(kb.resolve("ru/promo.md"), Files.readString(kb.resolve("ru/promo.md")) + "\nЕщё строка.\n");
            s.reload(kb.resolve("ru/promo.md"));
            assertFalse(Files.exists(file));
        }
        try (Suggester s = open("v1")) {
            assertFalse(s.indexFromCache());
            s.awaitIndexCache();
            assertTrue(Files.exists(file));
            s.reloadAll();
            assertFalse(Files.exists(file));
        }
    }

    @Test
    void theCacheIsWrittenOnlyWhenAskedAndNotOnceTheIndexChanged() throws IOException {
        try (Suggester s = Suggester.of(KnowledgeBase.load(kb), rules, new LanguageDetector(), new IndexCache(file, "v1"))) {
            s.awaitIndexCache();
            assertFalse(Files.exists(file), "written only when run asks, once polling has started");
            s.reload(kb.resolve("ru/promo.md"));
            s.saveIndexCache();
            s.awaitIndexCache();
            assertFalse(Files.exists(file), "the index changed since the start: its key is gone");
        }
    }

    @Test
    void outsideAJarThereIsNoCache() {
        // the tests run from class folders
        assertTrue(IndexCache.at(file).isEmpty());
    }
}
