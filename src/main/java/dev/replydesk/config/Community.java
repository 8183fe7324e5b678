package dev.replydesk.config;

import java.util.Objects;
import java.util.Optional;

/**
 * One entry of {@code communities:}: a chat whose messages are comments.
 *
 * @param chatId    {@code chat-id}: the group, supergroup or discussion group (negative)
 * @param name      {@code name}: shown on cards; defaults to the chat id
 * @param channelId {@code channel-id}: the channel this group discusses, if any (negative)
 */
public record Community(long chatId, String name, Optional<Long> channelId) {
    public Community {
        Checks.chatId(chatId, "communities[].chat-id");
        Objects.requireNonNull(name, "communities[].name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("communities[].name must not be empty");
        }
        Objects.requireNonNull(channelId, "communities[].channel-id");
        channelId.ifPresent(id -> Checks.chatId(id, "communities[].channel-id"));
    }
}
