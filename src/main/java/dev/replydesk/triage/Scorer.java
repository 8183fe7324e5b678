package dev.replydesk.triage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.Set;

/**
 * Turns the evidence found in a comment into a label and its reasons. Every feature adds its
 * weights to the labels' scores (a repeated feature adds less, words before a "but" count less);
 * then the combinations that carry the judgement add theirs: something concrete to solve plus
 * unhappiness is a complaint, abuse with nothing concrete is trolling, praise next to a problem
 * is sarcasm, a question that reports trouble is a complaint. The best score wins.
 */
final class Scorer {
    private static final Label[] LABELS = Label.values();
    private static final int MAX_REASONS = 4;

    private final Model model;
    private final Map<String, String> texts = new java.util.HashMap<>();

    Scorer(Model model, ResourceBundle bundle) {
        this.model = model;
        for (String key : bundle.keySet()) {
            texts.put(key, bundle.getString(key));
        }
    }

    Verdict score(Rules.Reading reading) {
        List<Hit> hits = reading.hits();
        int contrast = reading.contrast();
        Map<String, List<Hit>> byFeature = new LinkedHashMap<>();
        Set<String> interrogative = model.signs().get("interrogative");
        for (Hit h : hits) {
            // "как новый", "какие же вы": a question word mid-sentence, with no "?", asks nothing
            if (interrogative.contains(h.feature()) && !reading.questionMark() && !h.opening()) {
                continue;
            }
            byFeature.computeIfAbsent(h.feature(), k -> new ArrayList<>()).add(h);
        }
        // "что значит статус «в пути»?": quotation marks that cite a word are no smirk
        if (has(byFeature, "citing")) {
            byFeature.remove("sarcasm_marker");
        }

        double[] scores = model.bias().clone();
        Map<Hit, Double> strength = new java.util.IdentityHashMap<>();
        List<Hit> counted = new ArrayList<>();
        for (Map.Entry<String, List<Hit>> e : byFeature.entrySet()) {
            double[] w = model.features().get(e.getKey());
            List<Hit> list = e.getValue();
            list.sort(Comparator.comparingInt(Hit::start));
            for (int k = 0; k < list.size() && k < 3; k++) {
                Hit h = list.get(k);
                double factor = (k == 0 ? 1.0 : model.repeat())
                        * (h.start() < contrast ? model.beforeContrast() : 1.0);
                strength.put(h, factor);
                counted.add(h);
                if (w != null) {
                    for (int l = 0; l < w.length; l++) {
                        scores[l] += w[l] * factor;
                    }
                }
            }
        }

        double concreteness = 0;
        for (String f : byFeature.keySet()) {
            concreteness += model.concreteness().getOrDefault(f, 0.0);
        }
        Set<String> fired = combinations(byFeature, contrast, concreteness);
        for (String c : fired) {
            double[] w = model.combinations().get(c);
            if (w != null) {
                for (int l = 0; l < w.length; l++) {
                    scores[l] += w[l];
                }
            }
        }

        // the learned feature: a share of what the team's own labelled comments suggest
        double[] learned = reading.learned().probability();
        for (int l = 0; l < scores.length; l++) {
            scores[l] += model.learnedWeight() * learned[l];
        }

        int best = 0;
        int second = -1;
        for (int l = 1; l < scores.length; l++) {
            if (scores[l] > scores[best]) {
                best = l;
            }
        }
        for (int l = 0; l < scores.length; l++) {
            if (l != best && (second < 0 || scores[l] > scores[second])) {
                second = l;
            }
        }
        Label label = LABELS[best];
        List<String> reasons = reasons(label, LABELS[second], counted, strength, fired, hits.isEmpty());
        // name the learned feature when it decided the label, or when little else speaks
        double[] without = scores.clone();
        int rulesBest = 0;
        for (int l = 0; l < scores.length; l++) {
            without[l] -= model.learnedWeight() * learned[l];
            if (without[l] > without[rulesBest]) {
                rulesBest = l;
            }
        }
        if (rulesBest != best || reasons.size() < 2) {
            learnedReason(reading.learned(), label, LABELS[second], reasons);
        }
        return new Verdict(label, reasons);
    }

    /**
     * The combinations of signs that carry the judgement, by name (see weights.yml). The signs
     * are feature groups named in weights.yml; only how they combine is decided here.
     */
    private Set<String> combinations(Map<String, List<Hit>> byFeature, int contrast, double concreteness) {
        boolean concrete = concreteness >= model.concreteThreshold();
        boolean trivial = concreteness == 0;
        boolean real = has(byFeature, "real");
        boolean positive = has(byFeature, "positive");
        // a long wait after an order or a payment is trouble even without a word of complaint
        boolean overdue = has(byFeature, "long_wait") && real && !positive;
        // "где мой заказ?", "когда привезут? оплатил 10 дней назад": asking after what one is owed
        boolean owed = (has(byFeature, "owed") || (has(byFeature, "status") && has(byFeature, "elapsed")))
                && (real || has(byFeature, "owed_own")) && !positive && !has(byFeature, "hypothetical");
        boolean trouble = has(byFeature, "trouble") || overdue || owed;
        boolean negative = has(byFeature, "negative") || overdue || owed;
        boolean abusive = has(byFeature, "abusive");
        boolean asking = has(byFeature, "asking");
        boolean onTopic = has(byFeature, "on_topic");
        boolean sarcastic = has(byFeature, "sarcastic");
        // "если товар с браком, как вернуть?": the trouble comes after the "if" and nothing happened
        boolean hypothetical = has(byFeature, "hypothetical") && !real
                && allAfter(byFeature, "trouble", first(byFeature, "hypothetical"));
        // "ты", "@name": one member talking to another, not a customer to the brand
        boolean toUser = has(byFeature, "to_user") && !has(byFeature, "to_brand");
        // the other member's trouble, not the writer's own case
        boolean othersCase = toUser && !real;
        boolean advert = has(byFeature, "promo") && has(byFeature, "contact");
        // "ждал долго, но холодильник отличный": the unhappy part came before the "but";
        // "быстро заменили бракованный чайник": the trouble is told as solved
        boolean outweighed = (contrast >= 0
                        && allBefore(byFeature, "negative", contrast)
                        && anyAfter(byFeature, "positive", contrast))
                || (has(byFeature, "resolved") && (contrast < 0 || allBefore(byFeature, "negative", contrast)));

        Set<String> fired = new LinkedHashSet<>();
        if (overdue) {
            fired.add("overdue");
        }
        if (owed) {
            fired.add("still_owed");
        }
        if (advert) {
            fired.add("advert");
        }
        if (has(byFeature, "laughing") && (negative || abusive)) {
            fired.add("mocking");
        }
        // abuse next to a product name is not yet a case: someone must have had trouble or a purchase
        boolean grounded = trouble || real;
        boolean onlyAbuse = abusive && !has(byFeature, "unhappy");
        if (negative && concrete && (grounded || !onlyAbuse)
                && !outweighed && !hypothetical && !othersCase && !advert) {
            fired.add("concrete_negative");
        }
        if (toUser) {
            fired.add(abusive ? "abuse_between_users" : "between_users");
        }
        if (abusive && concrete && grounded && !toUser && !advert) {
            fired.add("sweary_but_concrete");
        }
        if (abusive && !(concrete && grounded)) {
            fired.add("abuse_without_substance");
        }
        // "спасибо, что доставили за месяц 🙃": a long wait with a wink is no praise either
        boolean slow = has(byFeature, "long_wait") && real;
        if (((positive && trouble) || (sarcastic && (negative || slow))) && !outweighed) {
            fired.add("sarcasm");
        }
        if (has(byFeature, "vague") && !trouble && !abusive && trivial && !positive) {
            fired.add("vague_negative");
        }
        if (asking && trouble && !hypothetical) {
            fired.add("question_about_trouble");
        }
        if (asking && hypothetical && trouble) {
            fired.add("hypothetical_question");
        }
        if (asking && positive && !trouble) {
            fired.add("polite_question");
        }
        if (asking && !onTopic && !trouble && !positive) {
            fired.add("offtopic_question");
        }
        return fired;
    }

    /** Names the stems the learned feature leaned on, when it leaned the winning way. */
    private void learnedReason(Learned.Evidence evidence, Label label, Label runnerUp, List<String> reasons) {
        if (evidence.why().isEmpty() || reasons.size() >= MAX_REASONS) {
            return;
        }
        double[] p = evidence.probability();
        List<String> stems = evidence.why().get(label.ordinal());
        if (model.learnedWeight() * (p[label.ordinal()] - p[runnerUp.ordinal()]) < 0.3 || stems.isEmpty()) {
            return;
        }
        List<String> quoted = stems.stream().map(s -> "'" + s + "…'").toList();
        reasons.add(text("reason.learned").replace("{0}", String.join(", ", quoted)).replace("{label}", name(label)));
    }

    private boolean has(Map<String, List<Hit>> byFeature, String sign) {
        for (String f : model.signs().get(sign)) {
            if (byFeature.containsKey(f)) {
                return true;
            }
        }
        return false;
    }

    private boolean allBefore(Map<String, List<Hit>> byFeature, String sign, int offset) {
        for (String f : model.signs().get(sign)) {
            for (Hit h : byFeature.getOrDefault(f, List.of())) {
                if (h.start() >= offset) {
                    return false;
                }
            }
        }
        return true;
    }

    private boolean allAfter(Map<String, List<Hit>> byFeature, String sign, int offset) {
        for (String f : model.signs().get(sign)) {
            for (Hit h : byFeature.getOrDefault(f, List.of())) {
                if (h.start() < offset) {
                    return false;
                }
            }
        }
        return true;
    }

    private int first(Map<String, List<Hit>> byFeature, String sign) {
        int first = Integer.MAX_VALUE;
        for (String f : model.signs().get(sign)) {
            for (Hit h : byFeature.getOrDefault(f, List.of())) {
                first = Math.min(first, h.start());
            }
        }
        return first;
    }

    private boolean anyAfter(Map<String, List<Hit>> byFeature, String sign, int offset) {
        for (String f : model.signs().get(sign)) {
            for (Hit h : byFeature.getOrDefault(f, List.of())) {
                if (h.start() >= offset) {
                    return true;
                }
            }
        }
        return false;
    }

    // --- reasons -------------------------------------------------------------------------------

    private List<String> reasons(Label label, Label runnerUp, List<Hit> counted, Map<Hit, Double> strength,
            Set<String> fired,
            boolean nothing) {
        List<String> out = new ArrayList<>();
        List<Hit> support = supporting(label, counted, strength);
        List<String> parts = new ArrayList<>();
        if (label == Label.COMPLAINT) {
            Hit concreteHit = null;
            double top = 0;
            for (Hit h : counted) {
                double c = model.concreteness().getOrDefault(h.feature(), 0.0);
                if (c > top) {
                    top = c;
                    concreteHit = h;
                }
            }
            Hit unhappy = support.stream()
                    .filter(h -> model.signs().get("negative").contains(h.feature()))
                    .findFirst().orElse(null);
            if (concreteHit != null) {
                add(parts, show(concreteHit));
            }
            if (unhappy != null) {
                add(parts, show(unhappy));
            }
        }
        for (Hit h : support) {
            if (parts.size() >= 2) {
                break;
            }
            add(parts, show(h));
        }
        if (parts.isEmpty()) {
            // with no rule at all, only the learned feature can have moved the label off "other"
            String key = !nothing ? "reason.balance" : label == Label.OTHER ? "reason.nothing" : "reason.learned_only";
            out.add(text(key).replace("{label}", name(label)));
        } else if (label == Label.TROLL && fired.contains("abuse_without_substance")) {
            out.add(text("reason.unconcrete").replace("{0}", String.join(" + ", parts)));
        } else {
            out.add(String.join(" + ", parts) + " → " + name(label));
        }
        for (Hit h : support) {
            if (h.feature().startsWith("not_") && out.size() < MAX_REASONS) {
                add(out, text("reason.negated").replace("{0}", show(h)));
            }
        }
        for (String c : fired) {
            double[] w = model.combinations().get(c);
            if (w == null || out.size() >= MAX_REASONS) {
                continue;
            }
            boolean helps = w[label.ordinal()] > 0 || w[runnerUp.ordinal()] < 0;
            // "asks after what is owed" already says why a question is a complaint
            boolean said = c.equals("question_about_trouble") && fired.contains("still_owed");
            if (helps && !said && !(c.equals("abuse_without_substance") && label == Label.TROLL)) {
                add(out, text("combination." + c));
            }
        }
        return out;
    }

    /** Hits that raised the winning label's score, strongest first. */
    private List<Hit> supporting(Label label, List<Hit> counted, Map<Hit, Double> strength) {
        List<Hit> out = new ArrayList<>();
        List<Double> by = new ArrayList<>();
        for (Hit h : counted) {
            double[] w = model.features().get(h.feature());
            if (w != null && w[label.ordinal()] > 0) {
                double s = w[label.ordinal()] * strength.get(h);
                int at = 0;
                while (at < by.size() && by.get(at) >= s) {
                    at++;
                }
                out.add(at, h);
                by.add(at, s);
            }
        }
        return out;
    }

    private String show(Hit h) {
        if (h.named()) {
            String name = optional("pattern." + h.feature());
            if (name != null) {
                return name;
            }
        }
        String s = h.surface().strip();
        if (s.length() > 40) {
            s = s.substring(0, 37) + "...";
        }
        return "'" + s + "'";
    }

    private static void add(List<String> list, String s) {
        if (!list.contains(s)) {
            list.add(s);
        }
    }

    /** The label as the reasons' language names it. */
    private String name(Label label) {
        return text("label." + label.code());
    }

    private String text(String key) {
        String s = optional(key);
        return s != null ? s : key;
    }

    private String optional(String key) {
        return texts.get(key);
    }
}
