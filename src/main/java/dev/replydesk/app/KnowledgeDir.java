package dev.replydesk.app;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Where the knowledge base is for the commands that need only that: {@code knowledge-base.dir}
 * of the config file (relative to the working directory, as the config loader resolves it),
 * else {@code ./knowledge-base}. Reads just that key, so a config that is incomplete for the bot
 * still serves {@code kb check} and {@code suggest}.
 */
final class KnowledgeDir {
    static final Path DEFAULT = Path.of("knowledge-base");

    private KnowledgeDir() {
    }

    static Path fromConfig(Optional<String> configFile) throws IOException {
        if (configFile.isEmpty()) {
            return DEFAULT;
        }
        Path file = Path.of(configFile.get());
        Object root;
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(r);
        } catch (org.yaml.snakeyaml.error.YAMLException e) {
            throw new IOException(file + ": broken YAML: " + e.getMessage().replaceAll("\\s+", " "), e);
        }
        if (root instanceof Map<?, ?> map && map.get("knowledge-base") instanceof Map<?, ?> kb
                && kb.get("dir") instanceof String dir && !dir.isBlank()) {
            return Path.of(dir.strip());
        }
        return DEFAULT;
    }
}
