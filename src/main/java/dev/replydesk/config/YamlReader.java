package dev.replydesk.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Walks a composed YAML node tree for {@link ConfigLoader}: typed reads with the key path and
 * line of each node, {@code ${NAME}} substitution, and a list of every problem found. A read that
 * fails records a problem and returns {@code null}; callers check {@link #problemCount()} before
 * building a record from what they read.
 */
final class YamlReader {
    /** A value that cannot be used; the message follows the key path in the problem line. */
    static final class Bad extends RuntimeException {
        Bad(String message) {
            super(message, null, false, false);
        }
    }

    @FunctionalInterface
    interface Parser<T> {
        T parse(String raw);
    }

    /** One mapping of the file, with the keys it may hold. */
    static final class Section {
        final String path;
        final int line;
        final boolean present;
        final Map<String, Node> keys;
        final Map<String, Node> values;

        Section(String path, int line, boolean present, Map<String, Node> keys, Map<String, Node> values) {
            this.path = path;
            this.line = line;
            this.present = present;
            this.keys = keys;
            this.values = values;
        }

        String key(String name) {
            return path.isEmpty() ? name : path + "." + name;
        }

        boolean has(String name) {
            return value(name) != null;
        }

        /** The value node, or null when the key is absent or has no value ({@code key:}). */
        Node value(String name) {
            Node n = values.get(name);
            return n == null || isNull(n) ? null : n;
        }
    }

    private record Problem(int line, String text) {
    }

    private final String fileName;
    private final Map<String, String> env;
    private final List<Problem> problems = new ArrayList<>();
    private final Set<String> secrets = new HashSet<>();

    YamlReader(String fileName, Map<String, String> env) {
        this.fileName = fileName;
        this.env = env;
        env.forEach((name, value) -> {
            if (name.toUpperCase(Locale.ROOT).matches(".*(TOKEN|SECRET|PASSWORD|PASSWD|KEY).*")) {
                if (value != null && value.length() >= 8) {
                    secret(value);
                }
            }
        });
    }

    // ---------------------------------------------------------------- problems

    void problem(int line, String key, String message) {
        problems.add(new Problem(line, fileName + ":" + line + ": " + (key.isEmpty() ? "" : key + ": ") + message));
    }

    void problem(Node at, String key, String message) {
        problem(line(at), key, message);
    }

    int problemCount() {
        return problems.size();
    }

    /** Every problem, in file order, with every secret value replaced by ***. */
    List<String> problems() {
        List<String> out = new ArrayList<>();
        problems.stream().sorted(Comparator.comparingInt(Problem::line)).forEach(p -> out.add(scrub(p.text())));
        return out;
    }

    void secret(String value) {
        if (value != null && value.length() >= 4) {
            secrets.add(value);
        }
    }

    String scrub(String text) {
        String out = text;
        for (String s : secrets) {
            out = out.replace(s, "***");
        }
        return out;
    }

    static int line(Node node) {
        return node.getStartMark().getLine() + 1;
    }

    static boolean isNull(Node node) {
        return node instanceof ScalarNode s && Tag.NULL.equals(s.getTag());
    }

    // ---------------------------------------------------------------- sections

    /** The root mapping, or an empty section (with a problem) when the file is not one. */
    Section root(Node node, Collection<String> known) {
        if (node == null) {
            problem(1, "", "the file is empty");
            return new Section("", 1, false, Map.of(), Map.of());
        }
        return asSection(node, "", 1, known);
    }

    /**
     * The sub-section {@code name} of {@code parent}; an absent one is empty and not present.
     * {@code known} lists the keys it may hold (null: any key, as for names the user chooses).
     */
    Section section(Section parent, String name, Collection<String> known) {
        Node node = parent.value(name);
        if (node == null) {
            Node key = parent.keys.get(name);
            return new Section(parent.key(name), key == null ? parent.line : line(key), false, Map.of(), Map.of());
        }
        Section s = asSection(node, parent.key(name), line(node), known);
        // a key missing from this section is reported on the line naming the section
        return new Section(s.path, line(parent.keys.get(name)), s.present, s.keys, s.values);
    }

    Section asSection(Node node, String path, int fallbackLine, Collection<String> known) {
        if (!(node instanceof MappingNode mapping)) {
            problem(node, path.isEmpty() ? "(top level)" : path,
                    "expected a section of \"key: value\" lines, got " + describe(node, false));
            return new Section(path, fallbackLine, false, Map.of(), Map.of());
        }
        Map<String, Node> keys = new LinkedHashMap<>();
        Map<String, Node> values = new LinkedHashMap<>();
        for (NodeTuple t : mapping.getValue()) {
            Node k = t.getKeyNode();
            if (!(k instanceof ScalarNode ks)) {
                problem(k, path, "a key must be a plain name, got " + describe(k, false));
                continue;
            }
            String name = ks.getValue();
            String full = path.isEmpty() ? name : path + "." + name;
            if (keys.containsKey(name)) {
                problem(k, full, "is given twice (first on line " + line(keys.get(name)) + ")");
                continue;
            }
            keys.put(name, k);
            values.put(name, t.getValueNode());
            if (known != null && !known.contains(name)) {
                problem(k, full, "unknown key" + suggestion(name, known));
            }
        }
        return new Section(path, line(mapping), true, keys, values);
    }

    /** The items of list {@code name} as sections, each named {@code path[i]}. */
    List<Section> sections(Section parent, String name, Collection<String> known) {
        Node node = parent.value(name);
        List<Section> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        if (!(node instanceof SequenceNode seq)) {
            problem(node, parent.key(name), "expected a list of \"- key: value\" entries, got " + describe(node, false));
            return null;
        }
        int i = 0;
        for (Node item : seq.getValue()) {
            out.add(asSection(item, parent.key(name) + "[" + i + "]", line(item), known));
            i++;
        }
        return out;
    }

    // ---------------------------------------------------------------- scalars

    /** The scalar at {@code name} after ${} substitution, or def when absent; null after a problem. */
    String string(Section s, String name, String def, boolean secret) {
        Node node = s.value(name);
        if (node == null) {
            return def;
        }
        return scalar(node, s.key(name), "a single value", secret);
    }

    String requiredString(Section s, String name, String what, boolean secret) {
        String v = string(s, name, null, secret);
        if (v == null && s.value(name) == null) {
            missing(s, name, what);
        } else if (v != null && v.isBlank()) {
            problem(s.value(name), s.key(name), "is empty; " + what);
            return null;
        }
        return v;
    }

    void missing(Section s, String name, String what) {
        if (s.keys.containsKey(name)) {
            problem(s.keys.get(name), s.key(name), "has no value; " + what);
        } else {
            problem(s.line, s.key(name), "is required but missing; " + what);
        }
    }

    <T> T value(Section s, String name, T def, Parser<T> parser, String what) {
        Node node = s.value(name);
        if (node == null) {
            return def;
        }
        return parse(node, s.key(name), parser, what);
    }

    <T> T required(Section s, String name, Parser<T> parser, String what) {
        Node node = s.value(name);
        if (node == null) {
            missing(s, name, "expected " + what);
            return null;
        }
        return parse(node, s.key(name), parser, what);
    }

    <T> T parse(Node node, String key, Parser<T> parser, String what) {
        String raw = scalar(node, key, what, false);
        if (raw == null) {
            return null;
        }
        try {
            return parser.parse(raw.trim());
        } catch (Bad e) {
            problem(node, key, e.getMessage());
            return null;
        }
    }

    /** A list of parsed items at {@code name}: def when absent, null after a problem. */
    <T> List<T> list(Section s, String name, List<T> def, Parser<T> parser, String what, String example) {
        Node node = s.value(name);
        if (node == null) {
            return def;
        }
        return list(node, s.key(name), parser, what, example);
    }

    <T> List<T> list(Node node, String key, Parser<T> parser, String what, String example) {
        if (!(node instanceof SequenceNode seq)) {
            problem(node, key, "expected a list of " + what + ", like " + example + ", got " + describe(node, false));
            return null;
        }
        int before = problemCount();
        List<T> out = new ArrayList<>();
        int i = 0;
        for (Node item : seq.getValue()) {
            T v = parse(item, key + "[" + i + "]", parser, what);
            if (v != null) {
                out.add(v);
            }
            i++;
        }
        return problemCount() == before ? out : null;
    }

    /** A mapping with parsed keys and values at {@code name}: def when absent, null after a problem. */
    <K, V> Map<K, V> map(Section s, String name, Map<K, V> def, Parser<K> keys, String keyWhat,
                         Parser<V> values, String valueWhat, String example) {
        Node node = s.value(name);
        if (node == null) {
            return def;
        }
        String key = s.key(name);
        if (!(node instanceof MappingNode mapping)) {
            problem(node, key, "expected " + example + ", got " + describe(node, false));
            return null;
        }
        int before = problemCount();
        Map<K, V> out = new LinkedHashMap<>();
        for (NodeTuple t : mapping.getValue()) {
            K k = parse(t.getKeyNode(), key, keys, keyWhat);
            if (k == null) {
                continue;
            }
            String itemKey = key + "." + ((ScalarNode) t.getKeyNode()).getValue();
            if (out.containsKey(k)) {
                problem(t.getKeyNode(), itemKey, "is given twice");
                continue;
            }
            V v = parse(t.getValueNode(), itemKey, values, valueWhat);
            if (v != null) {
                out.put(k, v);
            }
        }
        return problemCount() == before ? out : null;
    }

    /** The text of a scalar with ${NAME} and ${NAME:-default} substituted; null after a problem. */
    String scalar(Node node, String key, String what, boolean secret) {
        if (!(node instanceof ScalarNode scalar)) {
            problem(node, key, "expected " + what + ", got " + describe(node, secret));
            return null;
        }
        if (secret) {
            secret(scalar.getValue());
        }
        String value = substitute(scalar.getValue(), node, key);
        if (secret) {
            secret(value);
        }
        return value;
    }

    private String substitute(String text, Node node, String key) {
        if (text.indexOf('$') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '$' && text.startsWith("$${", i)) {
                out.append("${");
                i += 3;
            } else if (c == '$' && text.startsWith("${", i)) {
                int end = text.indexOf('}', i);
                if (end < 0) {
                    problem(node, key, "unfinished ${...}: close it with }");
                    return null;
                }
                String body = text.substring(i + 2, end);
                int sep = body.indexOf(":-");
                String name = sep < 0 ? body : body.substring(0, sep);
                if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    problem(node, key, "${" + name + "} is not a valid environment variable name");
                    return null;
                }
                String value = env.get(name);
                if (sep >= 0 && (value == null || value.isEmpty())) {
                    value = body.substring(sep + 2);
                }
                if (value == null) {
                    problem(node, key, "environment variable " + name + " is not set (set it, or give a default: ${"
                            + name + ":-value})");
                    return null;
                }
                out.append(value);
                i = end + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    static String describe(Node node, boolean secret) {
        if (node instanceof SequenceNode) {
            return "a list";
        }
        if (node instanceof MappingNode) {
            return "a section";
        }
        if (secret) {
            return "a value";
        }
        return quote(((ScalarNode) node).getValue());
    }

    static String quote(String value) {
        String v = value.length() > 60 ? value.substring(0, 57) + "..." : value;
        return "\"" + v.replace("\n", "\\n") + "\"";
    }

    // ---------------------------------------------------------------- did you mean

    static String suggestion(String given, Collection<String> known) {
        String best = closest(given, known);
        if (best != null) {
            return " (did you mean " + best + "?)";
        }
        List<String> sorted = new ArrayList<>(new LinkedHashSet<>(known));
        return sorted.isEmpty() ? "" : " (known keys: " + String.join(", ", sorted) + ")";
    }

    static String closest(String given, Collection<String> known) {
        String norm = given.toLowerCase(Locale.ROOT).replace('_', '-').replace(' ', '-');
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance(norm, k.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        if (best == null) {
            return null;
        }
        int allowed = best.length() <= 4 ? 1 : best.length() < 10 ? 2 : 3;
        boolean prefix = norm.length() >= 3 && (best.startsWith(norm) || norm.startsWith(best));
        return bestDistance <= allowed || prefix ? best : null;
    }

    /** Optimal string alignment distance: edits plus swaps of neighbours. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
