/**
 * Telegram itself: the only package that imports {@code org.telegram.*} (TelegramBots). Sending
 * goes through {@link dev.replydesk.telegram.TelegramBotApi}, the outbox's port; polling, intake
 * of updates and the rendering of cards live here too.
 *
 * <p>Never deletes a message: no code here implements or calls {@code deleteMessage}. Never
 * writes the bot token to a log line, an exception or an error reason (it is part of every
 * request URL): {@link dev.replydesk.telegram.TelegramBotApi#redact} before anything leaves.
 */
package dev.replydesk.telegram;
