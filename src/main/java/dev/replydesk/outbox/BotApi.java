package dev.replydesk.outbox;

/**
 * The port to Telegram the outbox sends through; {@code dev.replydesk.telegram.TelegramBotApi}
 * is the real one. Implementations never throw for remote outcomes: they return a
 * {@link SendResult}, and put a deadline on every call.
 */
public interface BotApi {

    /**
     * Sends one message. For an {@link Outgoing.Edit}, {@code resolvedTargetMessageId} is the
     * message to edit (already resolved from {@link MessageRef.OutboxRow}) and the edit's keyboard
     * is {@code null} only when the outbox does not know the message's buttons; for the other kinds
     * it is {@code null}.
     */
    SendResult execute(Outgoing message, Long resolvedTargetMessageId);

    /**
     * Answers a button press directly, not through the outbox: the answer is ephemeral and
     * Telegram accepts it only for a few seconds after the press, so queueing it (behind rate
     * limits, across restarts) would only deliver it too late. {@code text} (may be null) is cut
     * to Telegram's 200 characters; {@code alert} shows it as a dialog rather than a toast.
     */
    AnswerResult answerCallback(String callbackId, String text, boolean alert);
}
