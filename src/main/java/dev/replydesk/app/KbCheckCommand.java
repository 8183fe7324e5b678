package dev.replydesk.app;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;

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
                """;
    }

    @Override
    public int run(List<String> args, InputStream in, PrintStream out, PrintStream err) {
        Args.parse(args, java.util.Set.of("config"), java.util.Set.of());
        err.println("replydesk kb check: not built yet");
        return 1;
    }
}
