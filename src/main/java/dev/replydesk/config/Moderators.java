package dev.replydesk.config;

import dev.replydesk.language.Lang;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code moderators:} the chat where cards go and who may act on them.
 *
 * @param chatId       {@code moderators.chat-id}: the moderators' group (negative)
 * @param users        {@code moderators.users}: user ids who may press buttons and reply (≥ 1)
 * @param languages    {@code moderators.languages}: per-user language for private messages
 * @param chatLanguage {@code moderators.language}: language of the cards, default ru
 */
public record Moderators(long chatId, List<Long> users, Map<Long, Lang> languages, Lang chatLanguage) {
    public Moderators {
        Checks.chatId(chatId, "moderators.chat-id");
        users = Checks.list(users, "moderators.users");
        if (users.isEmpty()) {
            throw new IllegalArgumentException("moderators.users needs at least one user id");
        }
        Checks.userIds(users, "moderators.users");
        languages = Checks.map(languages, "moderators.languages");
        Objects.requireNonNull(chatLanguage, "moderators.language");
    }
}
