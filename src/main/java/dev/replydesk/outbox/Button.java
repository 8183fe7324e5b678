package dev.replydesk.outbox;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * An inline button. Its callback data is what Telegram hands back when it is pressed: 1–64 bytes
 * of UTF-8, so it carries an id, never a payload.
 */
public record Button(String text, String callbackData) {
    public static final int MAX_CALLBACK_BYTES = 64;

    public Button {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(callbackData, "callbackData");
        if (text.isBlank()) {
            throw new IllegalArgumentException("a button needs a text");
        }
        int bytes = callbackData.getBytes(StandardCharsets.UTF_8).length;
        if (bytes < 1 || bytes > MAX_CALLBACK_BYTES) {
            throw new IllegalArgumentException("callback data must be 1-" + MAX_CALLBACK_BYTES
                    + " bytes of UTF-8, got " + bytes + ": " + callbackData);
        }
    }
}
