package dev.replydesk.digest;

import dev.replydesk.config.ReplydeskConfig;
import dev.replydesk.knowledge.GapGrouper;
import dev.replydesk.language.Lang;
import dev.replydesk.outbox.Outgoing;
import dev.replydesk.storage.Database;
import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the managers' digest, and the files of {@code /export}.
 *
 * <p>{@link #tick()} is called every minute. Once {@code managers.digest-time} has passed in
 * {@code managers.timezone}, each manager gets yesterday's digest in private, in their
 * language: the text, then the chart. A row in {@code digest_sent (digest_day = the day
 * reported, manager_id)} commits in the same transaction as the queued messages, so each
 * digest goes out exactly once: also across restarts, with several instances on one store, and
 * at start when the bot was down at digest time (the first tick finds today's missing and the
 * time past). A failed transaction leaves no row, and the next tick tries again.
 */
public final class DigestScheduler {
    private static final Logger log = LoggerFactory.getLogger(DigestScheduler.class);
    /** {@code /export} without dates covers this many days up to today. */
    static final int DEFAULT_EXPORT_DAYS = 30;

    private final ReplydeskConfig config;
    private final Database db;
    private final DigestSink sink;
    private final Digests digests;

    public DigestScheduler(ReplydeskConfig config, Database db, DigestSink sink, Clock clock) {
        this(new Digests(config, db, clock), db, sink);
    }

    /** As above, grouping the questions the knowledge base could not answer with {@code grouper}. */
    public DigestScheduler(ReplydeskConfig config, Database db, DigestSink sink, Clock clock, GapGrouper grouper) {
        this(new Digests(config, db, clock, grouper), db, sink);
    }

    DigestScheduler(Digests digests, Database db, DigestSink sink) {
        this.config = digests.config();
        this.db = db;
        this.sink = sink;
        this.digests = digests;
    }

    /**
     * Sends the digests that are due and not yet sent.
     *
     * @return how many managers were sent their digest
     */
    public int tick() {
        ZonedDateTime now = digests.clock().instant().atZone(digests.zone());
        if (now.toLocalTime().isBefore(config.managers().digestTime()) || config.managers().users().isEmpty()) {
            return 0;
        }
        LocalDate day = now.toLocalDate().minusDays(1);
        List<Long> due = db.withConnection(c -> notSent(c, day));
        if (due.isEmpty()) {
            return 0;
        }
        if (!db.withConnection(c -> sawCommentsBefore(c, now.toLocalDate().atStartOfDay(now.getZone())))) {
            // a fresh install: the days before it saw anything would be all zeros, not news
            return 0;
        }
        Digest digest = digests.build(day);
        Map<Lang, Rendered> rendered = new EnumMap<>(Lang.class);
        int sent = 0;
        for (long manager : due) {
            Rendered r = rendered.computeIfAbsent(config.languageOf(manager), lang -> render(digest, lang));
            try {
                if (db.inTransaction(c -> sendOnce(c, day, manager, r))) {
                    sent++;
                }
            } catch (AlreadySent e) {
                log.debug("digest of {} for {} was sent by another instance", day, manager);
            } catch (RuntimeException e) {
                log.error("digest of {} for manager {} failed, will retry: {}", day, manager, e.toString());
            }
        }
        return sent;
    }

    private static boolean sawCommentsBefore(Connection c, ZonedDateTime end) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM comment WHERE received_at < ? FETCH FIRST 1 ROWS ONLY")) {
            ps.setObject(1, end.toOffsetDateTime());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Sends {@code managerId} yesterday's digest now ({@code /digest}); not recorded as the daily one. */
    public void sendNow(long managerId) {
        db.inTransaction(c -> {
            sendNow(c, managerId);
            return null;
        });
    }

    /** Queues yesterday's digest for {@code managerId} in the caller's transaction. */
    public void sendNow(Connection tx, long managerId) throws SQLException {
        LocalDate day = digests.lastFullDay();
        Rendered r = render(digests.build(tx, day), config.languageOf(managerId));
        queue(tx, managerId, r, "digest-now:" + day + ":" + managerId);
    }

    /**
     * {@code /export [from] [to] [csv|xlsx]}: queues the spreadsheet for {@code managerId}, or,
     * when the arguments cannot be read, a message saying how to write them. Without dates the
     * last {@value #DEFAULT_EXPORT_DAYS} days; with one date, from it to today; XLSX unless csv
     * is asked for.
     *
     * @return true when the file was queued
     */
    public boolean exportFile(Connection tx, long managerId, String arguments) throws SQLException {
        LocalDate today = digests.today();
        List<LocalDate> dates = new ArrayList<>();
        Exporter.Format format = Exporter.Format.XLSX;
        boolean ok = true;
        for (String word : arguments == null ? new String[0] : arguments.strip().split("\\s+")) {
            if (word.isEmpty()) {
                continue;
            }
            Exporter.Format f = Exporter.Format.parse(word);
            if (f != null) {
                format = f;
                continue;
            }
            try {
                dates.add(LocalDate.parse(word));
            } catch (DateTimeParseException e) {
                ok = false;
            }
        }
        LocalDate from = dates.isEmpty() ? today.minusDays(DEFAULT_EXPORT_DAYS - 1) : dates.get(0);
        LocalDate to = dates.size() >= 2 ? dates.get(1) : today;
        if (!ok || dates.size() > 2 || from.isAfter(to)) {
            sink.send(tx, managerId, digests.texts().get(config.languageOf(managerId), "export.usage"), "export-usage");
            return false;
        }
        exportFile(tx, managerId, from, to, format);
        return true;
    }

    /**
     * Queues the comments from {@code from} to {@code to} (inclusive) as a file for
     * {@code managerId}; a file over Telegram's 50 MB is replaced by a message asking for fewer days.
     */
    public void exportFile(Connection tx, long managerId, LocalDate from, LocalDate to, Exporter.Format format)
            throws SQLException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int rows = new Exporter(config, db).write(tx, format, from, to, out);
        Lang lang = config.languageOf(managerId);
        if (out.size() > Outgoing.Document.MAX_BYTES) {
            sink.send(tx, managerId, digests.texts().get(lang, "export.too_big", String.valueOf(rows),
                    String.valueOf(out.size() / (1024 * 1024))), "export-too-big");
            return;
        }
        String caption = digests.texts().get(lang, "export.caption", from.toString(), to.toString(),
                String.valueOf(rows), digests.zone().getId());
        sink.document(tx, managerId, "replydesk-" + from + "_" + to + "." + format.extension(), out.toByteArray(),
                caption, "export:" + managerId);
    }

    /** The day's digest in one language: the message, and the chart (null when it could not be drawn). */
    private record Rendered(String html, byte[] png, String caption, LocalDate day) {
    }

    private Rendered render(Digest d, Lang lang) {
        byte[] png = null;
        try {
            png = digests.chart(d, lang);
        } catch (RuntimeException | LinkageError e) {
            // The text matters more than the picture: a server without fonts still gets its digest.
            log.warn("digest chart of {} could not be drawn: {}", d.day(), e.toString());
        }
        return new Rendered(digests.html(d, lang), png, digests.chartCaption(d, lang), d.day());
    }

    private boolean sendOnce(Connection c, LocalDate day, long manager, Rendered r) throws SQLException {
        if (alreadySent(c, day, manager)) {
            return false;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO digest_sent (digest_day, manager_id, sent_at) VALUES (?, ?, ?)")) {
            ps.setObject(1, day);
            ps.setLong(2, manager);
            ps.setObject(3, DigestRepository.ts(digests.clock().instant()));
            ps.executeUpdate();
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                throw new AlreadySent();
            }
            throw e;
        }
        queue(c, manager, r, "digest:" + day + ":" + manager);
        return true;
    }

    private void queue(Connection c, long manager, Rendered r, String correlation) throws SQLException {
        sink.send(c, manager, r.html(), correlation);
        if (r.png() != null) {
            sink.photo(c, manager, "digest-" + r.day() + ".png", r.png(), r.caption(), correlation);
        }
    }

    private List<Long> notSent(Connection c, LocalDate day) throws SQLException {
        Set<Long> sent = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT manager_id FROM digest_sent WHERE digest_day = ?")) {
            ps.setObject(1, day);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sent.add(rs.getLong(1));
                }
            }
        }
        return config.managers().users().stream().filter(m -> !sent.contains(m)).toList();
    }

    private static boolean alreadySent(Connection c, LocalDate day, long manager) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM digest_sent WHERE digest_day = ? AND manager_id = ?")) {
            ps.setObject(1, day);
            ps.setLong(2, manager);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Another instance recorded the same digest first; this one rolls back. */
    private static final class AlreadySent extends RuntimeException {
        AlreadySent() {
            super("digest already sent", null, false, false);
        }
    }
}
