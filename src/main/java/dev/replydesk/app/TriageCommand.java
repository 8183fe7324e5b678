package dev.replydesk.app;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;

final class TriageCommand implements Command {
    @Override
    public String name() {
        return "triage";
    }

    @Override
    public String summary() {
        return "label comments on stdin (complaint, troll, ...), JSON lines";
    }

    @Override
    public String usage() {
        return """
                Usage: java -jar replydesk.jar triage [--config FILE]
                """;
    }

    @Override
    public int run(List<String> args, InputStream in, PrintStream out, PrintStream err) {
        Args.parse(args, java.util.Set.of("config"), java.util.Set.of());
        err.println("replydesk triage: not built yet");
        return 1;
    }
}
