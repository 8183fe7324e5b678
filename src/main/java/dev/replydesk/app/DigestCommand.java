package dev.replydesk.app;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;

final class DigestCommand implements Command {
    @Override
    public String name() {
        return "digest";
    }

    @Override
    public String summary() {
        return "print the managers' digest for a day";
    }

    @Override
    public String usage() {
        return """
                Usage: java -jar replydesk.jar digest [--date YYYY-MM-DD] [--config FILE]
                """;
    }

    @Override
    public int run(List<String> args, InputStream in, PrintStream out, PrintStream err) {
        Args.parse(args, java.util.Set.of("config"), java.util.Set.of());
        err.println("replydesk digest: not built yet");
        return 1;
    }
}
