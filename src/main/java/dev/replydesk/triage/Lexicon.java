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
 * word forms are covered ({@code сломал*} → сломался, сломали). At each position the longest
 * entry wins; entries of the comment's own language win ties.
 */
final class Lexicon {
    record Term(String text, boolean prefix) {
        boolean matches(String word) {
            return prefix ? word.startsWith(text) : word.equals(text);
        }
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

    private final Map<String, List<Phrase>> exact = new HashMap<>();
    private final Map<String, List<Phrase>> prefix = new HashMap<>();
    private final int[] prefixLengths;
    final Set<String> negators = new HashSet<>();
    final Set<String> contrast = new HashSet<>();
    final Set<String> reachOver = new HashSet<>();

    /** Sections that are not features but steer the reading of a comment. */
    static final Set<String> CONTROL = Set.of("negators", "contrast", "negation_reaches_over");

    /**
     * Builds a lexicon from parsed files, the first being the comment's language.
     *
     * @param files file name → its sections
     */
    Lexicon(List<Map.Entry<String, Map<String, List<String>>>> files) {
        TreeSet<Integer> lengths = new TreeSet<>();
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
                        default -> {
                            Phrase p = new Phrase(feature, terms, rank);
                            Term first = terms[0];
                            if (first.prefix) {
                                prefix.computeIfAbsent(first.text, k -> new ArrayList<>()).add(p);
                                lengths.add(first.text.length());
                            } else {
                                exact.computeIfAbsent(first.text, k -> new ArrayList<>()).add(p);
                            }
                        }
                    }
                }
            }
            rank++;
        }
        prefixLengths = lengths.stream().mapToInt(Integer::intValue).toArray();
    }

    private static String single(String file, String section, Term[] terms) {
        if (terms.length != 1 || terms[0].prefix) {
            throw new IllegalArgumentException(file + ": [" + section + "] takes single words without *, got "
                    + String.join(" ", java.util.Arrays.stream(terms).map(Term::text).toList()));
        }
        return terms[0].text;
    }

    static Term[] terms(String file, String feature, String entry) {
        List<Term> terms = new ArrayList<>();
        for (String part : entry.split("\\s+")) {
            boolean star = part.endsWith("*");
            String bare = star ? part.substring(0, part.length() - 1) : part;
            Text t = Text.of(bare);
            if (t.size() == 0) {
                throw new IllegalArgumentException(file + ": [" + feature + "] entry '" + entry
                        + "' has no letters or digits in '" + part + "'");
            }
            for (int i = 0; i < t.size(); i++) {
                terms.add(new Term(t.words[i], star && i == t.size() - 1));
            }
        }
        return terms.toArray(new Term[0]);
    }

    /** The longest entries matching at word {@code i} (several if they tie), or an empty list. */
    List<Phrase> longestAt(Text text, int i) {
        String w = text.words[i];
        List<Phrase> best = new ArrayList<>(2);
        int bestLen = 0;
        int bestLetters = 0;
        int bestRank = Integer.MAX_VALUE;
        List<Phrase> candidates = exact.get(w);
        for (int round = -1; round < prefixLengths.length; round++) {
            if (round >= 0) {
                int len = prefixLengths[round];
                if (len > w.length()) {
                    break;
                }
                candidates = prefix.get(w.substring(0, len));
            }
            if (candidates == null) {
                continue;
            }
            for (Phrase p : candidates) {
                int len = p.terms.length;
                if (len < bestLen || !matches(p, text, i)) {
                    continue;
                }
                int letters = p.letters();
                boolean better = len > bestLen
                        || letters > bestLetters
                        || (letters == bestLetters && p.rank < bestRank);
                boolean same = len == bestLen && letters == bestLetters && p.rank == bestRank;
                if (better) {
                    best.clear();
                    best.add(p);
                    bestLen = len;
                    bestLetters = letters;
                    bestRank = p.rank;
                } else if (same && best.stream().noneMatch(b -> b.feature.equals(p.feature))) {
                    best.add(p);
                }
            }
        }
        return best;
    }

    private static boolean matches(Phrase p, Text text, int i) {
        if (i + p.terms.length > text.size()) {
            return false;
        }
        for (int k = 0; k < p.terms.length; k++) {
            if (k > 0 && text.before[i + k] == Text.STOP) {
                return false;
            }
            if (!p.terms[k].matches(text.words[i + k])) {
                return false;
            }
        }
        return true;
    }

    /** Feature names this lexicon defines. */
    Set<String> features() {
        Set<String> out = new HashSet<>();
        exact.values().forEach(l -> l.forEach(p -> out.add(p.feature)));
        prefix.values().forEach(l -> l.forEach(p -> out.add(p.feature)));
        return out;
    }
}
