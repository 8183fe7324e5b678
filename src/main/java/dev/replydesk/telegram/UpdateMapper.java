package dev.replydesk.telegram;

import dev.replydesk.inbox.Event;
import java.time.Instant;
import org.telegram.telegrambots.meta.api.objects.CallbackQuery;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.message.MaybeInaccessibleMessage;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.messageorigin.MessageOrigin;
import org.telegram.telegrambots.meta.api.objects.messageorigin.MessageOriginChannel;

/** Maps TelegramBots' {@link Update} to the inbox's {@link Event}, tolerating missing fields. */
final class UpdateMapper {
    private UpdateMapper() {
    }

    static Event map(Update u) {
        long id = u.getUpdateId();
        if (u.hasMessage()) {
            return message(id, u.getMessage(), false);
        }
        if (u.hasEditedMessage()) {
            return message(id, u.getEditedMessage(), true);
        }
        if (u.hasCallbackQuery()) {
            return callback(id, u.getCallbackQuery());
        }
        return new Event.Other(id, kind(u));
    }

    private static String kind(Update u) {
        if (u.hasChannelPost() || u.hasEditedChannelPost()) {
            return "channel_post";
        }
        if (u.hasMyChatMember()) {
            return "my_chat_member";
        }
        if (u.hasChatMember()) {
            return "chat_member";
        }
        if (u.hasMessageReaction() || u.hasMessageReactionCount()) {
            return "reaction";
        }
        return "other update";
    }

    static Event.Message message(long updateId, Message m, boolean edited) {
        if (m == null || m.getChat() == null || m.getMessageId() == null) {
            return null;
        }
        Long forwardChannel = null;
        Long forwardPost = null;
        String forwardTitle = null;
        boolean automaticForward = Boolean.TRUE.equals(m.getIsAutomaticForward());
        MessageOrigin origin = m.getForwardOrigin();
        if (origin instanceof MessageOriginChannel ch && ch.getChat() != null) {
            forwardChannel = ch.getChat().getId();
            forwardPost = ch.getMessageId() == null ? null : ch.getMessageId().longValue();
            forwardTitle = ch.getChat().getTitle();
        }
        if (automaticForward && forwardChannel == null && m.getSenderChat() != null) {
            forwardChannel = m.getSenderChat().getId();
            forwardPost = m.getForwardFromMessageId() == null ? null : m.getForwardFromMessageId().longValue();
            forwardTitle = m.getSenderChat().getTitle();
        }
        Message reply = m.getReplyToMessage();
        String text = m.getText() != null ? m.getText() : m.getCaption();
        String media = media(m);
        boolean service = text == null && media == null;
        Long threadId = m.getMessageThreadId() == null ? null : m.getMessageThreadId().longValue();
        return new Event.Message(updateId, edited, m.getChat().getId(), m.getChat().getType(), m.getChat().getTitle(),
                m.getMessageId(), threadId, Boolean.TRUE.equals(m.getIsTopicMessage()),
                reply == null || reply.getMessageId() == null ? null : reply.getMessageId().longValue(),
                reply == null || reply.getFrom() == null ? null : Boolean.TRUE.equals(reply.getFrom().getIsBot()),
                person(m.getFrom()), m.getSenderChat() == null ? null : m.getSenderChat().getId(),
                seconds(m.getDate()), m.getEditDate() == null ? null : seconds(m.getEditDate()), text, media,
                automaticForward, forwardChannel, forwardPost, forwardTitle, service, m.getMigrateToChatId());
    }

    private static Instant seconds(Integer epochSeconds) {
        if (epochSeconds == null) {
            return Instant.EPOCH;
        }
        return Instant.ofEpochSecond(epochSeconds);
    }

    private static String media(Message m) {
        if (m.hasPhoto()) {
            return "photo";
        }
        if (m.hasVideo()) {
            return "video";
        }
        if (m.hasAnimation()) {
            return "animation";
        }
        if (m.hasDocument()) {
            return "document";
        }
        if (m.hasSticker()) {
            return "sticker";
        }
        if (m.hasVoice()) {
            return "voice";
        }
        if (m.hasVideoNote()) {
            return "video note";
        }
        if (m.hasAudio()) {
            return "audio";
        }
        if (m.hasPoll()) {
            return "poll";
        }
        if (m.hasLocation()) {
            return "location";
        }
        if (m.hasContact()) {
            return "contact";
        }
        if (m.hasDice()) {
            return "dice";
        }
        return null;
    }

    static Event.Person person(User u) {
        if (u == null || u.getId() == null) {
            return null;
        }
        return new Event.Person(u.getId(), u.getFirstName(), u.getLastName(), u.getUserName(),
                Boolean.TRUE.equals(u.getIsBot()), u.getLanguageCode());
    }

    private static Event callback(long updateId, CallbackQuery q) {
        MaybeInaccessibleMessage msg = q.getMessage();
        long chatId = msg == null || msg.getChatId() == null ? 0 : msg.getChatId();
        long messageId = msg == null || msg.getMessageId() == null ? 0 : msg.getMessageId();
        return new Event.Callback(updateId, q.getId(), person(q.getFrom()), chatId, messageId, q.getData());
    }
}
