package dev.replydesk.knowledge;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    /** The text of every rule file of {@code dir} (or its built-in copy), as one string: what the index depends on. */
    static String texts(Path dir) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String name : FILES) {
            String text = text(dir, name);
            sb.append(name).append('\0').append(text.length()).append('\0').append(text);
        }
        return sb.toString();
    }

    /** The rules and what is wrong with their files. */
    record Loaded(Rules rules, List<Problem> problems) {
        Loaded {
            problems = List.copyOf(problems);
        }
    }

    /** The rule files, by name. */
    static final List<String> FILES = List.of("synonyms.txt", "ignored-words.txt", "weak-words.txt",
            "link-words.txt", "gratitude-words.txt", "contrast-words.txt");

    /**
     * The rule files of {@code dir} read again after an edit. A file that cannot be read, or a
     * synonyms file with a line that cannot be used, keeps its part of {@code lastGood} and is
     * reported; the other files take effect. Never throws.
     */
    static Loaded reload(Path dir, Rules lastGood) {
        List<Problem> problems = new ArrayList<>();
        Synonyms synonyms = lastGood.synonyms();
        String text = readOrReport(dir, "synonyms.txt", problems);
        if (text != null) {
            Synonyms parsed = Synonyms.parse(text);
            if (parsed.problems().isEmpty()) {
                synonyms = parsed;
            } else {
                for (String p : parsed.problems()) {
                    problems.add(problem(dir, p));
                }
                problems.add(Problem.of(dir.resolve("synonyms.txt"), 0, "synonyms.kept"));
            }
        }
        return new Loaded(new Rules(synonyms, wordsOr(dir, "ignored-words.txt", lastGood.ignored(), problems),
                wordsOr(dir, "weak-words.txt", lastGood.weak(), problems),
                wordsOr(dir, "link-words.txt", lastGood.linkWords(), problems),
                wordsOr(dir, "gratitude-words.txt", lastGood.gratitude(), problems),
                wordsOr(dir, "contrast-words.txt", lastGood.contrast(), problems)), problems);
    }

    /** What is wrong with the synonyms file of {@code dir} these rules were read from. */
    List<Problem> problems(Path dir) {
        List<Problem> out = new ArrayList<>();
        for (String p : synonyms.problems()) {
            out.add(problem(dir, p));
        }
        return out;
    }

    private static final Pattern LINE = Pattern.compile("line (\\d+): (.*)");

    private static Problem problem(Path dir, String message) {
        Path file = (dir == null ? Path.of(".") : dir).resolve("synonyms.txt");
        Matcher m = LINE.matcher(message);
        return m.matches() ? Problem.of(file, Integer.parseInt(m.group(1)), m.group(2)) : Problem.of(file, 0, message);
    }

    private static Set<String> wordsOr(Path dir, String name, Set<String> lastGood, List<Problem> problems) {
        String text = readOrReport(dir, name, problems);
        return text == null ? lastGood : words(text);
    }

    private static String readOrReport(Path dir, String name, List<Problem> problems) {
        try {
            return text(dir, name);
        } catch (IOException e) {
            problems.add(Problem.of(dir.resolve(name), 0, "rules.unreadable", e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage())));
            return null;
        }
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
