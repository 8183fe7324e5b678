package dev.replydesk.triage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Development aid for calibrating the learned feature's share: each training file in turn is left
 * out of learned.tsv and measured, for a grid of weights and temperatures; the figures of all the
 * left-out files are pooled. Only the team's own files take part (never blind-b, blind-c or the
 * shared eval sets). Run: {@code java -cp target/classes:target/test-classes:target/replydesk.jar
 * dev.replydesk.triage.LearnedCrossValidation}
 */
final class LearnedCrossValidation {
    private LearnedCrossValidation() {
    }

    public static void main(String[] args) throws Exception {
        String weights = Files.readString(Path.of("config/triage/weights.yml"));
        double[] ws = {0, 2, 3, 4, 5, 6};
        double[] ts = {2, 3, 4};
        List<Path> folds = new ArrayList<>();
        List<String> files = LearnedModelBuilder.TRAINING;
        for (String held : files) {
            Path dir = Files.createTempDirectory("fold");
            for (String n : Rules.FILES) {
                if (!n.equals("learned.tsv") && !n.equals("weights.yml")) {
                    Files.copy(Path.of("config/triage", n), dir.resolve(n));
                }
            }
            List<String> train = new ArrayList<>(files);
            train.remove(held);
            Files.writeString(dir.resolve("learned.tsv"), LearnedModelBuilder.build(train));
            folds.add(dir);
        }
        for (double w : ws) {
            for (double t : ts) {
                String yml = weights.replaceAll("(?m)^learned:.*$",
                        String.format(Locale.ROOT, "learned: {weight: %.1f, temperature: %.1f}", w, t));
                List<Fixtures.Case> all = new ArrayList<>();
                List<Label> predicted = new ArrayList<>();
                for (int k = 0; k < files.size(); k++) {
                    Files.writeString(folds.get(k).resolve("weights.yml"), yml);
                    Triage triage = Triage.load(folds.get(k));
                    for (Fixtures.Case c : Fixtures.read(files.get(k))) {
                        all.add(c);
                        predicted.add(triage.classify(c.text()).label());
                    }
                }
                System.out.println(String.format(Locale.ROOT, "weight=%.1f temperature=%.1f ", w, t)
                        + pooled(all, predicted));
                if (w == 0) {
                    break;
                }
            }
        }
    }

    private static String pooled(List<Fixtures.Case> cases, List<Label> predicted) {
        int labels = Label.values().length;
        int[][] m = new int[labels][labels];
        for (int i = 0; i < cases.size(); i++) {
            m[cases.get(i).label().ordinal()][predicted.get(i).ordinal()]++;
        }
        int right = 0;
        double f1 = 0;
        for (int i = 0; i < labels; i++) {
            right += m[i][i];
            int gold = 0, pred = 0;
            for (int j = 0; j < labels; j++) {
                gold += m[i][j];
                pred += m[j][i];
            }
            double p = pred == 0 ? 0 : (double) m[i][i] / pred;
            double r = gold == 0 ? 0 : (double) m[i][i] / gold;
            f1 += p + r == 0 ? 0 : 2 * p * r / (p + r);
        }
        int c = Label.COMPLAINT.ordinal();
        int complaints = 0;
        for (int j = 0; j < labels; j++) {
            complaints += m[c][j];
        }
        return String.format(Locale.ROOT, "accuracy=%.3f macroF1=%.3f complaintRecall=%.3f complaints→troll=%d",
                (double) right / cases.size(), f1 / labels, (double) m[c][c] / complaints, m[c][Label.TROLL.ordinal()]);
    }
}
