package dev.replydesk.config;

import dev.replydesk.language.Lang;
import java.nio.file.Path;
import java.util.Objects;

/**
 * {@code knowledge-base:} where the Markdown entries live.
 *
 * @param dir             {@code knowledge-base.dir}: default {@code knowledge-base}; a relative
 *                        path is resolved by {@link ReplydeskConfig#resolve(Path)}
 * @param defaultLanguage {@code knowledge-base.default-language}: for entries that name none, default ru
 */
public record KnowledgeBaseConfig(Path dir, Lang defaultLanguage) {
    public static final Path DEFAULT_DIR = Path.of("knowledge-base");

    public KnowledgeBaseConfig {
        Checks.required(dir, "knowledge-base.dir");
        Objects.requireNonNull(defaultLanguage, "knowledge-base.default-language");
    }
}
