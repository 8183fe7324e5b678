package dev.replydesk.config;

import java.nio.file.Path;
import java.util.Map;

/** Reads and validates {@code config/replydesk.yml}. (Loader body lands in the next commit.) */
public final class ConfigLoader {
    private ConfigLoader() {
    }

    public static ReplydeskConfig load(Path file, Map<String, String> env) throws ConfigException {
        throw new UnsupportedOperationException("not yet");
    }

    public static ReplydeskConfig parse(String yaml, String fileName, Map<String, String> env)
            throws ConfigException {
        throw new UnsupportedOperationException("not yet");
    }
}
