package dev.replydesk.app;

import dev.replydesk.knowledge.KnowledgeBase;
import dev.replydesk.knowledge.Problem;
import dev.replydesk.language.Lang;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** {@code kb check [DIR]}: validates the knowledge base and lists every problem as file:line. */
final class KbCheckCommand implements Command {
    @Override
    public String name() {
        return "kb check";
    }

    @Override
    public String summary() {
        return "validate the knowledge base; non-zero exit on any problem";
    }

    @Override
    public String usage() {
        return """
                Usage: java -jar replydesk.jar kb check [DIR] [--config FILE]

                Checks every Markdown entry under DIR (default: knowledge-base.dir from the
                config file, else ./knowledge-base) and prints each problem as
                FILE:LINE: what is wrong. Exits 0 when there is none, 1 otherwise.
                """;
    }

    @Override
    public int run(List<String> words, InputStream in, PrintStream out, PrintStream err) throws Exception {
        Args args = Args.parse(words, Set.of("config"), Set.of()).atMostPositional(1);
        Path dir = args.positional().isEmpty()
                ? KnowledgeDir.fromConfig(args.option("config"))
                : Path.of(args.positional().get(0));
        KnowledgeBase kb = KnowledgeBase.load(dir, KnowledgeDir.languageFromConfig(args.option("config")));
        List<Problem> problems = kb.problems();
        for (Problem p : problems) {
            out.println(p);
        }
        StringBuilder counts = new StringBuilder();
        for (Lang lang : Lang.values()) {
            long n = kb.entries().stream().filter(e -> e.lang() == lang).count();
            counts.append(counts.isEmpty() ? "" : ", ").append(lang.code()).append(' ').append(n);
        }
        if (problems.isEmpty()) {
            out.println(dir + ": " + kb.ids().size() + " entries (" + counts + "), no problems");
            return 0;
        }
        err.println(dir + ": " + problems.size() + (problems.size() == 1 ? " problem" : " problems")
                + "; usable entries: " + kb.ids().size() + " (" + counts + ")");
        return 1;
    }
}
