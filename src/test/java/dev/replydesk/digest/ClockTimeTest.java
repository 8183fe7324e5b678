package dev.replydesk.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.replydesk.config.WorkingHours;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClockTimeTest {
    private static final ZoneId ZONE = ZoneId.of("Europe/Moscow");
    private static final Optional<WorkingHours> WEEKDAYS = Optional.of(new WorkingHours(ZONE,
            EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(9, 0), LocalTime.of(18, 0),
            Set.of(LocalDate.of(2026, 3, 9))));

    private static Instant at(String local) {
        return LocalDateTime.parse(local).atZone(ZONE).toInstant();
    }

    @Test
    void aroundTheClockTheTimeIsTheWallClockTime() {
        assertEquals(Duration.ofHours(30), ClockTime.between(at("2026-03-06T17:00"), at("2026-03-07T23:00"),
                Optional.empty()));
    }

    @Test
    void inWorkingHoursTheNightTheWeekendAndAHolidayDoNotCount() {
        // Friday 17:00 -> Tuesday 10:00, with Monday 9 March a holiday: Friday's last hour, Tuesday's first.
        assertEquals(Duration.ofHours(2), ClockTime.between(at("2026-03-06T17:00"), at("2026-03-10T10:00"), WEEKDAYS));
        assertEquals(Duration.ZERO, ClockTime.between(at("2026-03-07T10:00"), at("2026-03-08T10:00"), WEEKDAYS));
        assertEquals(Duration.ofMinutes(15), ClockTime.between(at("2026-03-05T08:00"), at("2026-03-05T09:15"),
                WEEKDAYS));
    }

    @Test
    void anEndBeforeTheStartIsZero() {
        assertEquals(Duration.ZERO, ClockTime.between(at("2026-03-05T10:00"), at("2026-03-05T09:00"), WEEKDAYS));
    }
}
