package dev.replydesk.config;

import dev.replydesk.language.Lang;
import java.util.List;
import java.util.Map;

/**
 * {@code editors:} who may edit the knowledge base through the bot.
 *
 * @param users     {@code editors.users}: user ids (may be empty)
 * @param languages {@code editors.languages}: per-editor language of the bot's private messages
 *                  (knowledge-base problems, {@code /kb}); ids must be in {@code editors.users}
 */
public record Editors(List<Long> users, Map<Long, Lang> languages) {
    public Editors {
        users = Checks.list(users, "editors.users");
        Checks.userIds(users, "editors.users");
        languages = Checks.map(languages, "editors.languages");
    }

    public Editors(List<Long> users) {
        this(users, Map.of());
    }
}
