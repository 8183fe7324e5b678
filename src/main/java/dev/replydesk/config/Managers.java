package dev.replydesk.config;

import dev.replydesk.language.Lang;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * {@code managers:} who gets the daily digest and escalations, in private.
 *
 * @param users      {@code managers.users}: user ids (may be empty)
 * @param digestTime {@code managers.digest-time}: local time of the digest, default 09:00
 * @param timezone   {@code managers.timezone}: default Europe/Moscow
 * @param languages  {@code managers.languages}: per-manager language, default ru
 */
public record Managers(List<Long> users, LocalTime digestTime, ZoneId timezone, Map<Long, Lang> languages) {
    public static final LocalTime DEFAULT_DIGEST_TIME = LocalTime.of(9, 0);
    public static final ZoneId DEFAULT_TIMEZONE = ZoneId.of("Europe/Moscow");

    public Managers {
        users = Checks.list(users, "managers.users");
        Checks.userIds(users, "managers.users");
        Checks.required(digestTime, "managers.digest-time");
        Checks.required(timezone, "managers.timezone");
        languages = Checks.map(languages, "managers.languages");
    }
}
