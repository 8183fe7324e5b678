package dev.replydesk.app;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;

final class TryCommand implements Command {
    @Override
    public String name() {
        return "try";
    }

    @Override
    public String summary() {
        return "offline try-out: comments on stdin, cards on stdout";
    }

    @Override
    public String usage() {
        return """
                Usage: java -jar replydesk.jar try [--config FILE]
                """;
    }

    @Override
    public int run(List<String> args, InputStream in, PrintStream out, PrintStream err) {
        Args.parse(args, java.util.Set.of("config"), java.util.Set.of());
        err.println("replydesk try: not built yet");
        return 1;
    }
}
