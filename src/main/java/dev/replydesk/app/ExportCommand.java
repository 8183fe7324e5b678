package dev.replydesk.app;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;

final class ExportCommand implements Command {
    @Override
    public String name() {
        return "export";
    }

    @Override
    public String summary() {
        return "export comments to CSV or XLSX";
    }

    @Override
    public String usage() {
        return """
                Usage: java -jar replydesk.jar export --format csv|xlsx [--from D] [--to D] --out FILE [--config FILE]
                """;
    }

    @Override
    public int run(List<String> args, InputStream in, PrintStream out, PrintStream err) {
        Args.parse(args, java.util.Set.of("config"), java.util.Set.of());
        err.println("replydesk export: not built yet");
        return 1;
    }
}
