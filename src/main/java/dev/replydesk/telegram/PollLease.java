package dev.replydesk.telegram;

import dev.replydesk.storage.Database;
import dev.replydesk.storage.StorageException;
import java.lang.management.ManagementFactory;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The right to poll Telegram, held by one instance of all those on one database: a row of
 * {@code poll_lease} naming the holder and when its lease expires. The holder renews it every
 * {@link Settings#renewEvery()}; when it stops (killed, cut off from the store) the lease expires
 * after {@link Settings#ttl()} and the next instance to try takes it over. {@link #release()} on
 * a clean stop hands it over at once.
 *
 * <p>The lease keeps two instances from long-polling at the same time, which Telegram answers
 * with 409 Conflict. It is not what makes an update count once: that is the intake's
 * {@code processed_update} row, committed with the update's effects, so an update that two
 * instances handle around a takeover is still handled once.
 *
 * <p>What makes it one getUpdates at a time: the holder counts on the lease only until
 * {@link #safeUntil()} ({@code renewEvery} before it expires) and sends a getUpdates only if it
 * ends by then, its timeout and {@link Settings#transit()} included ({@code UpdatePoller}); the
 * next holder takes the lease only once it has expired; a holder that stops with a getUpdates cut
 * short releases the lease only from when that one could have ended ({@link #release(Instant)}).
 *
 * <p>Times come from the injected clock of each instance (never the database's): the instances'
 * clocks must agree to within {@code renewEvery}.
 */
public final class PollLease {
    private static final Logger log = LoggerFactory.getLogger(PollLease.class);
    static final String NAME = "telegram";

    /**
     * @param ttl        how long a lease lasts after its last renewal
     * @param renewEvery how often the holder renews it and the others try to take it; at most a
     *                   third of {@code ttl}, so a renewal may fail without losing it. The holder
     *                   stops counting on its lease {@code renewEvery} before it expires (the
     *                   allowance for the instances' clocks), and every getUpdates it sends must
     *                   have ended by then, {@link #transit()} included.
     */
    public record Settings(Duration ttl, Duration renewEvery) {
        public Settings {
            Objects.requireNonNull(ttl, "ttl");
            Objects.requireNonNull(renewEvery, "renewEvery");
            if (renewEvery.isNegative() || renewEvery.isZero() || renewEvery.multipliedBy(3).compareTo(ttl) > 0) {
                throw new IllegalArgumentException("renewEvery must be positive and at most a third of ttl: " + this);
            }
        }

        /** A 30-second lease renewed every 5 seconds. */
        public static Settings defaults() {
            return new Settings(Duration.ofSeconds(30), Duration.ofSeconds(5));
        }

        /**
         * How long a getUpdates may take beyond its own timeout: from the moment it is handed to
         * the connection until Telegram has it, and from its timeout until Telegram has answered
         * it. Half a renewal interval (2.5 s by default).
         */
        public Duration transit() {
            return renewEvery.dividedBy(2);
        }
    }

    /** Who holds the lease and until when, as the store says. */
    public record Holder(String id, Instant expiresAt) {
    }

    private final Database db;
    private final Clock clock;
    private final Settings settings;
    private final String me;
    private volatile Instant heldUntil;

    /** @param me this instance's name in the table; unique among the running instances */
    public PollLease(Database db, Clock clock, Settings settings, String me) {
        this.db = Objects.requireNonNull(db, "db");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
        if (me == null || me.isBlank() || me.length() > 256) {
            throw new IllegalArgumentException("an instance name of 1 to 256 characters is needed");
        }
        this.me = me;
    }

    public PollLease(Database db, Clock clock) {
        this(db, clock, Settings.defaults(), instanceName());
    }

    /** host/pid/random: unique per running process. */
    public static String instanceName() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "unknown-host";
        }
        String runtime = ManagementFactory.getRuntimeMXBean().getName();
        String pid = runtime.contains("@") ? runtime.substring(0, runtime.indexOf('@')) : runtime;
        return host + "/" + pid + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    public String me() {
        return me;
    }

    public Settings settings() {
        return settings;
    }

    /**
     * Takes the lease when it is free or expired, renews it when it is ours. Returns whether this
     * instance holds it now. A failing store counts as not holding it (the lease then runs out
     * here as it does for the others).
     */
    public boolean acquire() {
        Instant now = clock.instant();
        Instant until = now.plus(settings.ttl());
        try {
            int n = db.inTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE poll_lease SET holder = ?, expires_at = ?, renewed_at = ?, "
                                + "acquired_at = CASE WHEN holder = ? THEN acquired_at ELSE ? END "
                                + "WHERE name = ? AND (holder = ? OR expires_at <= ?)")) {
                    ps.setString(1, me);
                    ps.setObject(2, utc(until));
                    ps.setObject(3, utc(now));
                    ps.setString(4, me);
                    ps.setObject(5, utc(now));
                    ps.setString(6, NAME);
                    ps.setString(7, me);
                    ps.setObject(8, utc(now));
                    return ps.executeUpdate();
                }
            });
            heldUntil = n == 1 ? until : null;
            return n == 1;
        } catch (StorageException e) {
            log.warn("cannot renew the polling lease: {}", e.getMessage());
            return held();
        }
    }

    /**
     * Whether this instance holds the lease, as of its last successful renewal; it stops counting
     * on it {@code renewEvery} before it expires, a margin for clocks and pauses.
     */
    public boolean held() {
        Instant until = safeUntil();
        return until != null && clock.instant().isBefore(until);
    }

    /**
     * Until when this instance may count on the lease, as of its last successful renewal: its
     * expiry less {@code renewEvery}, or null when it does not hold it. Every getUpdates this
     * instance sends must have ended (been answered, or timed out at Telegram) by then; another
     * instance takes over no sooner than {@code renewEvery} later, by its own clock.
     */
    public Instant safeUntil() {
        Instant h = heldUntil;
        return h == null ? null : h.minus(settings.renewEvery());
    }

    /** The clock the lease is kept by. */
    public Clock clock() {
        return clock;
    }

    /** Gives the lease up at once, if this instance holds it. */
    public void release() {
        release(null);
    }

    /**
     * Gives the lease up, if this instance holds it: another instance may take it over from
     * {@code notBefore} (when a getUpdates this one cut short may still be open at Telegram), or at
     * once when that is null or past. Never later than the lease would have run out anyway.
     */
    public void release(Instant notBefore) {
        Instant held = heldUntil;
        if (held == null) {
            return;
        }
        heldUntil = null;
        Instant now = clock.instant();
        Instant free = notBefore == null || notBefore.isBefore(now) ? now
                : notBefore.isAfter(held) ? held : notBefore;
        try {
            db.inTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE poll_lease SET expires_at = ? WHERE name = ? AND holder = ?")) {
                    ps.setObject(1, utc(free));
                    ps.setString(2, NAME);
                    ps.setString(3, me);
                    return ps.executeUpdate();
                }
            });
        } catch (StorageException e) {
            log.warn("cannot release the polling lease (it runs out by itself): {}", e.getMessage());
        }
    }

    /** The live holder, if any. */
    public Optional<Holder> holder() {
        Instant now = clock.instant();
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT holder, expires_at FROM poll_lease WHERE name = ?")) {
                ps.setString(1, NAME);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    Instant expires = rs.getObject(2, OffsetDateTime.class).toInstant();
                    String holder = rs.getString(1);
                    return holder.isEmpty() || !expires.isAfter(now) ? Optional.empty()
                            : Optional.of(new Holder(holder, expires));
                }
            }
        });
    }

    private static OffsetDateTime utc(Instant t) {
        return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
    }
}
