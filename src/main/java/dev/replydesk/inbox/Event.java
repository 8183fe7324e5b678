package dev.replydesk.inbox;

import java.time.Instant;
import java.util.Objects;

/**
 * What the bot hears from Telegram, already stripped of the client library's types. The
 * telegram package maps each update to one event; {@link Intake} handles it.
 */
public sealed interface Event {
    long updateId();

    /** A person or bot as Telegram names them. */
    record Person(long id, String firstName, String lastName, String username, boolean bot, String languageCode) {
        public Person {
            firstName = firstName == null ? "" : firstName;
        }

        public String displayName() {
            String name = lastName == null || lastName.isBlank() ? firstName : firstName + " " + lastName;
            return name.isBlank() ? (username == null ? String.valueOf(id) : username) : name;
        }
    }

    /**
     * A new or edited message in any chat the bot sees.
     *
     * @param threadId          {@code message_thread_id}: forum topic or discussion thread
     * @param replyToMessageId  the message this one replies to, if any
     * @param replyToFromBot    whether that message was sent by a bot (ours, for card replies)
     * @param senderChatId      set when the message was sent on behalf of a chat (channel, anonymous admin)
     * @param text              text or caption; empty when there is none
     * @param media             kind of media attached (photo, video, sticker, ...) or null
     * @param automaticForward  a channel post forwarded automatically into its discussion group
     * @param forwardChannelId  for automatic forwards: the channel; with {@code forwardPostId} the post
     * @param service           a service message (joins, pins, title changes ...): never a comment
     * @param migrateToChatId   the group became a supergroup with this id
     */
    record Message(long updateId, boolean edited, long chatId, String chatType, String chatTitle, long messageId,
                   Long threadId, boolean topicMessage, Long replyToMessageId, Boolean replyToFromBot,
                   Person from, Long senderChatId, Instant date, Instant editDate, String text, String media,
                   boolean automaticForward, Long forwardChannelId, Long forwardPostId, String forwardChannelTitle,
                   boolean service, Long migrateToChatId) implements Event {
        public Message {
            Objects.requireNonNull(date, "date");
            text = text == null ? "" : text;
        }
    }

    /** A press on one of the bot's inline buttons. */
    record Callback(long updateId, String callbackId, Person from, long chatId, long messageId, String data)
            implements Event {
        public Callback {
            data = data == null ? "" : data;
        }
    }

    /** An update the bot does not act on (kept for the record). */
    record Other(long updateId, String kind) implements Event {
    }
}
