package dev.replydesk.digest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A stand-in grouping by shared words: words of four letters or more, cut to their first five
 * letters (a crude stem that joins "доставка/доставки", "refund/refunds"), and a question joins
 * the first group whose example shares at least two such words (one, for a one-word
 * question) and half of the shorter question's words. Language-agnostic and good enough to rank the knowledge base's gaps.
 */
final class TokenOverlapGroups implements QuestionGroups {
    private static final int MIN_WORD = 4;
    private static final int STEM = 5;

    @Override
    public List<Group> group(List<String> questions, int max) {
        List<Group> out = new ArrayList<>();
        for (List<Integer> g : indexes(questions)) {
            out.add(new Group(questions.get(g.get(0)), g.size()));
        }
        out.sort(Comparator.comparingInt((Group g) -> -g.count()));
        return out.subList(0, Math.min(max, out.size()));
    }

    /** Groups as indexes into {@code questions}, in order of their first question; the first index is the example. */
    List<List<Integer>> indexes(List<String> questions) {
        List<Set<String>> examples = new ArrayList<>();
        List<List<Integer>> groups = new ArrayList<>();
        for (int i = 0; i < questions.size(); i++) {
            Set<String> words = words(questions.get(i));
            int found = -1;
            for (int g = 0; g < groups.size() && found < 0; g++) {
                if (similar(words, examples.get(g))) {
                    found = g;
                }
            }
            if (found < 0) {
                examples.add(words);
                groups.add(new ArrayList<>(List.of(i)));
            } else {
                groups.get(found).add(i);
            }
        }
        return groups.stream().map(List::copyOf).toList();
    }

    static Set<String> words(String text) {
        Set<String> words = new LinkedHashSet<>();
        for (String w : text.toLowerCase(Locale.ROOT).replace('ё', 'е').split("[^\\p{L}\\p{N}]+")) {
            if (w.length() >= MIN_WORD) {
                words.add(w.length() > STEM ? w.substring(0, STEM) : w);
            }
        }
        return words;
    }

    private static boolean similar(Set<String> a, Set<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return a.isEmpty() && b.isEmpty();
        }
        int shared = 0;
        for (String w : a) {
            if (b.contains(w)) {
                shared++;
            }
        }
        int smaller = Math.min(a.size(), b.size());
        return shared >= Math.min(2, smaller) && shared * 2 >= smaller;
    }
}
