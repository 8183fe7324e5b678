package dev.replydesk.triage;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The scoring model of {@code weights.yml}: what each feature adds to each label's score, how
 * concrete each feature makes a comment, which features count as which kind of sign, and what
 * the combinations of signs add. All numbers a team may tune live there, none in code.
 */
record Model(
        double[] bias,
        double repeat,
        double beforeContrast,
        Map<String, double[]> features,
        Map<String, Double> concreteness,
        double concreteThreshold,
        Map<String, Set<String>> signs,
        Map<String, double[]> combinations,
        double learnedWeight,
        double learnedTemperature) {

    /** The combinations the scorer knows how to detect (see {@link Scorer}). */
    static final Set<String> COMBINATIONS = Set.of(
            "concrete_negative", "sweary_but_concrete", "abuse_without_substance", "sarcasm",
            "question_about_trouble", "polite_question", "offtopic_question", "vague_negative",
            "overdue", "hypothetical_question", "between_users", "abuse_between_users", "advert", "mocking", "still_owed");

    /** The kinds of sign the combinations are built from. */
    static final Set<String> SIGNS = Set.of(
            "negative", "trouble", "abusive", "positive", "asking", "on_topic", "sarcastic", "interrogative",
            "real", "long_wait", "hypothetical", "resolved", "to_user", "to_brand", "promo", "contact", "opaque", "laughing", "carries_negation", "vague", "unhappy",
            "elapsed", "owed", "owed_own", "status", "citing");

    static Model parse(String file, String yaml) {
        Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        Map<String, Object> map = map(file, "", root);
        double[] bias = labels(file, "bias", map.getOrDefault("bias", Map.of()));
        double repeat = number(file, "repeat_factor", map.getOrDefault("repeat_factor", 0.5));
        double before = number(file, "before_contrast", map.getOrDefault("before_contrast", 1.0));
        Map<String, double[]> features = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : map(file, "features", require(file, map, "features")).entrySet()) {
            features.put(e.getKey(), labels(file, "features." + e.getKey(), e.getValue()));
        }
        Map<String, Double> concreteness = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : map(file, "concreteness", map.getOrDefault("concreteness", Map.of())).entrySet()) {
            concreteness.put(e.getKey(), number(file, "concreteness." + e.getKey(), e.getValue()));
        }
        double threshold = number(file, "concrete_threshold", map.getOrDefault("concrete_threshold", 1.0));
        Map<String, Set<String>> signs = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : map(file, "signs", map.getOrDefault("signs", Map.of())).entrySet()) {
            if (!SIGNS.contains(e.getKey())) {
                throw new IllegalArgumentException(file + ": signs." + e.getKey() + " is not a known sign; known: "
                        + String.join(", ", new java.util.TreeSet<>(SIGNS)));
            }
            if (!(e.getValue() instanceof List<?> list)) {
                throw new IllegalArgumentException(file + ": signs." + e.getKey() + " must be a list of features");
            }
            Set<String> names = new LinkedHashSet<>();
            list.forEach(o -> names.add(String.valueOf(o)));
            signs.put(e.getKey(), Set.copyOf(names));
        }
        for (String sign : SIGNS) {
            signs.putIfAbsent(sign, Set.of());
        }
        Map<String, double[]> combinations = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : map(file, "combinations", map.getOrDefault("combinations", Map.of())).entrySet()) {
            if (!COMBINATIONS.contains(e.getKey())) {
                throw new IllegalArgumentException(file + ": combinations." + e.getKey()
                        + " is not a known combination; known: " + String.join(", ", new java.util.TreeSet<>(COMBINATIONS)));
            }
            combinations.put(e.getKey(), labels(file, "combinations." + e.getKey(), e.getValue()));
        }
        Map<String, Object> learned = map(file, "learned", map.getOrDefault("learned", Map.of()));
        double learnedWeight = number(file, "learned.weight", learned.getOrDefault("weight", 0.0));
        double learnedTemperature = number(file, "learned.temperature", learned.getOrDefault("temperature", 1.0));
        for (String key : learned.keySet()) {
            if (!Set.of("weight", "temperature").contains(key)) {
                throw new IllegalArgumentException(file + ": unknown key 'learned." + key + "'");
            }
        }
        for (String key : map.keySet()) {
            if (!Set.of("bias", "repeat_factor", "before_contrast", "features", "concreteness",
                    "concrete_threshold", "signs", "combinations", "learned").contains(key)) {
                throw new IllegalArgumentException(file + ": unknown key '" + key + "'");
            }
        }
        return new Model(bias, repeat, before, Map.copyOf(features), Map.copyOf(concreteness), threshold,
                Map.copyOf(signs), Map.copyOf(combinations), learnedWeight, learnedTemperature);
    }

    /** Every feature name the model mentions, for checking them against the lexicons. */
    Set<String> mentionedFeatures() {
        Set<String> out = new LinkedHashSet<>(features.keySet());
        out.addAll(concreteness.keySet());
        signs.values().forEach(out::addAll);
        return out;
    }

    private static Object require(String file, Map<String, Object> map, String key) {
        Object v = map.get(key);
        if (v == null) {
            throw new IllegalArgumentException(file + ": '" + key + "' is missing");
        }
        return v;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(String file, String key, Object o) {
        if (o == null) {
            return Map.of();
        }
        if (!(o instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException(file + ": " + (key.isEmpty() ? "the file" : key) + " must be a mapping");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        ((Map<Object, Object>) m).forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    private static double[] labels(String file, String key, Object o) {
        double[] w = new double[Label.values().length];
        for (Map.Entry<String, Object> e : map(file, key, o).entrySet()) {
            Label label = Label.fromCode(e.getKey()).orElseThrow(() -> new IllegalArgumentException(
                    file + ": " + key + "." + e.getKey() + " is not a label (complaint, troll, question, praise, spam, other)"));
            w[label.ordinal()] = number(file, key + "." + e.getKey(), e.getValue());
        }
        return w;
    }

    private static double number(String file, String key, Object o) {
        if (o instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException(file + ": " + key + " must be a number, got '" + o + "'");
    }
}
