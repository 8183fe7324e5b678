package dev.replydesk.triage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Figures on a labelled set: accuracy, macro-F1, complaint recall and complaints taken for
 * trolls. Run from the test classpath:
 * {@code java -cp target/classes:target/test-classes:... dev.replydesk.triage.BlindSetReport blind-a.tsv [-v]}
 */
final class BlindSetReport {
    record Figures(int n, double accuracy, double macroF1, double complaintRecall, int complaintsAsTroll,
            List<String> errors) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "n=%d accuracy=%.3f macroF1=%.3f complaintRecall=%.3f complaints→troll=%d",
                    n, accuracy, macroF1, complaintRecall, complaintsAsTroll);
        }
    }

    private BlindSetReport() {
    }

    static Figures measure(Triage triage, List<Fixtures.Case> cases) {
        int labels = Label.values().length;
        int[][] confusion = new int[labels][labels];
        List<String> errors = new ArrayList<>();
        for (Fixtures.Case c : cases) {
            Verdict v = triage.classify(c.text());
            confusion[c.label().ordinal()][v.label().ordinal()]++;
            if (v.label() != c.label()) {
                errors.add(c.label().code() + " → " + v.label().code() + " | " + c.text() + " | " + v.reasons());
            }
        }
        int right = 0;
        double f1sum = 0;
        for (int i = 0; i < labels; i++) {
            right += confusion[i][i];
            int gold = 0, predicted = 0;
            for (int j = 0; j < labels; j++) {
                gold += confusion[i][j];
                predicted += confusion[j][i];
            }
            double p = predicted == 0 ? 0 : (double) confusion[i][i] / predicted;
            double r = gold == 0 ? 0 : (double) confusion[i][i] / gold;
            f1sum += p + r == 0 ? 0 : 2 * p * r / (p + r);
        }
        int c = Label.COMPLAINT.ordinal();
        int complaints = 0;
        for (int j = 0; j < labels; j++) {
            complaints += confusion[c][j];
        }
        return new Figures(cases.size(), (double) right / cases.size(), f1sum / labels,
                complaints == 0 ? 0 : (double) confusion[c][c] / complaints, confusion[c][Label.TROLL.ordinal()], errors);
    }

    public static void main(String[] args) {
        Triage triage = Triage.load(Path.of("config/triage"));
        boolean verbose = List.of(args).contains("-v");
        for (String file : args) {
            if (file.startsWith("-")) {
                continue;
            }
            Figures f = measure(triage, Fixtures.read(file));
            System.out.println(file + ": " + f);
            if (verbose) {
                f.errors().forEach(e -> System.out.println("  " + e));
            }
        }
    }
}
