package dev.replydesk.app;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;

final class SuggestCommand implements Command {
    @Override
    public String name() {
        return "suggest";
    }

    @Override
    public String summary() {
        return "knowledge-base suggestions for comments on stdin, JSON lines";
    }

    @Override
    public String usage() {
        return """
                Usage: java -jar replydesk.jar suggest [--kb DIR] [--config FILE]
                """;
    }

    @Override
    public int run(List<String> args, InputStream in, PrintStream out, PrintStream err) {
        Args.parse(args, java.util.Set.of("config"), java.util.Set.of());
        err.println("replydesk suggest: not built yet");
        return 1;
    }
}
