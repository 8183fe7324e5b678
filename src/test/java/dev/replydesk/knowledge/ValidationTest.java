package dev.replydesk.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.replydesk.language.Lang;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each problem an editor can make, with the line and sentence {@code kb check} reports. */
class ValidationTest {
    @TempDir
    Path dir;

    private static final String GOOD_BODY = "# Сколько идёт доставка?\n\nОт одного до семи дней.\n";

    private Path write(String relative, String text) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private Problem only(KnowledgeBase kb) {
        assertEquals(1, kb.problems().size(), () -> "problems: " + kb.problems());
        return kb.problems().get(0);
    }

    private static void assertProblem(Problem p, Path file, int line, String start) {
        assertEquals(file, p.file());
        assertEquals(line, p.line(), p::toString);
        assertTrue(p.message().startsWith(start), () -> "expected '" + start + "…' but was: " + p.message());
    }

    @Test
    void aValidFileHasNoProblems() throws IOException {
        write("ru/delivery.md", "---\nquestions:\n  - Когда привезут?\ntags: [delivery]\n---\n" + GOOD_BODY);
        KnowledgeBase kb = KnowledgeBase.load(dir);
        assertEquals(List.of(), kb.problems());
        assertEquals(1, kb.entries().size());
    }

    @Test
    void aFileWithoutFrontMatterUsesItsNameAsId() throws IOException {
        write("ru/delivery.md", GOOD_BODY);
        KnowledgeBase kb = KnowledgeBase.load(dir);
        assertEquals(List.of(), kb.problems());
        assertEquals("delivery", kb.entries().iterator().next().id());
    }

    @Test
    void brokenYamlIsReportedOnItsLineAndTheFileSkipped() throws IOException {
        Path f = write("ru/delivery.md", "---\nquestions:\n  - Когда привезут?\n tags: [delivery\n---\n" + GOOD_BODY);
        KnowledgeBase kb = KnowledgeBase.load(dir);
        Problem p = only(kb);
        assertEquals(f, p.file());
        assertTrue(p.message().startsWith("broken YAML in the front matter: "), p::toString);
        assertTrue(p.line() >= 2 && p.line() <= 5, p::toString);
        assertTrue(kb.entries().isEmpty());
    }

    @Test
    void frontMatterThatIsNotKeyValueIsBrokenYaml() throws IOException {
        Path f = write("ru/delivery.md", "---\n- just a list\n---\n" + GOOD_BODY);
        assertProblem(only(KnowledgeBase.load(dir)), f, 2, "broken YAML in the front matter: expected 'key: value'");
    }

    @Test
    void unclosedFrontMatterIsReported() throws IOException {
        Path f = write("ru/delivery.md", "---\nquestions: [a]\n" + GOOD_BODY);
        assertProblem(only(KnowledgeBase.load(dir)), f, 1, "the front matter opened with '---' on line 1 is never closed");
    }

    @Test
    void missingTitleIsReportedWhereTheTitleShouldBe() throws IOException {
        Path f = write("ru/delivery.md", "---\ntags: [a]\n---\n\nОт одного до семи дней.\n");
        KnowledgeBase kb = KnowledgeBase.load(dir);
        assertProblem(only(kb), f, 5, "missing title: the first line after the front matter must be");
        assertTrue(kb.entries().isEmpty());
    }

    @Test
    void aSecondLevelHeadingIsNotATitle() throws IOException {
        Path f = write("ru/delivery.md", "## Доставка\n\nОт одного до семи дней.\n");
        assertProblem(only(KnowledgeBase.load(dir)), f, 1, "missing title");
    }

    @Test
    void aFileWithOnlyFrontMatterHasNoTitle() throws IOException {
        Path f = write("ru/delivery.md", "---\ntags: [a]\n---\n");
        assertProblem(only(KnowledgeBase.load(dir)), f, 4, "missing title: the file has no '# Title' line");
    }

    @Test
    void emptyAnswerIsReportedOnTheTitleLine() throws IOException {
        Path f = write("ru/delivery.md", "---\ntags: [a]\n---\n# Сколько идёт доставка?\n\n   \n");
        KnowledgeBase kb = KnowledgeBase.load(dir);
        assertProblem(only(kb), f, 4, "empty answer: write the answer below the title");
        assertTrue(kb.entries().isEmpty());
    }

    @Test
    void duplicateIdWithinALanguageKeepsTheFirstFile() throws IOException {
        Path a = write("ru/a.md", "---\nid: delivery\n---\n" + GOOD_BODY);
        Path b = write("ru/b.md", "---\nid: delivery\n---\n" + GOOD_BODY);
        KnowledgeBase kb = KnowledgeBase.load(dir);
        Problem p = only(kb);
        assertProblem(p, b, 1, "duplicate id 'delivery' in ru/: ");
        assertEquals("duplicate id 'delivery' in ru/: ru/a.md already uses it; this file is ignored", p.message(),
                "the other file is named inside the knowledge base, like the file at fault");
        assertFalse(p.message().contains(dir.toString()), p::toString);
        assertEquals("id 'delivery' повторяется в ru/: его уже использует ru/a.md; этот файл не учитывается",
                p.message(Lang.RU));
        assertEquals(a, kb.entry("delivery", Lang.RU).orElseThrow().file());
    }

    @Test
    void theSameIdInTwoLanguagesIsATranslationNotADuplicate() throws IOException {
        write("ru/delivery.md", GOOD_BODY);
        write("uk/delivery.md", "# Скільки триває доставка?\n\nВід одного до семи днів.\n");
        assertEquals(List.of(), KnowledgeBase.load(dir).problems());
    }

    @Test
    void unknownLanguageFolderIsReported() throws IOException {
        write("ru/delivery.md", GOOD_BODY);
        write("de/delivery.md", GOOD_BODY);
        Problem p = only(KnowledgeBase.load(dir));
        assertProblem(p, dir.resolve("de"), 0, "unknown language folder 'de': entries go in ru/, uk/ or en/");
    }

    @Test
    void foldersWithoutEntriesAreNotLanguageFolders() throws IOException {
        write("ru/delivery.md", GOOD_BODY);
        write("images/truck.png", "not really a picture");
        assertEquals(List.of(), KnowledgeBase.load(dir).problems());
    }

    @Test
    void translationWithoutDefaultLanguageEntryIsReportedButStillUsed() throws IOException {
        Path f = write("en/delivery.md", "# How long is delivery?\n\nOne to seven days.\n");
        KnowledgeBase kb = KnowledgeBase.load(dir);
        assertProblem(only(kb), f, 1, "translation with no entry in the default language: there is no ru/delivery.md");
        assertEquals(Lang.EN, kb.entry("delivery", Lang.RU).orElseThrow().lang());
    }

    @Test
    void malformedLinksAreReportedOnTheLinkLine() throws IOException {
        List<String> bad = List.of("example.com/delivery", "ftp://example.com/x", "https://exa mple.com",
                "https://", "https://localhost/x", "http://[broken");
        for (int i = 0; i < bad.size(); i++) {
            write("ru/e" + i + ".md", "---\ntags: [a]\nlink: \"" + bad.get(i) + "\"\n---\n" + GOOD_BODY);
        }
        KnowledgeBase kb = KnowledgeBase.load(dir);
        assertEquals(bad.size(), kb.problems().size(), kb.problems()::toString);
        for (int i = 0; i < bad.size(); i++) {
            assertProblem(kb.problems().get(i), dir.resolve("ru/e" + i + ".md"), 3,
                    "the link '" + bad.get(i) + "' is malformed: ");
        }
        assertTrue(kb.entries().isEmpty());
    }

    @Test
    void aLinkThatIsAListIsMalformed() throws IOException {
        Path f = write("ru/delivery.md", "---\nlink: [https://a.example, https://b.example]\n---\n" + GOOD_BODY);
        assertProblem(only(KnowledgeBase.load(dir)), f, 2, "the link must be one web address");
    }

    @Test
    void aWellFormedLinkIsKept() throws IOException {
        write("ru/delivery.md", "---\nlink: https://shop.example/help?topic=delivery#time\n---\n" + GOOD_BODY);
        KnowledgeBase kb = KnowledgeBase.load(dir);
        assertEquals(List.of(), kb.problems());
        assertEquals("https://shop.example/help?topic=delivery#time", kb.entries().iterator().next().link());
    }

    @Test
    void unknownKeyIsReportedButTheEntryKept() throws IOException {
        Path f = write("ru/delivery.md", "---\nquestion:\n  - Когда?\n---\n" + GOOD_BODY);
        KnowledgeBase kb = KnowledgeBase.load(dir);
        assertProblem(only(kb), f, 2, "unknown key 'question' in the front matter (known keys: id, questions, tags, link)");
        assertEquals(1, kb.entries().size());
    }

    @Test
    void aKeyGivenTwiceIsReported() throws IOException {
        Path f = write("ru/delivery.md", "---\ntags: [a]\ntags: [b]\n---\n" + GOOD_BODY);
        assertProblem(only(KnowledgeBase.load(dir)), f, 3, "the key 'tags' appears twice in the front matter");
    }

    @Test
    void anIdWithSpacesIsReported() throws IOException {
        Path f = write("ru/delivery.md", "---\nid: delivery time\n---\n" + GOOD_BODY);
        assertProblem(only(KnowledgeBase.load(dir)), f, 2, "the id 'delivery time' may hold only letters, digits");
    }

    @Test
    void anEmptyIdIsReported() throws IOException {
        Path f = write("ru/delivery.md", "---\nid:\n---\n" + GOOD_BODY);
        assertProblem(only(KnowledgeBase.load(dir)), f, 2, "the id is empty");
    }

    @Test
    void questionsThatAreNotAListAreReported() throws IOException {
        Path f = write("ru/delivery.md", "---\nquestions:\n  a: b\n---\n" + GOOD_BODY);
        assertProblem(only(KnowledgeBase.load(dir)), f, 3, "'questions' must be a list of texts");
    }

    @Test
    void aQuestionThatIsNotTextIsReported() throws IOException {
        Path f = write("ru/delivery.md", "---\nquestions:\n  - ok\n  - [nested, list]\n---\n" + GOOD_BODY);
        assertProblem(only(KnowledgeBase.load(dir)), f, 4, "each item of 'questions' must be plain text");
    }

    @Test
    void aSingleQuestionWithoutDashIsAccepted() throws IOException {
        write("ru/delivery.md", "---\nquestions: Когда привезут?\n---\n" + GOOD_BODY);
        KnowledgeBase kb = KnowledgeBase.load(dir);
        assertEquals(List.of(), kb.problems());
        assertEquals(List.of("Когда привезут?"), kb.entries().iterator().next().questions());
    }

    @Test
    void anEntryOutsideALanguageFolderIsReported() throws IOException {
        write("README.md", "# How to edit\n\nText.\n");
        Path f = write("delivery.md", GOOD_BODY);
        assertProblem(only(KnowledgeBase.load(dir)), f, 0, "not in a language folder: move it to ru/, uk/ or en/");
    }

    @Test
    void anEntryInASubfolderIsReported() throws IOException {
        write("ru/delivery.md", GOOD_BODY);
        write("ru/old/delivery.md", GOOD_BODY);
        assertProblem(only(KnowledgeBase.load(dir)), dir.resolve("ru/old"), 0, "entries must be directly in ru/, not in a subfolder");
    }

    @Test
    void aFileThatIsNotUtf8IsReported() throws IOException {
        Path f = dir.resolve("ru/delivery.md");
        Files.createDirectories(f.getParent());
        Files.write(f, "# Доставка\n\nДни.\n".getBytes(java.nio.charset.Charset.forName("windows-1251")));
        assertProblem(only(KnowledgeBase.load(dir)), f, 0, "cannot be read as UTF-8 text");
    }

    @Test
    void aMissingFolderIsReported() {
        Path missing = dir.resolve("nowhere");
        assertProblem(only(KnowledgeBase.load(missing)), missing, 0, "the knowledge-base folder does not exist");
    }

    @Test
    void problemsPrintAsFileColonLine() {
        assertEquals("kb/ru/a.md:3: the id is empty: write one or remove the 'id:' line to use the file name",
                Problem.of(Path.of("kb/ru/a.md"), 3, "id.empty").toString());
        assertEquals("kb/de: unknown language folder 'de': entries go in ru/, uk/ or en/; its files are ignored",
                Problem.of(Path.of("kb/de"), 0, "folder.unknown_language", "de").toString());
    }

    @Test
    void everyProblemIsWordedInEveryLanguageWithItsValues() throws IOException {
        Path f = write("ru/delivery.md", "---\nid: delivery time\n---\n# Доставка\n\nОтвет.\n");
        Problem p = only(KnowledgeBase.load(dir));
        assertEquals("the id 'delivery time' may hold only letters, digits, '-', '_' and '.'", p.message());
        assertEquals("id 'delivery time' может содержать только буквы, цифры, '-', '_' и '.'", p.message(Lang.RU));
        assertEquals("id 'delivery time' може містити лише літери, цифри, '-', '_' і '.'", p.message(Lang.UK));
        assertEquals(p.message(), p.message(Lang.EN));
        assertEquals(f, p.file());
    }

    @Test
    void theProblemBundlesHaveTheSameKeysInEveryLanguage() {
        java.util.Set<String> english = keys(Lang.EN);
        assertFalse(english.isEmpty());
        assertEquals(english, keys(Lang.RU), "Russian");
        assertEquals(english, keys(Lang.UK), "Ukrainian");
    }

    private static java.util.Set<String> keys(Lang lang) {
        java.util.Properties p = new java.util.Properties();
        String name = "/knowledge/problems" + (lang == Lang.EN ? "" : "_" + lang.code()) + ".properties";
        try (var in = Problem.class.getResourceAsStream(name)) {
            p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return p.stringPropertyNames();
    }
}
