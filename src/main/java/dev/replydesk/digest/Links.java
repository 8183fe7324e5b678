package dev.replydesk.digest;

/** Links to messages in supergroups ({@code t.me/c/...}); basic groups have none. */
final class Links {
    private static final long SUPERGROUP_OFFSET = 1_000_000_000_000L;

    private Links() {
    }

    /** The message's link, or null for a basic group (whose messages cannot be linked). */
    static String message(long chatId, long messageId, Long threadId) {
        if (chatId > -SUPERGROUP_OFFSET) {
            return null;
        }
        String link = "https://t.me/c/" + (-chatId - SUPERGROUP_OFFSET) + "/" + messageId;
        return threadId == null ? link : link + "?thread=" + threadId;
    }
}
