package dev.replydesk.triage;
import java.nio.file.*;
import java.util.*;
/** Development aid: the learned feature trained WITHOUT blind-a, measured on blind-a (cross-check). */
final class LearnedCrossCheck {
    public static void main(String[] a) throws Exception {
        Path dir = Files.createTempDirectory("tune");
        for (String n : Rules.FILES) if (!n.equals("learned.tsv")) Files.copy(Path.of("config/triage", n), dir.resolve(n));
        List<String> train = new ArrayList<>(LearnedModelBuilder.TRAINING); train.remove("blind-a.tsv");
        Files.writeString(dir.resolve("learned.tsv"), LearnedModelBuilder.build(train));
        BlindSetReport.Figures f = BlindSetReport.measure(Triage.load(dir), Fixtures.read("blind-a.tsv"));
        System.out.println("A (learned without A): " + f);
        f.errors().forEach(e -> System.out.println("  " + e));
    }
}
