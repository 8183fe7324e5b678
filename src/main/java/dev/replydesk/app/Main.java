package dev.replydesk.app;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** Entry point of {@code replydesk.jar}: picks the command and hands it the rest of the line. */
public final class Main {
    /** Built on first use, after main() has chosen the log level (commands hold loggers). */
    static List<Command> commands() {
        return List.of(
                new RunCommand(),
                new TryCommand(),
                new SuggestCommand(),
                new TriageCommand(),
                new ReviewCommand(),
                new KbCheckCommand(),
                new DigestCommand(),
                new ExportCommand());
    }

    /** Held strongly: java.util.logging forgets the level of a logger nobody references. */
    private static final java.util.logging.Logger LUCENE_VECTOR_LOG =
            java.util.logging.Logger.getLogger("org.apache.lucene.internal.vectorization");

    private Main() {
    }

    public static void main(String[] args) {
        if (System.getProperty("replydesk.log.level") == null) {
            // the bot logs what it does; the one-shot commands keep their output clean
            boolean bot = args.length > 0 && args[0].equals("run");
            System.setProperty("replydesk.log.level", bot ? "INFO" : "WARN");
        }
        // Lucene tells through java.util.logging that it could use the incubating Vector API: not actionable
        LUCENE_VECTOR_LOG.setLevel(java.util.logging.Level.SEVERE);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        int code = run(Arrays.asList(args), System.in, out, err);
        out.flush();
        if (code != 0 || !"run".equals(args.length > 0 ? args[0] : "")) {
            System.exit(code);
        }
    }

    /** Runs one command line; returns the exit code. Never calls System.exit, for tests. */
    public static int run(List<String> words, InputStream in, PrintStream out, PrintStream err) {
        if (words.isEmpty() || words.get(0).equals("--help") || words.get(0).equals("-h")
                || words.get(0).equals("help")) {
            out.print(overview());
            return words.isEmpty() ? 2 : 0;
        }
        for (Command command : commands()) {
            List<String> name = List.of(command.name().split(" "));
            if (words.size() >= name.size() && words.subList(0, name.size()).equals(name)) {
                List<String> rest = words.subList(name.size(), words.size());
                if (rest.contains("--help") || rest.contains("-h")) {
                    out.print(command.usage());
                    return 0;
                }
                try {
                    return command.run(rest, in, out, err);
                } catch (Args.UsageException e) {
                    err.println("replydesk " + command.name() + ": " + e.getMessage());
                    err.println("Try 'java -jar replydesk.jar " + command.name() + " --help'.");
                    return 2;
                } catch (Exception e) {
                    err.println("replydesk " + command.name() + ": " + describe(e));
                    return 1;
                }
            }
        }
        if (words.get(0).equals("kb")) {
            err.println("replydesk: 'kb' needs a subcommand: kb check [DIR]");
        } else {
            err.println("replydesk: unknown command '" + words.get(0) + "'");
        }
        err.print(overview());
        return 2;
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    static String overview() {
        StringBuilder sb = new StringBuilder();
        sb.append("replydesk: helps a brand's moderators answer community comments in Telegram\n\n");
        sb.append("Usage: java -jar replydesk.jar COMMAND [OPTIONS]\n\nCommands:\n");
        for (Command c : commands()) {
            sb.append(String.format("  %-10s %s%n", c.name(), c.summary()));
        }
        sb.append("\nEvery command takes --help.\n");
        return sb.toString();
    }
}
