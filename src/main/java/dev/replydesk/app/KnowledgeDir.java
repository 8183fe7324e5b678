package dev.replydesk.app;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import dev.replydesk.language.Lang;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Where the knowledge base is, and its default language, for the commands that need only that:
 * {@code knowledge-base.dir} and {@code knowledge-base.default-language} of the config file (relative to the working directory, as the config loader resolves it),
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
        Object root = read(configFile.get());
        if (root instanceof Map<?, ?> map && map.get("knowledge-base") instanceof Map<?, ?> kb
                && kb.get("dir") instanceof String dir && !dir.isBlank()) {
            return Path.of(dir.strip());
        }
        return DEFAULT;
    }

    /** {@code knowledge-base.default-language} of the config file, else {@link Lang#DEFAULT}. */
    static Lang languageFromConfig(Optional<String> configFile) throws IOException {
        if (configFile.isEmpty()) {
            return Lang.DEFAULT;
        }
        Object root = read(configFile.get());
        if (root instanceof Map<?, ?> map && map.get("knowledge-base") instanceof Map<?, ?> kb
                && kb.get("default-language") instanceof String code && !code.isBlank()) {
            return Lang.fromCode(code.strip()).orElseThrow(() -> new IOException(configFile.get()
                    + ": knowledge-base.default-language must be ru, uk or en, not '" + code.strip() + "'"));
        }
        return Lang.DEFAULT;
    }

    private static Object read(String configFile) throws IOException {
        Path file = Path.of(configFile);
        Object root;
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(r);
        } catch (org.yaml.snakeyaml.error.YAMLException e) {
            throw new IOException(file + ": broken YAML: " + e.getMessage().replaceAll("\\s+", " "), e);
        }
        return root;
    }
}
