package dev.replydesk.outbox;

import java.time.Duration;
import java.util.random.RandomGenerator;

/** Exponential backoff with "equal jitter": half the delay fixed, half random. */
final class Backoff {
    private final Duration base;
    private final Duration cap;
    private final RandomGenerator random;

    Backoff(Duration base, Duration cap, RandomGenerator random) {
        this.base = base;
        this.cap = cap;
        this.random = random;
    }

    /** The wait after the {@code failures}-th failure in a row (1 = first). */
    Duration after(int failures) {
        int shift = Math.max(0, Math.min(failures - 1, 30));
        long ceiling = Math.min(cap.toMillis(), base.toMillis() << Math.min(shift, 20));
        long half = ceiling / 2;
        return Duration.ofMillis(half + (half > 0 ? random.nextLong(half + 1) : 0));
    }
}
