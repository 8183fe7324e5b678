package dev.replydesk.triage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Words and phrases of one or more languages, each naming the feature it signals. An entry is
 * one or more words; a word ending in {@code *} matches any word starting with it, which is how
 * word forms are covered ({@code сломал*} → сломался, сломали); a word starting with {@code *}
 * matches by its ending. At each position the entry with the most words wins, then the one with
 * the most letters written out, then the comment's own language.
 */
final class Lexicon {
    /**
     * One word of an entry. A Cyrillic word of four letters or more also matches itself with a
     * case ending (хлам → хлама, хламом; ужас → ужаса), so the nouns of a lexicon need no *.
     */
    record Term(String text, boolean prefix, boolean suffix, boolean inflects) {
        /**
         * The entry word {@code <n>}: any number written in digits. (It was {@code #}, which made
         * an entry such as "# недель" a comment line, so every such entry was silently dead.)
         */
        static final String NUMBER = "<n>";

        Term(String text, boolean prefix, boolean suffix) {
            this(text, prefix, suffix, !prefix && !suffix && text.length() >= 4
                    && isCyrillic(text.charAt(text.length() - 1)));
        }

        boolean matches(String word) {
            if (text.equals(NUMBER)) {
                return isNumber(word);
            }
            if (prefix) {
                return word.startsWith(text);
            }
            if (suffix) {
                return word.length() > text.length() + 1 && word.endsWith(text);
            }
            if (word.equals(text)) {
                return true;
            }
            return inflects && word.length() > text.length() && word.length() <= text.length() + 3
                    && word.startsWith(text) && ENDINGS.contains(word.substring(text.length()));
        }
    }

    /** Russian and Ukrainian case endings added to a word as written in a lexicon. */
    private static final Set<String> ENDINGS = Set.of(
            "а", "у", "е", "и", "ы", "о", "ю", "я", "ом", "ой", "ей", "ем", "ам", "ям", "ах", "ях",
            "ов", "ев", "ами", "ями", "ою", "ею", "і", "ї", "ів", "їв", "ові", "еві", "ію");

    static boolean isNumber(String word) {
        for (int i = 0; i < word.length(); i++) {
            if (word.charAt(i) < '0' || word.charAt(i) > '9') {
                return false;
            }
        }
        return !word.isEmpty();
    }

    private static boolean isCyrillic(char c) {
        return Character.UnicodeBlock.of(c) == Character.UnicodeBlock.CYRILLIC;
    }

    record Phrase(String feature, Term[] terms, int rank) {
        int letters() {
            int sum = 0;
            for (Term t : terms) {
                sum += t.text.length();
            }
            return sum;
        }
    }

    /** A phrase found in a comment, spanning words {@code start} to {@code end} (exclusive). */
    record Match(Phrase phrase, int start, int end) {
    }

    private final Map<String, List<Phrase>> exact = new HashMap<>();
    /** Entries opening with a word*, in a trie by that word's letters: no strings cut per lookup. */
    private final Node prefixes = new Node();
    /** Entries opening with a *ending: few, so each word is simply tried against all of them. */
    private final List<Phrase> bySuffix = new ArrayList<>();
    final Set<String> negators = new HashSet<>();
    final Set<String> contrast = new HashSet<>();
    final Set<String> reachOver = new HashSet<>();
    final Set<String> fillers = new HashSet<>();

    /** Sections that are not features but steer the reading of a comment. */
    static final Set<String> CONTROL = Set.of("negators", "contrast", "negation_reaches_over", "fillers");

    /**
     * Builds a lexicon from parsed files, the first being the comment's language.
     *
     * @param files file name → its sections
     */
    Lexicon(List<Map.Entry<String, Map<String, List<String>>>> files) {
        int rank = 0;
        for (Map.Entry<String, Map<String, List<String>>> file : files) {
            for (Map.Entry<String, List<String>> section : file.getValue().entrySet()) {
                String feature = section.getKey();
                for (String entry : section.getValue()) {
                    Term[] terms = terms(file.getKey(), feature, entry);
                    switch (feature) {
                        case "negators" -> negators.add(single(file.getKey(), feature, terms));
                        case "contrast" -> contrast.add(single(file.getKey(), feature, terms));
                        case "negation_reaches_over" -> reachOver.add(single(file.getKey(), feature, terms));
                        case "fillers" -> fillers.add(single(file.getKey(), feature, terms));
                        default -> {
                            Phrase p = new Phrase(feature, terms, rank);
                            Term first = terms[0];
                            if (first.suffix) {
                                bySuffix.add(p);
                            } else if (first.prefix) {
                                prefixes.add(first.text, 0, p);
                            } else {
                                exact.computeIfAbsent(first.text, k -> new ArrayList<>()).add(p);
                            }
                        }
                    }
                }
            }
            rank++;
        }
        prefixes.freeze();
    }

    private static String single(String file, String section, Term[] terms) {
        if (terms.length != 1 || terms[0].prefix) {
            throw new IllegalArgumentException(file + ": [" + section + "] takes single words without *, got "
                    + String.join(" ", java.util.Arrays.stream(terms).map(Term::text).toList()));
        }
        return terms[0].text;
    }

    /**
     * Parses an entry: words separated by spaces; {@code word*} matches any ending,
     * {@code *ending} any word with that ending ("не *ли": не привезли, не вернули), and
     * {@code <n>} any number in digits ("<n> дней").
     */
    static Term[] terms(String file, String feature, String entry) {
        List<Term> terms = new ArrayList<>();
        for (String part : SPACES.split(entry)) {
            boolean star = part.endsWith("*");
            boolean lead = part.startsWith("*") && part.length() > 1;
            String bare = part.substring(lead ? 1 : 0, part.length() - (star ? 1 : 0));
            if (lead && star) {
                throw new IllegalArgumentException(file + ": [" + feature + "] entry '" + entry
                        + "': a word may not both start and end with *");
            }
            if (part.equals(Term.NUMBER)) {
                terms.add(new Term(Term.NUMBER, false, false));
                continue;
            }
            if (part.equals("#")) {
                throw new IllegalArgumentException(file + ": [" + feature + "] entry '" + entry
                        + "': write <n> for any number, not #");
            }
            String[] words = words(bare);
            if (words.length == 0) {
                throw new IllegalArgumentException(file + ": [" + feature + "] entry '" + entry
                        + "' has no letters or digits in '" + part + "'");
            }
            for (int i = 0; i < words.length; i++) {
                terms.add(new Term(words[i], star && i == words.length - 1, lead && i == 0));
            }
        }
        return terms.toArray(new Term[0]);
    }

    private static final java.util.regex.Pattern SPACES = java.util.regex.Pattern.compile("\\s+");

    /**
     * The words {@link Text#of} finds in {@code bare}. Most entries are one plain lower-case word,
     * which {@code Text.of} leaves as it is (bar splitting a contraction): those skip it, so that
     * loading thousands of entries at start does not make it hot enough to be compiled then.
     */
    static String[] words(String bare) {
        if (bare.isEmpty()) {
            return Text.of(bare).words;
        }
        for (int i = 0; i < bare.length(); i++) {
            char c = bare.charAt(i);
            // Text.normalize changes ё and the apostrophe letter ʼ (the other apostrophes are no letters)
            if (!Character.isLetterOrDigit(c) || Character.toLowerCase(c) != c || c == 'ё' || c == 'ʼ') {
                return Text.of(bare).words;
            }
        }
        return Text.expand(bare).toArray(new String[0]);
    }

    /**
     * The longest entries matching at word {@code i} (several if they tie), or an empty list.
     * Filler words ("даже", "навіть", "even") may sit between an entry's words: "никто даже не
     * позвонил" still matches "никто не позвонил".
     */
    List<Match> longestAt(Text text, int i) {
        String w = text.words[i];
        List<Match> best = new ArrayList<>(2);
        int bestLen = 0;
        int bestLetters = 0;
        int bestRank = Integer.MAX_VALUE;
        Node node = prefixes;
        int depth = 0;
        List<Phrase> candidates = exact.get(w);
        for (int round = -3; ; round++) {
            if (round == -2) {
                candidates = isNumber(w) ? exact.get(Term.NUMBER) : null;
            } else if (round == -1) {
                candidates = bySuffix;
            } else if (round >= 0) {
                // walk one more letter down the trie of word* entries
                if (node == null) {
                    break;
                }
                candidates = node.phrases;
                node = depth < w.length() ? node.child(w.charAt(depth)) : null;
                depth++;
            }
            if (candidates == null) {
                continue;
            }
            for (Phrase p : candidates) {
                int len = p.terms.length;
                if (len < bestLen) {
                    continue;
                }
                int end = end(p, text, i);
                if (end < 0) {
                    continue;
                }
                int letters = p.letters();
                boolean better = len > bestLen
                        || letters > bestLetters
                        || (letters == bestLetters && p.rank < bestRank);
                boolean same = len == bestLen && letters == bestLetters && p.rank == bestRank;
                if (better) {
                    best.clear();
                    best.add(new Match(p, i, end));
                    bestLen = len;
                    bestLetters = letters;
                    bestRank = p.rank;
                } else if (same && best.stream().noneMatch(b -> b.phrase().feature.equals(p.feature))) {
                    best.add(new Match(p, i, end));
                }
            }
        }
        return best;
    }

    /** Where the phrase ends if it matches at word {@code i}, else -1. */
    private int end(Phrase p, Text text, int i) {
        int at = i;
        for (int k = 0; k < p.terms.length; k++, at++) {
            if (k > 0) {
                while (at < text.size() && text.before[at] != Text.STOP
                        && fillers.contains(text.words[at]) && !p.terms[k].matches(text.words[at])) {
                    at++;
                }
            }
            if (at >= text.size() || (k > 0 && text.before[at] == Text.STOP)
                    || !p.terms[k].matches(text.words[at])) {
                return -1;
            }
        }
        return at;
    }

    /** A trie node: the word* entries whose word is the path to here, and the next letters. */
    private static final class Node {
        private List<Phrase> phrases;
        private final Map<Character, Node> building = new HashMap<>();
        private char[] keys = new char[0];
        private Node[] children = new Node[0];

        void add(String word, int at, Phrase p) {
            if (at == word.length()) {
                if (phrases == null) {
                    phrases = new ArrayList<>();
                }
                phrases.add(p);
                return;
            }
            building.computeIfAbsent(word.charAt(at), k -> new Node()).add(word, at + 1, p);
        }

        /** Turns the building map into sorted arrays, searched without boxing. */
        void freeze() {
            keys = new char[building.size()];
            children = new Node[building.size()];
            int i = 0;
            for (Character c : new TreeSet<>(building.keySet())) {
                keys[i] = c;
                children[i] = building.get(c);
                children[i].freeze();
                i++;
            }
            building.clear();
        }

        Node child(char c) {
            int i = java.util.Arrays.binarySearch(keys, c);
            return i >= 0 ? children[i] : null;
        }
    }
}
