package dev.replydesk.config;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;

/**
 * {@code sla.working-hours:} when SLA clocks run. Outside these hours, on other days and on
 * holidays the clocks stand still.
 *
 * @param timezone {@code timezone}: default managers.timezone
 * @param days     {@code days}: default mon..fri
 * @param from     start of {@code hours: "09:00-18:00"}
 * @param to       end of {@code hours}, after {@code from}
 * @param holidays {@code holidays}: ISO dates on which the clocks do not run
 */
public record WorkingHours(ZoneId timezone, Set<DayOfWeek> days, LocalTime from, LocalTime to,
                           Set<LocalDate> holidays) {
    public WorkingHours {
        Checks.required(timezone, "sla.working-hours.timezone");
        days = Checks.orderedSet(days, "sla.working-hours.days");
        if (days.isEmpty()) {
            throw new IllegalArgumentException("sla.working-hours.days needs at least one day");
        }
        Checks.required(from, "sla.working-hours.hours");
        Checks.required(to, "sla.working-hours.hours");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("sla.working-hours.hours: the start must be before the end");
        }
        holidays = Checks.orderedSet(holidays, "sla.working-hours.holidays");
    }

    /** True when the given instant falls inside working hours (a working day, not a holiday). */
    public boolean isWorking(ZonedDateTime time) {
        ZonedDateTime local = time.withZoneSameInstant(timezone);
        LocalTime t = local.toLocalTime();
        return days.contains(local.getDayOfWeek())
                && !holidays.contains(local.toLocalDate())
                && !t.isBefore(from) && t.isBefore(to);
    }
}
