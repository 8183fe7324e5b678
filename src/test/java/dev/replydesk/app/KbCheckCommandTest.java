package dev.replydesk.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KbCheckCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... words) {
        return Main.run(List.of(words), new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private void write(String relative, String text) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    @Test
    void aCleanKnowledgeBasePassesWithExitZero() {
        assertEquals(0, run("kb", "check", "src/test/resources/kb-fixture"));
        assertTrue(out().contains("no problems"), out());
    }

    @Test
    void everyProblemIsPrintedAsFileLineAndTheExitIsNonZero() throws IOException {
        write("kb/ru/a.md", "---\nid: a\n---\n# Title\n\n");
        write("kb/ru/b.md", "---\nlink: www.example.com\n---\n# Title\n\nAnswer.\n");
        assertEquals(1, run("kb", "check", dir.resolve("kb").toString()));
        String[] lines = out().split("\n");
        assertEquals(2, lines.length, out());
        assertTrue(lines[0].startsWith(dir.resolve("kb/ru/a.md") + ":4: empty answer"), lines[0]);
        assertTrue(lines[1].startsWith(dir.resolve("kb/ru/b.md") + ":2: the link 'www.example.com' is malformed"), lines[1]);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("2 problems"));
    }

    @Test
    void theFolderComesFromTheConfigFile() throws IOException {
        write("kb/ru/a.md", "# Title\n\nAnswer.\n");
        write("replydesk.yml", "telegram:\n  token: x\nknowledge-base:\n  dir: " + dir.resolve("kb") + "\n");
        assertEquals(0, run("kb", "check", "--config", dir.resolve("replydesk.yml").toString()));
        assertTrue(out().startsWith(dir.resolve("kb") + ": 1 entries"), out());
    }

    @Test
    void aMissingFolderFails() {
        assertEquals(1, run("kb", "check", dir.resolve("none").toString()));
        assertTrue(out().contains("does not exist"), out());
    }

    @Test
    void twoFoldersAreAUsageError() {
        assertEquals(2, run("kb", "check", "a", "b"));
    }

    @Test
    void theDefaultLanguageComesFromTheConfigFile() throws IOException {
        write("kb/en/a.md", "# Title\n\nAnswer.\n");
        write("replydesk.yml", "knowledge-base:\n  dir: " + dir.resolve("kb") + "\n  default-language: en\n");
        assertEquals(0, run("kb", "check", "--config", dir.resolve("replydesk.yml").toString()), out());
        assertEquals(1, run("kb", "check", dir.resolve("kb").toString()), "ru is the default without the config");
    }
}
