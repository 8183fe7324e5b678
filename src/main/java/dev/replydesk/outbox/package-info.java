/**
 * The one durable queue for everything the bot sends: {@link dev.replydesk.outbox.Outbox}.
 *
 * <p>A caller enqueues an {@link dev.replydesk.outbox.Outgoing} inside its own transaction (a
 * comment and its card commit together). One named thread, {@code replydesk-outbox}, sends the
 * rows through a {@link dev.replydesk.outbox.BotApi}: in order per chat (only the first pending
 * row of a chat may go: three lanes, each oldest first — answers to what a moderator just did,
 * then cards and nudges, then cards of praise, chatter and spam, so a rate-limited chat gets the
 * urgent rows first; an edit never overtakes the message it changes), within Telegram's limits (token buckets on an injected clock: about one
 * message a second per chat, 20 a minute per group, 25 a second overall), waiting exactly
 * {@code retry_after} on 429, backing off with jitter on network errors and 5xx, and giving up
 * loudly (status FAILED, an ERROR log, the {@link dev.replydesk.outbox.OutboxListener} told) after
 * a bounded time or on a permanent refusal. Texts over 4096 characters are split cleanly.
 *
 * <p>Delivery is at least once, and once a row is marked SENT it is never sent again. Rows are
 * claimed with a lease ({@code claimed_by}, {@code claimed_until}; {@code FOR UPDATE SKIP LOCKED}
 * on PostgreSQL) so several instances never send the same row. The one window for a duplicate is
 * a crash between Telegram accepting a message and the commit that marks it, a few milliseconds:
 * the row is sent again when the lease runs out (at once when the instance restarts with the same
 * {@code instanceId}). Only one row of a chat is ever in flight, across instances too; the rate
 * limits themselves are kept per instance, so N instances share Telegram's budget only roughly.
 *
 * <p>Must never import {@code org.telegram.*} (that is {@code dev.replydesk.telegram}'s job),
 * never delete a row or a message, and never send anything except through the queue — except
 * answers to button presses, which are ephemeral and go directly through
 * {@link dev.replydesk.outbox.BotApi#answerCallback}.
 */
package dev.replydesk.outbox;
