/**
 * Telegram itself: the only package that imports {@code org.telegram.*} (TelegramBots). Sending
 * goes through {@link dev.replydesk.telegram.TelegramBotApi}, the outbox's port. Updates come in
 * by long polling ({@link dev.replydesk.telegram.UpdatePoller}, only on the instance holding the
 * {@link dev.replydesk.telegram.PollLease}) or by webhook
 * ({@link dev.replydesk.telegram.WebhookServer}); either way each update is handed to the intake
 * and acknowledged only after it committed.
 *
 * <p>Never deletes a message: no code here implements or calls the Bot API method that deletes. Never
 * writes the bot token to a log line, an exception or an error reason (it is part of every
 * request URL): {@link dev.replydesk.telegram.TelegramBotApi#redact} before anything leaves; nor
 * the webhook secret. Never acknowledges an update (offset, HTTP 200) before it is committed.
 * Never sends a getUpdates that Telegram could still hold when another may be sent: not past this
 * instance's polling lease, not while an earlier one of its own may be open (see
 * {@link dev.replydesk.telegram.UpdatePoller}).
 */
package dev.replydesk.telegram;
