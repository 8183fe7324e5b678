package dev.replydesk.triage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A multinomial Naive Bayes over word stems, learned from the team's own labelled comments
 * ({@code learned.tsv}: how often each stem occurs in comments of each label, written by the
 * test-scope {@code LearnedModelBuilder} from {@code src/test/resources/triage/*.tsv}). It is one
 * more feature in the scoring, never the judge: it only adds a share of its belief to each
 * label's score, and the card names the stems that spoke loudest.
 */
final class Learned {
    /** Evidence for one comment: a probability per label and the stems that pushed each label up. */
    record Evidence(double[] probability, List<List<String>> why) {
        static final Evidence NONE = new Evidence(new double[Label.values().length], List.of());
    }

    private static final int LABELS = Label.values().length;
    private static final int STEM = 5;

    private final double[] logPrior;
    private final Map<String, double[]> logLikelihood;
    private final double[] logUnseen;

    private Learned(double[] logPrior, Map<String, double[]> logLikelihood, double[] logUnseen) {
        this.logPrior = logPrior;
        this.logLikelihood = logLikelihood;
        this.logUnseen = logUnseen;
    }

    /** A model that knows nothing: every label equally likely, no stems to name. */
    static Learned empty() {
        return new Learned(new double[LABELS], Map.of(), new double[LABELS]);
    }

    /**
     * Parses {@code learned.tsv}: a line {@code #docs<TAB>n per label}, then {@code stem<TAB>count
     * per label}, labels in {@link Label} order.
     */
    static Learned parse(String file, String tsv) {
        double[] docs = null;
        Map<String, double[]> counts = new HashMap<>();
        int lineNo = 0;
        for (String line : tsv.split("\n")) {
            lineNo++;
            if (line.isBlank() || line.startsWith("# ")) {
                continue;
            }
            String[] parts = line.split("\t");
            if (parts.length != LABELS + 1) {
                throw new IllegalArgumentException(file + ": line " + lineNo + " needs a stem and "
                        + LABELS + " counts separated by tabs");
            }
            double[] c = new double[LABELS];
            for (int l = 0; l < LABELS; l++) {
                try {
                    c[l] = Double.parseDouble(parts[l + 1]);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(file + ": line " + lineNo + ": '" + parts[l + 1] + "' is not a count");
                }
            }
            if (parts[0].equals("#docs")) {
                docs = c;
            } else {
                counts.put(parts[0], c);
            }
        }
        if (docs == null) {
            return empty();
        }
        double total = 0;
        for (double d : docs) {
            total += d;
        }
        double[] prior = new double[LABELS];
        double[] tokens = new double[LABELS];
        for (double[] c : counts.values()) {
            for (int l = 0; l < LABELS; l++) {
                tokens[l] += c[l];
            }
        }
        double vocabulary = counts.size() + 1;
        double[] unseen = new double[LABELS];
        for (int l = 0; l < LABELS; l++) {
            prior[l] = Math.log((docs[l] + 1) / (total + LABELS));
            unseen[l] = Math.log(1 / (tokens[l] + vocabulary));
        }
        Map<String, double[]> likelihood = new HashMap<>();
        for (Map.Entry<String, double[]> e : counts.entrySet()) {
            double[] ll = new double[LABELS];
            for (int l = 0; l < LABELS; l++) {
                ll[l] = Math.log((e.getValue()[l] + 1) / (tokens[l] + vocabulary));
            }
            likelihood.put(e.getKey(), ll);
        }
        return new Learned(prior, Map.copyOf(likelihood), unseen);
    }

    /** The stems of a comment, each once, as the model counts them. */
    static Set<String> stems(Text text) {
        Set<String> out = new LinkedHashSet<>();
        for (String w : text.words) {
            out.add(stem(w));
        }
        if (text.original.indexOf('?') >= 0) {
            out.add("<?>");
        }
        if (text.original.indexOf('!') >= 0) {
            out.add("<!>");
        }
        return out;
    }

    /** A light stem good enough for ru, uk and en: digits fold to their length, long words are cut. */
    static String stem(String word) {
        if (!word.isEmpty() && Character.isDigit(word.charAt(0))) {
            return word.length() >= 4 ? "<num4+>" : "<num>";
        }
        return word.length() <= STEM ? word : word.substring(0, STEM);
    }

    /**
     * The model's belief about a comment, softened by {@code temperature} (Naive Bayes is sure of
     * itself far beyond what it knows): probabilities per label and, per label, the stems that
     * favour it most.
     */
    Evidence judge(Text text, double temperature) {
        if (logLikelihood.isEmpty()) {
            return Evidence.NONE;
        }
        double[] log = logPrior.clone();
        List<String> known = new ArrayList<>();
        for (String s : stems(text)) {
            double[] ll = logLikelihood.get(s);
            if (ll == null) {
                continue;
            }
            known.add(s);
            for (int l = 0; l < LABELS; l++) {
                log[l] += ll[l];
            }
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double v : log) {
            max = Math.max(max, v);
        }
        double[] p = new double[LABELS];
        double sum = 0;
        for (int l = 0; l < LABELS; l++) {
            p[l] = Math.exp((log[l] - max) / Math.max(temperature, 1e-6));
            sum += p[l];
        }
        List<List<String>> why = new ArrayList<>();
        for (int l = 0; l < LABELS; l++) {
            p[l] /= sum;
            why.add(favouring(known, l));
        }
        return new Evidence(p, why);
    }

    /** Up to three stems that favour a label over the others most, strongest first. */
    private List<String> favouring(List<String> known, int label) {
        List<String> out = new ArrayList<>();
        List<Double> by = new ArrayList<>();
        for (String s : known) {
            if (s.startsWith("<")) {
                continue;
            }
            double[] ll = logLikelihood.get(s);
            double others = Double.NEGATIVE_INFINITY;
            for (int l = 0; l < LABELS; l++) {
                if (l != label) {
                    others = Math.max(others, ll[l]);
                }
            }
            double margin = ll[label] - others;
            if (margin < 0.7) {
                continue;
            }
            int at = 0;
            while (at < by.size() && by.get(at) >= margin) {
                at++;
            }
            out.add(at, s);
            by.add(at, margin);
        }
        return out.size() > 3 ? List.copyOf(out.subList(0, 3)) : List.copyOf(out);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Learned[%d stems]", logLikelihood.size());
    }
}
