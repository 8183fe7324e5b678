package dev.replydesk.inbox;

import dev.replydesk.config.WorkingHours;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * Adds durations in working time: with no working hours configured a clock runs round the
 * clock; with them, only inside the working days and hours (holidays excluded) in their
 * timezone. Pure.
 */
final class WorkingTime {
    private WorkingTime() {
    }

    static Instant plus(Instant start, Duration amount, Optional<WorkingHours> hours) {
        if (hours.isEmpty()) {
            return start.plus(amount);
        }
        WorkingHours wh = hours.get();
        ZonedDateTime t = start.atZone(wh.timezone());
        Duration left = amount;
        for (int guard = 0; guard < 3700; guard++) {
            LocalDate day = t.toLocalDate();
            boolean workday = wh.days().contains(day.getDayOfWeek()) && !wh.holidays().contains(day);
            ZonedDateTime open = day.atTime(wh.from()).atZone(wh.timezone());
            ZonedDateTime close = day.atTime(wh.to()).atZone(wh.timezone());
            if (workday && t.isBefore(close)) {
                ZonedDateTime from = t.isBefore(open) ? open : t;
                Duration available = Duration.between(from, close);
                if (left.compareTo(available) <= 0) {
                    return from.plus(left).toInstant();
                }
                left = left.minus(available);
            }
            t = day.plusDays(1).atStartOfDay(wh.timezone());
        }
        throw new IllegalStateException("no working time within ten years: check sla.working-hours");
    }
}
