package dev.replydesk.config;

import dev.replydesk.language.Lang;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The whole of {@code config/replydesk.yml}, validated. Built by {@link ConfigLoader}.
 *
 * <p>Relative paths in the file ({@code knowledge-base.dir}, an H2 {@code ./data/...} URL) are
 * relative to the <em>working directory</em> the bot is started in, not to the config file's
 * directory: the shipped file assumes the bot runs from the project (or container) root.
 * {@link #resolve(Path)} applies that rule.
 */
public record ReplydeskConfig(Path file, Telegram telegram, List<Community> communities, Moderators moderators,
                              Managers managers, Editors editors, Brand brand, Storage storage,
                              KnowledgeBaseConfig knowledgeBase, Sla sla, Routing routing, ReviewConfig review,
                              Webhook webhook) {
    public ReplydeskConfig {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(telegram, "telegram");
        communities = Checks.list(communities, "communities");
        if (communities.isEmpty()) {
            throw new IllegalArgumentException("communities needs at least one community");
        }
        Set<Long> seen = new HashSet<>();
        for (Community c : communities) {
            if (!seen.add(c.chatId())) {
                throw new IllegalArgumentException("communities: chat-id " + c.chatId() + " is listed twice");
            }
        }
        Objects.requireNonNull(moderators, "moderators");
        if (seen.contains(moderators.chatId())) {
            throw new IllegalArgumentException(
                    "moderators.chat-id must not be one of the communities (cards would become comments)");
        }
        Objects.requireNonNull(managers, "managers");
        Objects.requireNonNull(editors, "editors");
        Objects.requireNonNull(brand, "brand");
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(knowledgeBase, "knowledge-base");
        Objects.requireNonNull(sla, "sla");
        Objects.requireNonNull(routing, "routing");
        Objects.requireNonNull(review, "review");
        Objects.requireNonNull(webhook, "webhook");
    }

    /** The directory holding the config file (absolute). */
    public Path configDir() {
        Path parent = file.toAbsolutePath().getParent();
        return parent == null ? file.toAbsolutePath().getRoot() : parent;
    }

    /**
     * Resolves a path from the config: absolute paths stay, relative ones are taken against the
     * working directory (as in {@code knowledge-base} or {@code ./data/replydesk}).
     */
    public Path resolve(Path path) {
        return path.isAbsolute() ? path.normalize() : Path.of("").toAbsolutePath().resolve(path).normalize();
    }

    public boolean isCommunity(long chatId) {
        return community(chatId).isPresent();
    }

    public Optional<Community> community(long chatId) {
        return communities.stream().filter(c -> c.chatId() == chatId).findFirst();
    }

    /** Moderators and managers may press card buttons and reply to cards. */
    public boolean canModerate(long userId) {
        return moderators.users().contains(userId) || managers.users().contains(userId);
    }

    public boolean isManager(long userId) {
        return managers.users().contains(userId);
    }

    public boolean isEditor(long userId) {
        return editors.users().contains(userId);
    }

    /**
     * A person's language: managers.languages, then moderators.languages, then editors.languages,
     * else {@link Lang#DEFAULT}.
     */
    public Lang languageOf(long userId) {
        return configuredLanguage(userId).orElse(Lang.DEFAULT);
    }

    /** The language the config gives a person (managers', then moderators', then editors' languages), if any. */
    public java.util.Optional<Lang> configuredLanguage(long userId) {
        Lang lang = managers.languages().get(userId);
        if (lang == null) {
            lang = moderators.languages().get(userId);
        }
        if (lang == null) {
            lang = editors.languages().get(userId);
        }
        return java.util.Optional.ofNullable(lang);
    }
}
