package dev.replydesk.config;

import java.util.List;

/** {@code editors:} who may edit the knowledge base through the bot. {@code editors.users} may be empty. */
public record Editors(List<Long> users) {
    public Editors {
        users = Checks.list(users, "editors.users");
        Checks.userIds(users, "editors.users");
    }
}
