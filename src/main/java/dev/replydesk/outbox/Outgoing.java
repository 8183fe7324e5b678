package dev.replydesk.outbox;

import java.util.Arrays;
import java.util.Objects;

/**
 * A message the bot sends, in Telegram's terms but without Telegram's library. Texts and captions
 * are Telegram HTML (parse mode HTML): every piece of user text in them must be escaped.
 */
public sealed interface Outgoing permits Outgoing.Send, Outgoing.Edit, Outgoing.Document, Outgoing.Photo {
    /** Telegram's limit for a message text, counted after entities are parsed. */
    int MAX_TEXT = 4096;
    /** Telegram's limit for a caption. */
    int MAX_CAPTION = 1024;

    long chatId();

    /**
     * A new text message. {@code threadId} is the forum topic (or null), {@code replyToMessageId}
     * the message it answers (or null; if that message is gone the send fails instead of posting
     * out of context), {@code keyboard} its buttons (null or {@link Keyboard#NONE}: none). A text
     * longer than {@link #MAX_TEXT} is split by the outbox into several messages at paragraph,
     * line or word boundaries; the keyboard goes on the last one.
     */
    record Send(long chatId, Integer threadId, String html, Long replyToMessageId, Keyboard keyboard)
            implements Outgoing {
        public Send {
            Objects.requireNonNull(html, "html");
            if (!TelegramHtml.anyVisible(html.strip())) {
                throw new IllegalArgumentException("a message needs a text");
            }
        }

        public Send(long chatId, String html) {
            this(chatId, null, html, null, null);
        }
    }

    /**
     * Edits a message's text in place (a card showing its new state). {@code keyboard}: the new
     * buttons, {@link Keyboard#NONE} to remove them, {@code null} to leave them as they are. The
     * text must fit one message: cards are cut by their renderer, never split.
     */
    record Edit(long chatId, MessageRef target, String html, Keyboard keyboard) implements Outgoing {
        public Edit {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(html, "html");
            String text = html.strip();
            // never more visible characters than characters: most texts need no measuring
            int length = text.length() <= MAX_TEXT ? (TelegramHtml.anyVisible(text) ? 1 : 0)
                    : TelegramHtml.visibleLength(text);
            if (length == 0 || length > MAX_TEXT) {
                throw new IllegalArgumentException("an edited text must be 1-" + MAX_TEXT
                        + " characters, got " + length);
            }
        }
    }

    /** A file (an export). {@code caption} may be null. */
    record Document(long chatId, String fileName, byte[] content, String caption) implements Outgoing {
        public static final int MAX_BYTES = 50 * 1024 * 1024;

        public Document {
            checkFile(fileName, content, MAX_BYTES);
            checkCaption(caption);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Document d && d.chatId == chatId && d.fileName.equals(fileName)
                    && Arrays.equals(d.content, content) && Objects.equals(d.caption, caption);
        }

        @Override
        public int hashCode() {
            return Objects.hash(chatId, fileName, Arrays.hashCode(content), caption);
        }

        @Override
        public String toString() {
            return "Document[chatId=" + chatId + ", fileName=" + fileName + ", " + content.length
                    + " bytes, caption=" + caption + "]";
        }
    }

    /** A picture (a chart), PNG bytes. {@code caption} may be null. */
    record Photo(long chatId, String fileName, byte[] png, String caption) implements Outgoing {
        public static final int MAX_BYTES = 10 * 1024 * 1024;

        public Photo {
            checkFile(fileName, png, MAX_BYTES);
            checkCaption(caption);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Photo p && p.chatId == chatId && p.fileName.equals(fileName)
                    && Arrays.equals(p.png, png) && Objects.equals(p.caption, caption);
        }

        @Override
        public int hashCode() {
            return Objects.hash(chatId, fileName, Arrays.hashCode(png), caption);
        }

        @Override
        public String toString() {
            return "Photo[chatId=" + chatId + ", fileName=" + fileName + ", " + png.length
                    + " bytes, caption=" + caption + "]";
        }
    }

    private static void checkFile(String fileName, byte[] content, int maxBytes) {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(content, "content");
        if (fileName.isBlank()) {
            throw new IllegalArgumentException("a file needs a name");
        }
        if (content.length == 0 || content.length > maxBytes) {
            throw new IllegalArgumentException("a file must be 1-" + maxBytes + " bytes, got " + content.length);
        }
    }

    private static void checkCaption(String caption) {
        if (caption != null && TelegramHtml.visibleLength(caption) > MAX_CAPTION) {
            throw new IllegalArgumentException("a caption must be at most " + MAX_CAPTION + " characters");
        }
    }
}
