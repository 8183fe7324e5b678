package dev.replydesk.app;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;

/** One subcommand of {@code replydesk.jar}. */
interface Command {
    /** The name typed on the command line, e.g. {@code suggest} or {@code kb check}. */
    String name();

    /** One line for the list of commands. */
    String summary();

    /** The full text printed for {@code --help}. */
    String usage();

    /**
     * Runs the command.
     *
     * @return the process exit code: 0 success, 1 the work found problems or failed, 2 bad usage
     */
    int run(List<String> args, InputStream in, PrintStream out, PrintStream err) throws Exception;
}
