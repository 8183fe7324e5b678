package dev.replydesk.config;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code sla:} answer-time clocks for comments that need an answer.
 *
 * @param target       {@code sla.target}: nudge moderators after this, default 15m
 * @param limit        {@code sla.limit}: escalate to managers after this, default 6h; longer than target
 * @param burst        {@code sla.burst}: a customer's messages this close together count as one, default 3m
 * @param workingHours {@code sla.working-hours}: when clocks run; empty = around the clock
 */
public record Sla(Duration target, Duration limit, Duration burst, Optional<WorkingHours> workingHours) {
    public static final Duration DEFAULT_TARGET = Duration.ofMinutes(15);
    public static final Duration DEFAULT_LIMIT = Duration.ofHours(6);
    public static final Duration DEFAULT_BURST = Duration.ofMinutes(3);

    public Sla {
        Checks.positive(target, "sla.target");
        Checks.positive(limit, "sla.limit");
        if (target.compareTo(limit) >= 0) {
            throw new IllegalArgumentException("sla.target must be shorter than sla.limit");
        }
        Checks.required(burst, "sla.burst");
        if (burst.isNegative() || burst.compareTo(target) >= 0) {
            throw new IllegalArgumentException("sla.burst must be at least 0s and shorter than sla.target");
        }
        Objects.requireNonNull(workingHours, "sla.working-hours");
    }

    public static Sla defaults() {
        return new Sla(DEFAULT_TARGET, DEFAULT_LIMIT, DEFAULT_BURST, Optional.empty());
    }
}
