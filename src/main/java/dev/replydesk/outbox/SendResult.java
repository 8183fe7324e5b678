package dev.replydesk.outbox;

import java.time.Duration;
import java.util.Objects;

/** What Telegram made of one outgoing message. Expected outcomes are values, not exceptions. */
public sealed interface SendResult permits SendResult.Sent, SendResult.RetryAfter, SendResult.Rejected,
        SendResult.Unavailable {

    /** Delivered: the new message's id (for an edit, the edited message's id). */
    record Sent(long messageId) implements SendResult {
    }

    /**
     * HTTP 429: try this chat again after exactly {@code delay} (Telegram's {@code retry_after}).
     * Not a failed attempt. (Named {@code delay}: a record component cannot be called {@code wait}.)
     */
    record RetryAfter(Duration delay) implements SendResult {
        public RetryAfter {
            Objects.requireNonNull(delay, "delay");
            if (delay.isNegative()) {
                throw new IllegalArgumentException("negative retry_after: " + delay);
            }
        }
    }

    /** A permanent refusal (4xx other than 429): retrying would not help. */
    record Rejected(String reason) implements SendResult {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The network, a timeout or a 5xx: worth retrying later with backoff. */
    record Unavailable(String reason) implements SendResult {
        public Unavailable {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
