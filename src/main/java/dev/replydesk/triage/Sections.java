package dev.replydesk.triage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The plain-text format of the lexicon and pattern files: a {@code [section]} line, then one
 * entry per line. A line starting with {@code "# "} (or just {@code #}) is a comment; blank
 * lines are ignored. No quoting, so regular expressions and words are written as they are.
 */
final class Sections {
    private static final Pattern HEADER = Pattern.compile("\\[([a-z][a-z0-9_]*)]");

    private Sections() {
    }

    /** Section name → entries, in file order. */
    static Map<String, List<String>> parse(String file, String content) {
        Map<String, List<String>> sections = new LinkedHashMap<>();
        List<String> current = null;
        String[] lines = content.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.equals("#") || line.startsWith("# ")) {
                continue;
            }
            Matcher header = HEADER.matcher(line);
            if (header.matches()) {
                current = sections.computeIfAbsent(header.group(1), k -> new ArrayList<>());
                continue;
            }
            if (current == null) {
                throw new IllegalArgumentException(file + ":" + (i + 1)
                        + ": entry before any [section] line: " + line);
            }
            current.add(line);
        }
        return sections;
    }
}
