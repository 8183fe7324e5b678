package dev.replydesk.app;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The command line of one command: {@code --name value} options, {@code --flag} switches and
 * positional words. Unknown options are refused with a message naming them, so a typo never
 * silently changes what a command does.
 */
public final class Args {
    private final Map<String, String> options = new LinkedHashMap<>();
    private final List<String> positional = new ArrayList<>();
    private final boolean help;

    private Args(boolean help) {
        this.help = help;
    }

    /**
     * Parses {@code words}.
     *
     * @param valued options that take a value, without the leading dashes
     * @param flags  options that take no value
     * @throws UsageException for an unknown option or a missing value
     */
    public static Args parse(List<String> words, Set<String> valued, Set<String> flags) {
        boolean help = words.contains("--help") || words.contains("-h");
        Args args = new Args(help);
        if (help) {
            return args;
        }
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (w.startsWith("--")) {
                String name = w.substring(2);
                String value = null;
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    value = name.substring(eq + 1);
                    name = name.substring(0, eq);
                }
                if (flags.contains(name)) {
                    if (value != null) {
                        throw new UsageException("option --" + name + " takes no value");
                    }
                    args.options.put(name, "true");
                } else if (valued.contains(name)) {
                    if (value == null) {
                        if (i + 1 >= words.size() || words.get(i + 1).startsWith("--")) {
                            throw new UsageException("option --" + name + " needs a value");
                        }
                        value = words.get(++i);
                    }
                    args.options.put(name, value);
                } else {
                    throw new UsageException("unknown option --" + name);
                }
            } else if (w.startsWith("-") && w.length() > 1 && !isNumber(w)) {
                throw new UsageException("unknown option " + w);
            } else {
                args.positional.add(w);
            }
        }
        return args;
    }

    private static boolean isNumber(String w) {
        return w.matches("-\\d+(\\.\\d+)?");
    }

    public boolean help() {
        return help;
    }

    public Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name));
    }

    public String option(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    public boolean flag(String name) {
        return options.containsKey(name);
    }

    public List<String> positional() {
        return List.copyOf(positional);
    }

    /** Refuses more positional words than {@code max}. */
    public Args atMostPositional(int max) {
        if (positional.size() > max) {
            throw new UsageException("unexpected argument '" + positional.get(max) + "'");
        }
        return this;
    }

    /** A command line that cannot be carried out; Main prints it with the usage and exits 2. */
    public static final class UsageException extends RuntimeException {
        public UsageException(String message) {
            super(message);
        }
    }
}
