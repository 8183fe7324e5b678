package dev.replydesk.triage;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A comment cut into words. {@link #norm} is the text lower-cased with ё→е and every apostrophe
 * made ', one char per char of the original, so a span in it is the same span in the original.
 * English contractions are split ("doesn't" → does, not) so one lexicon entry covers both
 * spellings. For each word the text remembers what punctuation came before it, which bounds
 * phrases and the reach of a negation.
 */
final class Text {
    /** No punctuation before the word. */
    static final byte NONE = 0;
    /** A comma, dash or bracket before the word. */
    static final byte COMMA = 1;
    /** A full stop, ?, !, ;, : or line break before the word: phrases never cross it. */
    static final byte STOP = 2;

    private static final Set<String> BARE_NEGATIONS = Set.of(
            "dont", "doesnt", "didnt", "cant", "wont", "isnt", "wasnt", "arent", "werent",
            "havent", "hasnt", "hadnt", "couldnt", "wouldnt", "shouldnt", "cannot");

    final String original;
    final String norm;
    final String[] words;
    final int[] starts;
    final int[] ends;
    final byte[] before;

    private Text(String original, String norm, List<String> words, List<int[]> spans, List<Byte> before) {
        this.original = original;
        this.norm = norm;
        int n = words.size();
        this.words = words.toArray(new String[0]);
        this.starts = new int[n];
        this.ends = new int[n];
        this.before = new byte[n];
        for (int i = 0; i < n; i++) {
            starts[i] = spans.get(i)[0];
            ends[i] = spans.get(i)[1];
            this.before[i] = before.get(i);
        }
    }

    int size() {
        return words.length;
    }

    /** The original text of words {@code from} (inclusive) to {@code to} (exclusive). */
    String surface(int from, int to) {
        return original.substring(starts[from], ends[to - 1]);
    }

    static Text of(String original) {
        String norm = normalize(original);
        List<String> words = new ArrayList<>();
        List<int[]> spans = new ArrayList<>();
        List<Byte> before = new ArrayList<>();
        byte pending = STOP;
        int i = 0;
        int n = norm.length();
        while (i < n) {
            char c = norm.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(norm.charAt(i))
                        || (norm.charAt(i) == '\'' && i + 1 < n && Character.isLetter(norm.charAt(i + 1))
                            && Character.isLetter(norm.charAt(i - 1))))) {
                    i++;
                }
                String word = norm.substring(start, i);
                for (String part : expand(word)) {
                    words.add(part);
                    spans.add(new int[] {start, i});
                    before.add(pending);
                    pending = NONE;
                }
            } else {
                byte mark = switch (c) {
                    case '.', '!', '?', ';', ':', '\n', '\r', '…' -> STOP;
                    case ',', '—', '–', '(', ')', '"', '«', '»' -> COMMA;
                    case '-' -> (i > 0 && norm.charAt(i - 1) == ' ') ? COMMA : NONE;
                    default -> NONE;
                };
                if (mark > pending) {
                    pending = mark;
                }
                i++;
            }
        }
        return new Text(original, norm, words, spans, before);
    }

    /** Splits English contractions: "doesn't" → does, not; "can't" → can, not; "i'm" → i, am. */
    static List<String> expand(String word) {
        int apostrophe = word.lastIndexOf('\'');
        if (apostrophe > 0 && !word.endsWith("n't")) {
            String tail = switch (word.substring(apostrophe)) {
                case "'m" -> "am";
                case "'s" -> "is";
                case "'re" -> "are";
                case "'ve" -> "have";
                case "'ll" -> "will";
                case "'d" -> "would";
                default -> null;
            };
            if (tail != null) {
                return List.of(word.substring(0, apostrophe), tail);
            }
        }
        if (word.endsWith("n't") && word.length() > 3) {
            return List.of(base(word.substring(0, word.length() - 3)), "not");
        }
        if (BARE_NEGATIONS.contains(word)) {
            return List.of(base(word.substring(0, word.length() - (word.equals("cannot") ? 3 : 2))), "not");
        }
        return List.of(word);
    }

    private static String base(String stem) {
        return switch (stem) {
            case "ca" -> "can";
            case "wo" -> "will";
            case "sha" -> "shall";
            default -> stem;
        };
    }

    /** Lower case, ё→е, ї/є kept, every apostrophe-like mark made '; length preserved. */
    static String normalize(String s) {
        char[] out = new char[s.length()];
        for (int i = 0; i < out.length; i++) {
            char c = Character.toLowerCase(s.charAt(i));
            out[i] = switch (c) {
                case 'ё' -> 'е';
                case '’', 'ʼ', '`', '‘', '´' -> '\'';
                default -> c;
            };
        }
        return new String(out);
    }
}
