package dev.replydesk.knowledge;

import dev.replydesk.language.LanguageDetector;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Groups "questions the knowledge base could not answer" by similarity, for editors
 * ({@code /kbgaps}) and the digest: what to write next. A pure function of the texts given: two
 * comments are alike when they share enough of their meaningful words (compared after the same
 * analysis as search — word forms, synonyms, languages — by weighted Jaccard similarity).
 *
 * <p>Get one from {@link Suggester#gapGrouper()}. Thread-safe.
 */
public final class GapGrouper {
    /** Comments at least this alike are put together. */
    static final double SIMILAR = 0.25;
    private static final int MAX_TEXTS = 2000;

    private final TextAnalyzer analyzer;
    private final LanguageDetector detector;

    GapGrouper(TextAnalyzer analyzer, LanguageDetector detector) {
        this.analyzer = analyzer;
        this.detector = detector;
    }

    /**
     * The largest groups among {@code texts}, largest first (a group of one is still a group).
     *
     * @param texts       comments that needed an answer and got no suggestion (at most the last
     *                    2,000 are used)
     * @param maxGroups   how many groups to return
     * @param maxExamples how many example comments per group
     */
    public List<GapGroup> group(List<String> texts, int maxGroups, int maxExamples) {
        List<String> used = texts.size() > MAX_TEXTS ? texts.subList(texts.size() - MAX_TEXTS, texts.size()) : texts;
        List<Keys> keys = new ArrayList<>();
        for (String t : used) {
            if (t != null && !t.isBlank()) {
                keys.add(keys(t));
            }
        }
        Map<String, Integer> df = new HashMap<>();
        for (Keys k : keys) {
            k.keys().keySet().forEach(key -> df.merge(key, 1, Integer::sum));
        }
        int n = keys.size();
        Map<String, Double> weight = new HashMap<>();
        df.forEach((key, f) -> weight.put(key, Math.log(1 + (double) n / f)));
        List<List<Integer>> neighbours = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            neighbours.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (similarity(keys.get(i), keys.get(j), weight) >= SIMILAR) {
                    neighbours.get(i).add(j);
                    neighbours.get(j).add(i);
                }
            }
        }
        boolean[] taken = new boolean[n];
        List<List<Integer>> groups = new ArrayList<>();
        while (true) {
            int best = -1;
            int bestCount = -1;
            for (int i = 0; i < n; i++) {
                if (taken[i]) {
                    continue;
                }
                int count = 0;
                for (int j : neighbours.get(i)) {
                    if (!taken[j]) {
                        count++;
                    }
                }
                if (count > bestCount) {
                    best = i;
                    bestCount = count;
                }
            }
            if (best < 0) {
                break;
            }
            List<Integer> group = new ArrayList<>();
            group.add(best);
            taken[best] = true;
            for (int j : neighbours.get(best)) {
                if (!taken[j]) {
                    taken[j] = true;
                    group.add(j);
                }
            }
            groups.add(group);
        }
        groups.sort(Comparator.comparingInt((List<Integer> g) -> -g.size()));
        List<GapGroup> out = new ArrayList<>();
        for (List<Integer> g : groups.subList(0, Math.min(maxGroups, groups.size()))) {
            out.add(describe(g, keys, maxExamples));
        }
        return out;
    }

    /** A comment's meaningful words: synonym groups where known, else word starts; with how it was written. */
    private record Keys(String text, Map<String, String> keys) {
    }

    private Keys keys(String text) {
        Analyzed a = analyzer.analyze(text, detector.detect(text));
        Map<String, String> keys = new HashMap<>();
        for (int i = 0; i < a.words().size(); i++) {
            Analyzed.Word w = a.words().get(i);
            List<Analyzed.Concept> concepts = a.conceptsAt(i);
            if (concepts.isEmpty()) {
                for (String p : w.prefixes()) {
                    keys.putIfAbsent(p, w.surface().toLowerCase(java.util.Locale.ROOT));
                }
            } else {
                for (Analyzed.Concept c : concepts) {
                    keys.putIfAbsent(c.group(), c.name());
                }
            }
        }
        return new Keys(text.strip(), keys);
    }

    private static double similarity(Keys a, Keys b, Map<String, Double> weight) {
        double shared = 0;
        double all = 0;
        Set<String> union = new LinkedHashSet<>(a.keys().keySet());
        union.addAll(b.keys().keySet());
        for (String k : union) {
            double w = weight.getOrDefault(k, 1.0);
            all += w;
            if (a.keys().containsKey(k) && b.keys().containsKey(k)) {
                shared += w;
            }
        }
        return all == 0 ? 0 : shared / all;
    }

    private static GapGroup describe(List<Integer> group, List<Keys> keys, int maxExamples) {
        Map<String, Integer> count = new HashMap<>();
        Map<String, String> label = new HashMap<>();
        for (int i : group) {
            keys.get(i).keys().forEach((k, word) -> {
                count.merge(k, 1, Integer::sum);
                label.putIfAbsent(k, word);
            });
        }
        int needed = group.size() == 1 ? 1 : 2;
        List<String> keywords = count.entrySet().stream()
                .filter(e -> e.getValue() >= needed)
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry::getKey))
                .limit(5)
                .map(e -> label.get(e.getKey()))
                .toList();
        List<String> examples = new ArrayList<>();
        for (int i : group) {
            String t = keys.get(i).text();
            if (examples.size() < maxExamples && !examples.contains(t)) {
                examples.add(t);
            }
        }
        return new GapGroup(keywords, group.size(), examples);
    }
}
