package dev.replydesk.knowledge;

import dev.replydesk.language.Lang;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.ResourceBundle;

/**
 * Something wrong with a knowledge-base file, for the editor who has to fix it. The sentence is
 * kept as a key of the resource bundle {@code knowledge/problems} (English, Russian, Ukrainian)
 * and its arguments, so the bot can tell each editor in their own language; {@link #message()}
 * is the English one, which {@code kb check} and the logs show.
 *
 * @param file the file (or folder) at fault
 * @param line 1-based line in the file, or 0 when the problem is not about one line
 * @param key  the sentence's key in {@code knowledge/problems*.properties}
 * @param args the values the sentence names (an id, a key, a path, a parser's own words)
 */
public record Problem(Path file, int line, String key, List<String> args) {
    private static final String BUNDLE = "knowledge/problems";

    public Problem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(key, "key");
        args = List.copyOf(args);
    }

    static Problem of(Path file, int line, String key, Object... args) {
        return new Problem(file, line, key, Arrays.stream(args).map(String::valueOf).toList());
    }

    /** The plain English sentence saying what is wrong and, where it helps, what to do. */
    public String message() {
        return message(Lang.EN);
    }

    /** The sentence in {@code lang}; a sentence missing in that language is given in English. */
    public String message(Lang lang) {
        ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, lang.locale(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        if (!bundle.containsKey(key)) {
            return args.isEmpty() ? key : key + ": " + String.join(", ", args);
        }
        // quotes in the sentences are literal, as in the bot's other texts
        return new MessageFormat(bundle.getString(key).replace("'", "''"), lang.locale()).format(args.toArray());
    }

    /** {@code file:line: message}, the shape compilers use so editors can jump to it. */
    @Override
    public String toString() {
        return line > 0 ? file + ":" + line + ": " + message() : file + ": " + message();
    }
}
