package dev.replydesk.knowledge;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The editable rule files of the knowledge feature, from {@code config/knowledge/} (or, when a
 * file is not there, the copy built into the jar under {@code /defaults/knowledge/}):
 * {@code synonyms.txt}, {@code ignored-words.txt} (greetings and filler that say nothing about the
 * question), {@code weak-words.txt} (words of almost any question, which count less), {@code link-words.txt} (words by which a customer asks for a link),
 * {@code gratitude-words.txt} and {@code contrast-words.txt} (a plain thank-you needs no answer).
 */
record Rules(Synonyms synonyms, Set<String> ignored, Set<String> weak, Set<String> linkWords,
        Set<String> gratitude, Set<String> contrast) {
    static final Path DEFAULT_DIR = Path.of("config", "knowledge");

    Rules {
        ignored = Set.copyOf(ignored);
        weak = Set.copyOf(weak);
        linkWords = Set.copyOf(linkWords);
        gratitude = Set.copyOf(gratitude);
        contrast = Set.copyOf(contrast);
    }

    static Rules load(Path dir) throws IOException {
        return new Rules(Synonyms.parse(text(dir, "synonyms.txt")), words(text(dir, "ignored-words.txt")),
                words(text(dir, "weak-words.txt")), words(text(dir, "link-words.txt")), words(text(dir, "gratitude-words.txt")),
                words(text(dir, "contrast-words.txt")));
    }

    static Rules none() {
        return new Rules(Synonyms.none(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of());
    }

    private static String text(Path dir, String name) throws IOException {
        if (dir != null && Files.isRegularFile(dir.resolve(name))) {
            return Files.readString(dir.resolve(name), StandardCharsets.UTF_8);
        }
        try (InputStream in = Rules.class.getResourceAsStream("/defaults/knowledge/" + name)) {
            return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Words separated by spaces, commas or lines; {@code #} starts a comment. */
    private static Set<String> words(String text) {
        Set<String> out = new LinkedHashSet<>();
        for (String line : text.split("\r\n|\r|\n")) {
            int hash = line.indexOf('#');
            String content = hash >= 0 ? line.substring(0, hash) : line;
            for (String w : content.split("[\\s,;]+")) {
                if (!w.isBlank()) {
                    out.add(TextAnalyzer.fold(w.strip()));
                }
            }
        }
        return out;
    }
}
