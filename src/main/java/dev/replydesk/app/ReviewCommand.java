package dev.replydesk.app;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;

final class ReviewCommand implements Command {
    @Override
    public String name() {
        return "review";
    }

    @Override
    public String summary() {
        return "check draft replies (JSON lines on stdin) against the checklist";
    }

    @Override
    public String usage() {
        return """
                Usage: java -jar replydesk.jar review [--kb DIR] [--config FILE]
                """;
    }

    @Override
    public int run(List<String> args, InputStream in, PrintStream out, PrintStream err) {
        Args.parse(args, java.util.Set.of("config"), java.util.Set.of());
        err.println("replydesk review: not built yet");
        return 1;
    }
}
