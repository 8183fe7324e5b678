package dev.replydesk.review;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Typed access to one parsed YAML rule file. Every getter names the file and the key when the
 * value is missing or of the wrong kind, so a broken rule file fails at start with a clear message.
 */
final class RuleFile {
    private final String name;
    private final Map<String, Object> root;
    private final Morphology morphology;

    RuleFile(String name, Map<String, Object> root, Morphology morphology) {
        this.name = name;
        this.root = root == null ? Map.of() : root;
        this.morphology = morphology;
    }

    String name() {
        return name;
    }

    Morphology morphology() {
        return morphology;
    }

    private Object value(String path) {
        Object node = root;
        for (String key : path.split("\\.")) {
            if (!(node instanceof Map<?, ?> map) || !map.containsKey(key)) {
                throw bad(path, "is missing");
            }
            node = map.get(key);
        }
        return node;
    }

    boolean has(String path) {
        Object node = root;
        for (String key : path.split("\\.")) {
            if (!(node instanceof Map<?, ?> map) || !map.containsKey(key)) {
                return false;
            }
            node = map.get(key);
        }
        return true;
    }

    IllegalArgumentException bad(String path, String what) {
        return new IllegalArgumentException(name + ": " + path + " " + what);
    }

    int integer(String path) {
        Object v = value(path);
        if (v instanceof Integer i && i >= 0) {
            return i;
        }
        throw bad(path, "must be a whole number ≥ 0, is '" + v + "'");
    }

    boolean flag(String path) {
        Object v = value(path);
        if (v instanceof Boolean b) {
            return b;
        }
        throw bad(path, "must be true or false, is '" + v + "'");
    }

    double number(String path) {
        Object v = value(path);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw bad(path, "must be a number, is '" + v + "'");
    }

    List<String> strings(String path) {
        Object v = value(path);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> list)) {
            throw bad(path, "must be a list");
        }
        List<String> out = new ArrayList<>();
        for (Object o : list) {
            if (o == null || o instanceof Map || o instanceof List) {
                throw bad(path, "must hold only words or phrases, holds '" + o + "'");
            }
            out.add(String.valueOf(o));
        }
        return List.copyOf(out);
    }

    List<Phrase> phrases(String path) {
        List<Phrase> out = new ArrayList<>();
        for (String s : strings(path)) {
            try {
                out.add(Phrase.compile(s, morphology));
            } catch (IllegalArgumentException e) {
                throw bad(path, e.getMessage());
            }
        }
        return List.copyOf(out);
    }

    /** A list of pairs, each written as a two-element list: {@code [[a, b], [c, d]]}. */
    List<List<Phrase>> pairs(String path) {
        Object v = value(path);
        List<List<Phrase>> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        if (!(v instanceof List<?> list)) {
            throw bad(path, "must be a list of pairs");
        }
        for (Object o : list) {
            if (!(o instanceof List<?> pair) || pair.size() != 2) {
                throw bad(path, "must hold pairs like [a, b], holds '" + o + "'");
            }
            out.add(List.of(Phrase.compile(String.valueOf(pair.get(0)), morphology),
                    Phrase.compile(String.valueOf(pair.get(1)), morphology)));
        }
        return List.copyOf(out);
    }

    /** A list of groups of any size, each written as a list: {@code [[a, b, c], [d, e]]}. */
    List<List<Phrase>> groups(String path) {
        Object v = value(path);
        List<List<Phrase>> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        if (!(v instanceof List<?> list)) {
            throw bad(path, "must be a list of groups");
        }
        for (Object o : list) {
            if (!(o instanceof List<?> group) || group.size() < 2) {
                throw bad(path, "must hold groups like [a, b, c], holds '" + o + "'");
            }
            List<Phrase> phrases = new ArrayList<>();
            for (Object w : group) {
                try {
                    phrases.add(Phrase.compile(String.valueOf(w), morphology));
                } catch (IllegalArgumentException e) {
                    throw bad(path, e.getMessage());
                }
            }
            out.add(List.copyOf(phrases));
        }
        return List.copyOf(out);
    }

    Pattern regex(String path) {
        Object v = value(path);
        try {
            return Pattern.compile(String.valueOf(v), Pattern.UNICODE_CASE | Pattern.CASE_INSENSITIVE);
        } catch (PatternSyntaxException e) {
            throw bad(path, "is not a valid regular expression: " + e.getDescription());
        }
    }

    /** The keys of a map-valued entry, in file order. */
    List<String> keys(String path) {
        Object v = value(path);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof Map<?, ?> map)) {
            throw bad(path, "must be a map");
        }
        List<String> keys = new ArrayList<>();
        for (Object k : map.keySet()) {
            keys.add(String.valueOf(k));
        }
        return keys;
    }

    /** A map of word → number (number words such as "две" → 2). */
    Map<String, Double> numbers(String path) {
        Object v = value(path);
        Map<String, Double> out = new LinkedHashMap<>();
        if (!(v instanceof Map<?, ?> map)) {
            throw bad(path, "must be a map of word: number");
        }
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getValue() instanceof Number n)) {
                throw bad(path + "." + e.getKey(), "must be a number");
            }
            out.put(Text.normalise(String.valueOf(e.getKey())), n.doubleValue());
        }
        return out;
    }
}
