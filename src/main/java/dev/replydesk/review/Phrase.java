package dev.replydesk.review;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One entry of a word list, compiled. Words are matched by form (see {@link Morphology});
 * {@code word*} matches any word starting with {@code word}, {@code *ending} any word ending so;
 * {@code =word} matches only that very form; {@code ...} lets up to three other words stand between its neighbours.
 */
final class Phrase {
    static final int GAP = 3;

    private sealed interface Part permits Forms, Exact, Prefix, Suffix, Gap {
    }

    private record Exact(String word) implements Part {
    }

    private record Forms(Set<String> forms) implements Part {
    }

    private record Prefix(String prefix) implements Part {
    }

    private record Suffix(String suffix) implements Part {
    }

    private record Gap() implements Part {
    }

    private final String source;
    private final List<Part> parts;

    private Phrase(String source, List<Part> parts) {
        this.source = source;
        this.parts = parts;
    }

    static Phrase compile(String source, Morphology morphology) {
        List<Part> parts = new ArrayList<>();
        for (String raw : source.trim().split("\\s+")) {
            if (raw.isEmpty()) {
                continue;
            }
            if (raw.equals("...") || raw.equals("…")) {
                if (!parts.isEmpty() && !(parts.get(parts.size() - 1) instanceof Gap)) {
                    parts.add(new Gap());
                }
                continue;
            }
            String w = Text.normalise(raw);
            if (w.length() > 1 && w.startsWith("=")) {
                parts.add(new Exact(w.substring(1)));
            } else if (w.length() > 1 && w.endsWith("*")) {
                parts.add(new Prefix(w.substring(0, w.length() - 1)));
            } else if (w.length() > 1 && w.startsWith("*")) {
                parts.add(new Suffix(w.substring(1)));
            } else {
                parts.add(new Forms(morphology.forms(w)));
            }
        }
        while (!parts.isEmpty() && parts.get(parts.size() - 1) instanceof Gap) {
            parts.remove(parts.size() - 1);
        }
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("empty phrase '" + source + "'");
        }
        return new Phrase(source, List.copyOf(parts));
    }

    String source() {
        return source;
    }

    /** The end (exclusive) of a match starting at token {@code at}, or -1. */
    int matchAt(Text text, int at) {
        return match(text, at, 0);
    }

    private int match(Text text, int at, int part) {
        if (part == parts.size()) {
            return at;
        }
        Part p = parts.get(part);
        if (p instanceof Gap) {
            for (int skip = 0; skip <= GAP && at + skip <= text.size(); skip++) {
                int end = match(text, at + skip, part + 1);
                if (end >= 0) {
                    return end;
                }
            }
            return -1;
        }
        if (at >= text.size() || !matches(p, text.token(at))) {
            return -1;
        }
        return match(text, at + 1, part + 1);
    }

    private static boolean matches(Part p, Text.Token token) {
        return switch (p) {
            case Forms f -> {
                for (String form : token.forms()) {
                    if (f.forms().contains(form)) {
                        yield true;
                    }
                }
                yield false;
            }
            case Exact e -> token.word().equals(e.word());
            case Prefix pre -> token.word().startsWith(pre.prefix());
            case Suffix suf -> token.word().endsWith(suf.suffix()) && token.word().length() > suf.suffix().length();
            case Gap g -> true;
        };
    }

    @Override
    public String toString() {
        return source;
    }
}
