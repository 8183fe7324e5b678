package dev.replydesk.config;

import java.util.List;

/**
 * {@code brand:} who speaks for the brand directly in the community, so their replies close
 * open items just like replies published through the bot.
 *
 * @param accounts    {@code brand.accounts}: user ids answering in the community as the brand
 * @param senderChats {@code brand.sender-chats}: channel ids posting as the brand (sender_chat)
 */
public record Brand(List<Long> accounts, List<Long> senderChats) {
    public Brand {
        accounts = Checks.list(accounts, "brand.accounts");
        Checks.userIds(accounts, "brand.accounts");
        senderChats = Checks.list(senderChats, "brand.sender-chats");
        senderChats.forEach(id -> Checks.chatId(id, "brand.sender-chats"));
    }

    public static Brand none() {
        return new Brand(List.of(), List.of());
    }
}
