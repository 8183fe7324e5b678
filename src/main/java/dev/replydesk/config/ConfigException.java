package dev.replydesk.config;

import java.util.List;

/**
 * The config cannot be used. Carries every problem found, each as
 * {@code file:line: key.path: what is wrong}; the message lists them all.
 * Never contains the Telegram token or other secrets.
 */
public final class ConfigException extends Exception {
    private final List<String> problems;

    ConfigException(List<String> problems) {
        super(message(problems));
        this.problems = List.copyOf(problems);
    }

    /** Each problem on its own: {@code config/replydesk.yml:23: sla.target: "15x" is not a duration ...}. */
    public List<String> problems() {
        return problems;
    }

    private static String message(List<String> problems) {
        if (problems.size() == 1) {
            return problems.get(0);
        }
        StringBuilder sb = new StringBuilder(problems.size() + " problems in the config:");
        for (String p : problems) {
            sb.append("\n  ").append(p);
        }
        return sb.toString();
    }
}
