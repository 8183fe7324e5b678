package dev.replydesk.triage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Reading a lexicon entry's words without Text.of (a start-up shortcut) gives exactly Text.of's words. */
class LexiconWordsTest {
    @Test
    void theShortcutSplitsAndNormalisesAsTextOfDoes() {
        for (String s : List.of("доставка", "затримка", "dont", "cannot", "wont", "abc123", "Доставка", "ёлка", "ABC",
                "e-mail", "don't", "i'm", "мʼята", "п’ять", "100", "a", "😀", "x😀", "слово.", "")) {
            assertArrayEquals(Text.of(s).words, Lexicon.words(s), s);
        }
    }

    @Test
    void everyWordOfTheShippedLexiconsReadsTheSameEitherWay() throws IOException {
        int checked = 0;
        try (Stream<Path> files = Files.list(Path.of("config/triage"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".txt")).toList()) {
                for (String line : Files.readAllLines(f)) {
                    for (String part : line.strip().split("\\s+")) {
                        String bare = part.replace("*", "");
                        assertArrayEquals(Text.of(bare).words, Lexicon.words(bare), f + ": " + part);
                        checked++;
                    }
                }
            }
        }
        assertTrue(checked > 5_000, "checked " + checked);
    }
}
