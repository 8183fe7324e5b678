package dev.replydesk.outbox;

import java.time.Duration;
import java.time.Instant;

/**
 * A token bucket kept as its "theoretical arrival time" (GCRA): one token every
 * {@code interval}, at most {@code capacity} saved up. Exact on an injected clock's instants, so
 * a test can say when the next send is allowed. Not thread-safe: the outbox thread owns it.
 */
final class TokenBucket {
    private final Duration interval;
    private final Duration tolerance;
    private Instant tat = Instant.MIN;

    TokenBucket(Duration interval, int capacity) {
        if (interval.isNegative() || interval.isZero() || capacity < 1) {
            throw new IllegalArgumentException("bad bucket: " + interval + " x " + capacity);
        }
        this.interval = interval;
        this.tolerance = interval.multipliedBy(capacity - 1L);
    }

    /** A bucket refilling {@code perSecond} tokens a second. */
    static TokenBucket perSecond(double perSecond, int capacity) {
        return new TokenBucket(Duration.ofNanos(Math.round(1e9 / perSecond)), capacity);
    }

    /** The first instant at or after {@code now} when a token is there. */
    Instant readyAt(Instant now) {
        if (tat == Instant.MIN) {
            return now;
        }
        Instant ready = tat.minus(tolerance);
        return ready.isAfter(now) ? ready : now;
    }

    /** Takes a token at {@code now} (the caller checked {@link #readyAt}). */
    void take(Instant now) {
        Instant base = tat == Instant.MIN || tat.isBefore(now) ? now : tat;
        tat = base.plus(interval);
    }

    /** True when the bucket is full again at {@code now}: it can be forgotten. */
    boolean idle(Instant now) {
        return tat == Instant.MIN || !tat.isAfter(now);
    }
}
