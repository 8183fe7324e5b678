package dev.replydesk.knowledge;

import dev.replydesk.language.Lang;
import java.io.StringReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads one entry file: YAML front matter between {@code ---} lines, a {@code # Title}, then
 * the answer. Every problem found is reported with its line; a file whose problems leave no
 * usable entry yields none.
 */
final class EntryFile {
    static final Set<String> KEYS = Set.of("id", "questions", "tags", "link");
    private static final Pattern ID = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}._-]*");
    private static final Pattern TITLE = Pattern.compile("^#(?!#)\\s*(.*?)\\s*#*\\s*$");

    /** What reading one file gave: the entry, or null when the file is unusable, and problems. */
    record Parsed(Path file, Entry entry, List<Problem> problems) {
        Parsed {
            problems = List.copyOf(problems);
        }

        boolean usable() {
            return entry != null;
        }
    }

    private EntryFile() {
    }

    /** The id a file has when its front matter does not say: the file name without {@code .md}. */
    static String defaultId(Path file) {
        String name = file.getFileName().toString();
        return name.toLowerCase(Locale.ROOT).endsWith(".md") ? name.substring(0, name.length() - 3) : name;
    }

    private static final Pattern LINES = Pattern.compile("\r\n|\r|\n");

    static Parsed parse(Path file, Lang lang, String text) {
        return parse(file, lang, text, new Yaml(new SafeConstructor(new LoaderOptions())));
    }

    /** As {@link #parse(Path, Lang, String)} with a YAML reader the caller reuses (not thread-safe). */
    static Parsed parse(Path file, Lang lang, String text, Yaml yamlReader) {
        List<Problem> problems = new ArrayList<>();
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1);
        }
        String[] lines = LINES.split(text, -1);
        int bodyStart = 0;
        String id = defaultId(file);
        int idLine = 1;
        List<String> questions = List.of();
        List<String> tags = List.of();
        String link = null;
        boolean broken = false;

        if (lines.length > 0 && lines[0].strip().equals("---")) {
            int close = -1;
            for (int i = 1; i < lines.length; i++) {
                if (lines[i].strip().equals("---")) {
                    close = i;
                    break;
                }
            }
            if (close < 0) {
                problems.add(Problem.of(file, 1, "front_matter.unclosed"));
                return new Parsed(file, null, problems);
            }
            bodyStart = close + 1;
            String yaml = String.join("\n", java.util.Arrays.asList(lines).subList(1, close));
            Node root;
            try {
                root = yamlReader.compose(new StringReader(yaml));
            } catch (MarkedYAMLException e) {
                Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
                int line = mark == null ? 1 : mark.getLine() + 2;
                problems.add(Problem.of(file, Math.min(line, close), "front_matter.broken",
                        plain(e.getProblem() != null ? e.getProblem() : e.getMessage())));
                return new Parsed(file, null, problems);
            } catch (YAMLException e) {
                problems.add(Problem.of(file, 2, "front_matter.broken", plain(e.getMessage())));
                return new Parsed(file, null, problems);
            }
            if (root != null && !(root instanceof MappingNode)) {
                problems.add(Problem.of(file, line(root), "front_matter.not_a_map"));
                return new Parsed(file, null, problems);
            }
            Set<String> seen = new HashSet<>();
            if (root instanceof MappingNode mapping) {
                for (NodeTuple tuple : mapping.getValue()) {
                    Node keyNode = tuple.getKeyNode();
                    Node value = tuple.getValueNode();
                    int line = line(keyNode);
                    if (!(keyNode instanceof ScalarNode sk)) {
                        problems.add(Problem.of(file, line, "front_matter.key_not_a_word"));
                        broken = true;
                        continue;
                    }
                    String key = sk.getValue();
                    if (!seen.add(key)) {
                        problems.add(Problem.of(file, line, "front_matter.key_twice", key));
                        broken = true;
                        continue;
                    }
                    switch (key) {
                        case "id" -> {
                            String v = scalar(value);
                            idLine = line;
                            if (v == null || v.isBlank()) {
                                problems.add(Problem.of(file, line, "id.empty"));
                                broken = true;
                            } else if (!ID.matcher(v.strip()).matches()) {
                                problems.add(Problem.of(file, line, "id.bad", v.strip()));
                                broken = true;
                            } else {
                                id = v.strip();
                            }
                        }
                        case "questions" -> {
                            List<String> list = texts(file, "questions", value, problems);
                            if (list == null) {
                                broken = true;
                            } else {
                                questions = list;
                            }
                        }
                        case "tags" -> {
                            List<String> list = texts(file, "tags", value, problems);
                            if (list == null) {
                                broken = true;
                            } else {
                                tags = list;
                            }
                        }
                        case "link" -> {
                            String v = scalar(value);
                            if (v == null) {
                                problems.add(Problem.of(file, line, "link.not_one"));
                                broken = true;
                            } else if (!v.isBlank()) {
                                Problem why = linkProblem(file, line, v.strip());
                                if (why != null) {
                                    problems.add(why);
                                    broken = true;
                                } else {
                                    link = v.strip();
                                }
                            }
                        }
                        default -> problems.add(Problem.of(file, line, "front_matter.unknown_key", key));
                    }
                }
            }
        }

        int titleLine = -1;
        String title = null;
        for (int i = bodyStart; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            Matcher m = TITLE.matcher(lines[i].strip());
            if (m.matches() && !m.group(1).isEmpty()) {
                titleLine = i;
                title = m.group(1);
            } else {
                problems.add(Problem.of(file, i + 1, "title.not_first"));
            }
            break;
        }
        if (title == null) {
            if (titleLine < 0 && problems.stream().noneMatch(p -> p.key().startsWith("title."))) {
                problems.add(Problem.of(file, Math.max(1, lines.length), "title.missing"));
            }
            return new Parsed(file, null, problems);
        }
        StringBuilder answer = new StringBuilder();
        for (int i = titleLine + 1; i < lines.length; i++) {
            answer.append(lines[i]).append('\n');
        }
        String body = answer.toString().strip();
        if (body.isEmpty()) {
            problems.add(Problem.of(file, titleLine + 1, "answer.empty", title));
            return new Parsed(file, null, problems);
        }
        if (broken) {
            return new Parsed(file, null, problems);
        }
        return new Parsed(file, new Entry(id, lang, title, questions, tags, link, body, file), problems);
    }

    /** Why {@code link} (on {@code line} of {@code file}) is not a usable web address, or null when it is one. */
    static Problem linkProblem(Path file, int line, String link) {
        if (link.chars().anyMatch(Character::isWhitespace)) {
            return Problem.of(file, line, "link.spaces", link);
        }
        URI uri;
        try {
            uri = new URI(link);
        } catch (URISyntaxException e) {
            return Problem.of(file, line, "link.invalid", link, e.getReason());
        }
        String scheme = uri.getScheme();
        if (scheme == null) {
            return Problem.of(file, line, "link.no_scheme", link);
        }
        if (!scheme.equalsIgnoreCase("https") && !scheme.equalsIgnoreCase("http")) {
            return Problem.of(file, line, "link.bad_scheme", link);
        }
        if (uri.getHost() == null || !uri.getHost().contains(".")) {
            return Problem.of(file, line, "link.no_host", link, scheme);
        }
        return null;
    }

    private static List<String> texts(Path file, String key, Node value, List<Problem> problems) {
        if (value instanceof ScalarNode s) {
            if (s.getValue().isBlank()) {
                return List.of();
            }
            return List.of(s.getValue().strip());
        }
        if (!(value instanceof SequenceNode seq)) {
            problems.add(Problem.of(file, line(value), "front_matter.not_a_list", key));
            return null;
        }
        List<String> out = new ArrayList<>();
        for (Node item : seq.getValue()) {
            String v = scalar(item);
            if (v == null) {
                problems.add(Problem.of(file, line(item), "front_matter.item_not_text", key));
                return null;
            }
            if (!v.isBlank()) {
                out.add(v.strip());
            }
        }
        return out;
    }

    private static String scalar(Node node) {
        return node instanceof ScalarNode s ? s.getValue() : null;
    }

    /** The file line of a front-matter node: the YAML starts on the file's second line. */
    private static int line(Node node) {
        return node.getStartMark() == null ? 2 : node.getStartMark().getLine() + 2;
    }

    private static String plain(String message) {
        return message == null ? "cannot be read" : message.replaceAll("\\s+", " ").strip();
    }
}
