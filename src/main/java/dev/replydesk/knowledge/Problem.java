package dev.replydesk.knowledge;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Something wrong with a knowledge-base file, for the editor who has to fix it.
 *
 * @param file    the file (or folder) at fault
 * @param line    1-based line in the file, or 0 when the problem is not about one line
 * @param message a plain sentence saying what is wrong and, where it helps, what to do
 */
public record Problem(Path file, int line, String message) {
    public Problem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
    }

    /** {@code file:line: message}, the shape compilers use so editors can jump to it. */
    @Override
    public String toString() {
        return line > 0 ? file + ":" + line + ": " + message : file + ": " + message;
    }
}
