package dev.replydesk.digest;

import dev.replydesk.config.WorkingHours;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * Measures time as the SLA clocks do: round the clock, or only inside {@code sla.working-hours}
 * (working days and hours, holidays excluded) when they are set. Pure.
 */
final class ClockTime {
    private ClockTime() {
    }

    /** The clock time from {@code start} to {@code end}; zero when end is not after start. */
    static Duration between(Instant start, Instant end, Optional<WorkingHours> hours) {
        if (!end.isAfter(start)) {
            return Duration.ZERO;
        }
        if (hours.isEmpty()) {
            return Duration.between(start, end);
        }
        WorkingHours wh = hours.get();
        Duration total = Duration.ZERO;
        LocalDate day = start.atZone(wh.timezone()).toLocalDate();
        LocalDate last = end.atZone(wh.timezone()).toLocalDate();
        for (; !day.isAfter(last); day = day.plusDays(1)) {
            if (!wh.days().contains(day.getDayOfWeek()) || wh.holidays().contains(day)) {
                continue;
            }
            ZonedDateTime open = day.atTime(wh.from()).atZone(wh.timezone());
            ZonedDateTime close = day.atTime(wh.to()).atZone(wh.timezone());
            Instant from = max(start, open.toInstant());
            Instant to = min(end, close.toInstant());
            if (to.isAfter(from)) {
                total = total.plus(Duration.between(from, to));
            }
        }
        return total;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
