package dev.replydesk.review;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A text split into words, each with its forms, so that word lists match any word form. */
final class Text {
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{M}]+(?:['’ʼ`][\\p{L}\\p{M}]+)*|\\d+");
    private static final Pattern SENTENCE_END = Pattern.compile("[.!?…\\n]+");

    /** One word of the text: where it is and what it matches. */
    record Token(int start, int end, String word, Set<String> forms, int sentence) {
        boolean isNumber() {
            return Character.isDigit(word.charAt(0));
        }
    }

    /** A span of tokens, inclusive of {@code from}, exclusive of {@code to}. */
    record Span(int from, int to) {
    }

    private final String raw;
    private final List<Token> tokens;
    private final Morphology morphology;

    private Text(String raw, List<Token> tokens, Morphology morphology) {
        this.raw = raw;
        this.tokens = tokens;
        this.morphology = morphology;
    }

    static Text of(String raw, Morphology morphology) {
        String text = raw == null ? "" : raw;
        List<Token> tokens = new ArrayList<>();
        Matcher m = WORD.matcher(text);
        Matcher ends = SENTENCE_END.matcher(text);
        int sentence = 0;
        int scanned = 0;
        while (m.find()) {
            ends.region(scanned, m.start());
            while (ends.find()) {
                sentence++;
            }
            scanned = m.end();
            String word = normalise(m.group());
            tokens.add(new Token(m.start(), m.end(), word, morphology.forms(word), sentence));
        }
        return new Text(text, List.copyOf(tokens), morphology);
    }

    /** Lower case, ё as е, every apostrophe as '. */
    static String normalise(String s) {
        return s.toLowerCase(Locale.ROOT).replace('ё', 'е').replace('’', '\'').replace('ʼ', '\'')
                .replace('`', '\'');
    }

    String raw() {
        return raw;
    }

    Morphology morphology() {
        return morphology;
    }

    List<Token> tokens() {
        return tokens;
    }

    int size() {
        return tokens.size();
    }

    Token token(int i) {
        return tokens.get(i);
    }

    boolean isEmpty() {
        return tokens.isEmpty();
    }

    /** The original words of a span, as the author wrote them. */
    String quote(Span span) {
        return raw.substring(tokens.get(span.from()).start(), tokens.get(span.to() - 1).end());
    }

    /** Every place the phrase occurs, left to right, not overlapping. */
    List<Span> find(Phrase phrase) {
        List<Span> found = new ArrayList<>();
        int i = 0;
        while (i < tokens.size()) {
            int end = phrase.matchAt(this, i);
            if (end > i) {
                found.add(new Span(i, end));
                i = end;
            } else {
                i++;
            }
        }
        return found;
    }

    /** Every place any of the phrases occurs, in text order, not overlapping. */
    List<Span> findAny(List<Phrase> phrases) {
        List<Span> found = new ArrayList<>();
        int i = 0;
        while (i < tokens.size()) {
            int best = -1;
            for (Phrase p : phrases) {
                best = Math.max(best, p.matchAt(this, i));
            }
            if (best > i) {
                found.add(new Span(i, best));
                i = best;
            } else {
                i++;
            }
        }
        return found;
    }

    boolean contains(List<Phrase> phrases) {
        for (int i = 0; i < tokens.size(); i++) {
            for (Phrase p : phrases) {
                if (p.matchAt(this, i) > i) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The sentence (0-based) the character offset falls in. */
    int sentenceAt(int offset) {
        for (Token t : tokens) {
            if (t.end() > offset) {
                return t.sentence();
            }
        }
        return tokens.isEmpty() ? 0 : tokens.get(tokens.size() - 1).sentence();
    }

    /** The raw text of one sentence (by index) with its closing marks, trimmed. */
    String sentence(int index) {
        int from = -1;
        int to = raw.length();
        for (Token t : tokens) {
            if (t.sentence() == index && from < 0) {
                from = t.start();
            } else if (t.sentence() > index) {
                to = t.start();
                break;
            }
        }
        return from < 0 ? "" : raw.substring(from, to).strip();
    }

    /** Whether the text ending the sentence that holds token {@code i} is a question mark. */
    boolean inQuestion(int i) {
        int sentence = tokens.get(i).sentence();
        int last = i;
        while (last + 1 < tokens.size() && tokens.get(last + 1).sentence() == sentence) {
            last++;
        }
        int from = tokens.get(last).end();
        for (int c = from; c < raw.length(); c++) {
            char ch = raw.charAt(c);
            if (ch == '?') {
                return true;
            }
            if (ch == '.' || ch == '!' || ch == '\n' || ch == '…' || Character.isLetterOrDigit(ch)) {
                return false;
            }
        }
        return false;
    }
}
