package dev.replydesk.app;

import dev.replydesk.config.ConfigException;
import dev.replydesk.config.ConfigLoader;
import dev.replydesk.config.ReplydeskConfig;
import dev.replydesk.digest.Exporter;
import dev.replydesk.storage.Database;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

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

                Writes one row per comment that arrived from --from to --to (inclusive, dates as
                YYYY-MM-DD in managers.timezone; without them, everything). CSV is UTF-8 with a
                byte-order mark; XLSX has typed cells, a frozen header and sheets per day and per post.
                """;
    }

    @Override
    public int run(List<String> words, InputStream in, PrintStream out, PrintStream err) throws IOException {
        Args args = Args.parse(words, Set.of("config", "format", "from", "to", "out"), Set.of()).atMostPositional(0);
        String formatName = args.option("format")
                .orElseThrow(() -> new Args.UsageException("--format csv|xlsx is required"));
        Exporter.Format format = Exporter.Format.parse(formatName);
        if (format == null) {
            throw new Args.UsageException("--format must be csv or xlsx, not '" + formatName + "'");
        }
        Path file = Path.of(args.option("out").orElseThrow(() -> new Args.UsageException("--out FILE is required")));
        LocalDate from = args.option("from").map(DigestCommand::date).orElse(null);
        LocalDate to = args.option("to").map(DigestCommand::date).orElse(null);
        if (from != null && to != null && from.isAfter(to)) {
            throw new Args.UsageException("--from " + from + " is after --to " + to);
        }
        ReplydeskConfig config;
        try {
            config = ConfigLoader.load(Path.of(args.option("config", "config/replydesk.yml")), System.getenv());
        } catch (ConfigException e) {
            err.println("replydesk export: " + e.getMessage());
            return 1;
        }
        Path dir = file.toAbsolutePath().getParent();
        Path partial = Files.createTempFile(dir, file.getFileName().toString(), ".part");
        int rows;
        try (Database db = DigestCommand.open(config)) {
            try (OutputStream stream = Files.newOutputStream(partial)) {
                rows = new Exporter(config, db).write(format, from, to, stream);
            }
            // A reader never sees half a file.
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
        out.println("wrote " + rows + " comments to " + file + " (times in " + config.managers().timezone() + ")");
        return 0;
    }
}
