package dev.replydesk.inbox;

/** Links to messages in supergroups ({@code t.me/c/...}); basic groups have none. */
final class Links {
    private static final long SUPERGROUP_OFFSET = 1_000_000_000_000L;

    private Links() {
    }

    static String message(long chatId, long messageId, Long threadId) {
        if (chatId > -SUPERGROUP_OFFSET) {
            return null;
        }
        long internal = -chatId - SUPERGROUP_OFFSET;
        String link = "https://t.me/c/" + internal + "/" + messageId;
        return threadId == null ? link : link + "?thread=" + threadId;
    }
}
