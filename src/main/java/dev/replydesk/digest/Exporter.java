package dev.replydesk.digest;

import dev.replydesk.config.Community;
import dev.replydesk.config.ReplydeskConfig;
import dev.replydesk.storage.Database;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * Exports comments to a spreadsheet: one row per comment that arrived between two days
 * (inclusive, in {@code managers.timezone}), with its ids and link, community, post, author,
 * text, times, label, ledger state, breach, the checklist results of its answer, overrides and
 * versions. CSV is UTF-8 with a byte-order mark (so spreadsheet programs read Cyrillic right);
 * XLSX has typed number, date and yes/no cells, a frozen header row, and two more sheets for
 * engagement: comments per day and per channel post.
 *
 * <p>Times are local times in {@code managers.timezone}. Reads only.
 */
public final class Exporter {
    /** The file formats. */
    public enum Format {
        CSV, XLSX;

        public String extension() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Parses csv or xlsx, case-insensitive; null for anything else. */
        public static Format parse(String s) {
            return switch (s == null ? "" : s.strip().toLowerCase(Locale.ROOT)) {
                case "csv" -> CSV;
                case "xlsx" -> XLSX;
                default -> null;
            };
        }
    }

    enum Type { NUMBER, TEXT, TIME, YES_NO }

    /** The columns, in order: the header name and the cell type. */
    enum Column {
        COMMENT_ID("comment_id", Type.NUMBER),
        CHAT_ID("chat_id", Type.NUMBER),
        MESSAGE_ID("message_id", Type.NUMBER),
        THREAD_ID("thread_id", Type.NUMBER),
        LINK("link", Type.TEXT),
        COMMUNITY("community", Type.TEXT),
        CHANNEL_ID("channel_id", Type.NUMBER),
        POST_ID("post_id", Type.NUMBER),
        AUTHOR_ID("author_id", Type.NUMBER),
        TEXT("text", Type.TEXT),
        LANGUAGE("language", Type.TEXT),
        ARRIVED("arrived", Type.TIME),
        CLAIMED("claimed", Type.TIME),
        FIRST_ANSWER("first_answer", Type.TIME),
        RESOLVED("resolved", Type.TIME),
        LABEL("label", Type.TEXT),
        LABEL_REASONS("label_reasons", Type.TEXT),
        LABEL_CORRECTED("label_corrected", Type.YES_NO),
        NEGATIVE("negative", Type.YES_NO),
        NEEDS_ANSWER("needs_answer", Type.YES_NO),
        OWNER_ID("owner_id", Type.NUMBER),
        OWNER("owner", Type.TEXT),
        STATE("state", Type.TEXT),
        CLOCK_START("clock_start", Type.TIME),
        RESPONSE_MINUTES("response_minutes", Type.NUMBER),
        BREACH("breach", Type.YES_NO),
        ANSWERED_BY("answered_by", Type.NUMBER),
        CHECKLIST("checklist", Type.TEXT),
        POLITE("polite", Type.YES_NO),
        LOGICAL("logical", Type.YES_NO),
        CONSISTENT("consistent", Type.YES_NO),
        LINKS("links", Type.YES_NO),
        OVERRIDES("overrides", Type.NUMBER),
        OVERRIDE_REASONS("override_reasons", Type.TEXT),
        VERSIONS("versions", Type.NUMBER),
        REOPENED("reopened", Type.NUMBER);

        final String header;
        final Type type;

        Column(String header, Type type) {
            this.header = header;
            this.type = type;
        }
    }

    static final DateTimeFormatter CSV_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final String XLSX_TIME = "yyyy-mm-dd hh:mm:ss";
    private static final int XLSX_MAX_TEXT = 32_767;

    private final ReplydeskConfig config;
    private final Database db;

    public Exporter(ReplydeskConfig config, Database db) {
        this.config = config;
        this.db = db;
    }

    /**
     * Writes the comments that arrived from {@code from} to {@code to} (both inclusive; null
     * for no bound) to {@code out}, which stays open.
     *
     * @return the number of comment rows written
     */
    public int write(Format format, LocalDate from, LocalDate to, OutputStream out) throws IOException {
        try {
            return db.withConnection(c -> write(c, format, from, to, out));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    int write(Connection c, Format format, LocalDate from, LocalDate to, OutputStream out) throws SQLException {
        ZoneId zone = config.managers().timezone();
        Instant start = from == null ? Instant.parse("1970-01-01T00:00:00Z") : from.atStartOfDay(zone).toInstant();
        Instant end = to == null ? Instant.parse("9999-01-01T00:00:00Z") : to.plusDays(1).atStartOfDay(zone).toInstant();
        Extras extras = extras(c, start, end);
        try {
            return switch (format) {
                case CSV -> csv(c, start, end, extras, zone, out);
                case XLSX -> xlsx(c, start, end, extras, zone, out);
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a row needs beyond the comment itself, for every comment of the range. */
    private record Extras(Set<Long> breached, Map<Long, Answer> answers, Map<Long, List<String>> overrides,
                          Map<Long, String> names, Map<Long, String> communities) {
    }

    /** The published reply that answered a comment first, and the checklist's verdict on it. */
    private record Answer(long replyId, long moderatorId, String outcome, Boolean polite, Boolean logical,
                          Boolean consistent, Boolean links) {
        Answer judged(String decision, Boolean p, Boolean l, Boolean c, Boolean k) {
            return new Answer(replyId, moderatorId, outcome != null ? outcome : decision, p, l, c, k);
        }
    }

    private Extras extras(Connection c, Instant start, Instant end) throws SQLException {
        String range = " JOIN comment c ON c.id = x.comment_id WHERE c.sent_at >= ? AND c.sent_at < ?";
        Set<Long> breached = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT x.comment_id FROM audit x" + range
                + " AND x.action = 'breached'")) {
            DigestRepository.bind(ps, start, end);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    breached.add(rs.getLong(1));
                }
            }
        }
        Map<Long, Answer> answers = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT x.comment_id, x.id, x.moderator_id, x.review_outcome "
                + "FROM reply x" + range + " AND x.status = 'PUBLISHED' ORDER BY x.published_at, x.id")) {
            DigestRepository.bind(ps, start, end);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    answers.putIfAbsent(rs.getLong(1), new Answer(rs.getLong(2), rs.getLong(3), rs.getString(4),
                            null, null, null, null));
                }
            }
        }
        Map<Long, Long> answerReply = new HashMap<>();
        answers.forEach((comment, a) -> answerReply.put(a.replyId(), comment));
        Map<Long, List<String>> overrides = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT x.comment_id, x.reply_id, x.outcome, x.polite, "
                + "x.logical, x.consistent, x.links, x.override_reason FROM review_decision x" + range
                + " ORDER BY x.id")) {
            DigestRepository.bind(ps, start, end);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long comment = rs.getLong(1);
                    Long reply = DigestRepository.getLong(rs, 2);
                    String outcome = rs.getString(3);
                    if (outcome.equals("OVERRIDE")) {
                        String reason = rs.getString(8);
                        overrides.computeIfAbsent(comment, k -> new ArrayList<>()).add(reason == null ? "" : reason);
                    }
                    boolean verdict = outcome.equals("PASS") || outcome.equals("FAIL") || outcome.equals("OVERRIDE");
                    if (verdict && reply != null && comment == answerReply.getOrDefault(reply, Long.MIN_VALUE)) {
                        answers.computeIfPresent(comment, (k, a) -> a.judged(outcome,
                                getBoolean(rs, 4), getBoolean(rs, 5), getBoolean(rs, 6), getBoolean(rs, 7)));
                    }
                }
            }
        }
        Map<Long, String> communities = new HashMap<>();
        for (Community community : config.communities()) {
            communities.put(community.chatId(), community.name());
        }
        return new Extras(breached, answers, overrides, DigestRepository.names(c), communities);
    }

    private static Boolean getBoolean(ResultSet rs, int col) {
        try {
            return DigestRepository.getBoolean(rs, col);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Streams the comments of the range, oldest first, each as its row of cells. */
    private int rows(Connection c, Instant start, Instant end, Extras x, ZoneId zone, RowSink sink)
            throws SQLException, IOException {
        int n = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT c.id, c.chat_id, c.message_id, c.thread_id, "
                + "c.channel_id, c.channel_post_id, c.author_id, COALESCE(v.text, c.text), c.lang, c.sent_at, "
                + "c.claimed_at, c.first_answer_at, c.resolved_at, c.label, c.label_reasons, c.label_corrected, "
                + "c.negative, c.needs_answer, c.owner_id, c.state, c.clock_start, c.version_count, c.reopened_count "
                + "FROM comment c LEFT JOIN comment_version v ON v.comment_id = c.id AND v.version = c.version_count "
                + "WHERE c.sent_at >= ? AND c.sent_at < ? ORDER BY c.sent_at, c.id")) {
            ps.setFetchSize(500);
            DigestRepository.bind(ps, start, end);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Object[] row = new Object[Column.values().length];
                    long id = rs.getLong(1);
                    long chat = rs.getLong(2);
                    long message = rs.getLong(3);
                    Long thread = DigestRepository.getLong(rs, 4);
                    Instant sent = DigestRepository.instant(rs, 10);
                    Instant firstAnswer = DigestRepository.instant(rs, 12);
                    Instant clockStart = DigestRepository.instant(rs, 21);
                    Long owner = DigestRepository.getLong(rs, 19);
                    row[Column.COMMENT_ID.ordinal()] = id;
                    row[Column.CHAT_ID.ordinal()] = chat;
                    row[Column.MESSAGE_ID.ordinal()] = message;
                    row[Column.THREAD_ID.ordinal()] = thread;
                    row[Column.LINK.ordinal()] = Links.message(chat, message, thread);
                    row[Column.COMMUNITY.ordinal()] = x.communities().getOrDefault(chat, String.valueOf(chat));
                    row[Column.CHANNEL_ID.ordinal()] = DigestRepository.getLong(rs, 5);
                    row[Column.POST_ID.ordinal()] = DigestRepository.getLong(rs, 6);
                    row[Column.AUTHOR_ID.ordinal()] = DigestRepository.getLong(rs, 7);
                    row[Column.TEXT.ordinal()] = rs.getString(8);
                    row[Column.LANGUAGE.ordinal()] = rs.getString(9);
                    row[Column.ARRIVED.ordinal()] = local(sent, zone);
                    row[Column.CLAIMED.ordinal()] = local(DigestRepository.instant(rs, 11), zone);
                    row[Column.FIRST_ANSWER.ordinal()] = local(firstAnswer, zone);
                    row[Column.RESOLVED.ordinal()] = local(DigestRepository.instant(rs, 13), zone);
                    row[Column.LABEL.ordinal()] = rs.getString(14);
                    row[Column.LABEL_REASONS.ordinal()] = rs.getString(15);
                    row[Column.LABEL_CORRECTED.ordinal()] = rs.getBoolean(16);
                    row[Column.NEGATIVE.ordinal()] = rs.getBoolean(17);
                    row[Column.NEEDS_ANSWER.ordinal()] = rs.getBoolean(18);
                    row[Column.OWNER_ID.ordinal()] = owner;
                    row[Column.OWNER.ordinal()] = owner == null ? null : x.names().get(owner);
                    row[Column.STATE.ordinal()] = rs.getString(20);
                    row[Column.CLOCK_START.ordinal()] = local(clockStart, zone);
                    if (firstAnswer != null) {
                        Instant from = clockStart != null && !clockStart.isAfter(sent) ? clockStart : sent;
                        Duration d = ClockTime.between(from, firstAnswer, config.sla().workingHours());
                        row[Column.RESPONSE_MINUTES.ordinal()] = Math.round(d.toSeconds() / 6.0) / 10.0;
                    }
                    row[Column.BREACH.ordinal()] = x.breached().contains(id);
                    Answer a = x.answers().get(id);
                    if (a != null) {
                        row[Column.ANSWERED_BY.ordinal()] = a.moderatorId();
                        row[Column.CHECKLIST.ordinal()] = a.outcome();
                        row[Column.POLITE.ordinal()] = a.polite();
                        row[Column.LOGICAL.ordinal()] = a.logical();
                        row[Column.CONSISTENT.ordinal()] = a.consistent();
                        row[Column.LINKS.ordinal()] = a.links();
                    }
                    List<String> overrides = x.overrides().getOrDefault(id, List.of());
                    row[Column.OVERRIDES.ordinal()] = overrides.size();
                    row[Column.OVERRIDE_REASONS.ordinal()] = overrides.isEmpty() ? null : String.join(" | ", overrides);
                    row[Column.VERSIONS.ordinal()] = rs.getInt(22);
                    row[Column.REOPENED.ordinal()] = rs.getInt(23);
                    sink.row(row);
                    n++;
                }
            }
        }
        return n;
    }

    private interface RowSink {
        void row(Object[] cells) throws IOException;
    }

    private static LocalDateTime local(Instant t, ZoneId zone) {
        return t == null ? null : LocalDateTime.ofInstant(t, zone);
    }

    // ---- CSV --------------------------------------------------------------------------------

    private int csv(Connection c, Instant start, Instant end, Extras x, ZoneId zone, OutputStream out)
            throws SQLException, IOException {
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        writer.write('\uFEFF');
        String[] header = new String[Column.values().length];
        for (Column col : Column.values()) {
            header[col.ordinal()] = col.header;
        }
        CSVPrinter printer = new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setHeader(header).get());
        int n = rows(c, start, end, x, zone, cells -> {
            List<String> values = new ArrayList<>(cells.length);
            for (Column col : Column.values()) {
                values.add(csvCell(col.type, cells[col.ordinal()]));
            }
            printer.printRecord(values);
        });
        printer.flush();
        return n;
    }

    static String csvCell(Type type, Object value) {
        if (value == null) {
            return "";
        }
        return switch (type) {
            case TIME -> CSV_TIME.format((LocalDateTime) value);
            case YES_NO -> (Boolean) value ? "TRUE" : "FALSE";
            case NUMBER -> value.toString();
            case TEXT -> defuse(value.toString());
        };
    }

    /**
     * A text a spreadsheet program would take for a formula gets a leading apostrophe, so a
     * comment like {@code =HYPERLINK(...)} stays text when the CSV is opened.
     */
    static String defuse(String text) {
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            return "'" + text;
        }
        return text;
    }

    // ---- XLSX -------------------------------------------------------------------------------

    private int xlsx(Connection c, Instant start, Instant end, Extras x, ZoneId zone, OutputStream out)
            throws SQLException, IOException {
        Workbook wb = new Workbook(out, "replydesk", "1.0");
        Worksheet ws = wb.newWorksheet("comments");
        for (Column col : Column.values()) {
            ws.value(0, col.ordinal(), col.header);
            ws.style(0, col.ordinal()).bold().set();
        }
        ws.freezePane(0, 1);
        ws.width(Column.TEXT.ordinal(), 60);
        for (Column col : Column.values()) {
            if (col.type == Type.TIME) {
                ws.width(col.ordinal(), 20);
            }
        }
        Map<LocalDate, int[]> perDay = new TreeMap<>();
        Map<List<Long>, int[]> perPost = new HashMap<>();
        int[] r = {0};
        int n = rows(c, start, end, x, zone, cells -> {
            int row = ++r[0];
            for (Column col : Column.values()) {
                Object v = cells[col.ordinal()];
                if (v == null) {
                    continue;
                }
                switch (col.type) {
                    case NUMBER -> ws.value(row, col.ordinal(), (Number) v);
                    case YES_NO -> ws.value(row, col.ordinal(), (Boolean) v);
                    case TIME -> {
                        ws.value(row, col.ordinal(), (LocalDateTime) v);
                        ws.style(row, col.ordinal()).format(XLSX_TIME).set();
                    }
                    case TEXT -> {
                        String s = v.toString();
                        ws.value(row, col.ordinal(), s.length() > XLSX_MAX_TEXT ? s.substring(0, XLSX_MAX_TEXT) : s);
                    }
                }
            }
            if (row % 1000 == 0) {
                ws.flush(); // keeps memory flat on big exports
            }
            LocalDate day = ((LocalDateTime) cells[Column.ARRIVED.ordinal()]).toLocalDate();
            int[] d = perDay.computeIfAbsent(day, k -> new int[4]);
            d[0]++;
            if ((Boolean) cells[Column.NEEDS_ANSWER.ordinal()]) {
                d[1]++;
                String state = (String) cells[Column.STATE.ordinal()];
                if (DigestBuilder.isAnswered(state)) {
                    d[2]++;
                } else if (state.equals("OPEN")) {
                    d[3]++;
                }
            }
            Long post = (Long) cells[Column.POST_ID.ordinal()];
            if (post != null) {
                Long channel = (Long) cells[Column.CHANNEL_ID.ordinal()];
                perPost.computeIfAbsent(List.of(channel == null ? (Long) cells[Column.CHAT_ID.ordinal()] : channel,
                        post), k -> new int[1])[0]++;
            }
        });
        ws.finish();
        perDaySheet(wb.newWorksheet("per day"), perDay);
        perPostSheet(wb.newWorksheet("per post"), perPost, posts(c), zone);
        wb.finish();
        return n;
    }

    private static void perDaySheet(Worksheet ws, Map<LocalDate, int[]> perDay) throws IOException {
        String[] header = {"day", "comments", "needs_answer", "answered", "still_open"};
        header(ws, header);
        int row = 0;
        for (Map.Entry<LocalDate, int[]> e : perDay.entrySet()) {
            row++;
            ws.value(row, 0, e.getKey());
            ws.style(row, 0).format("yyyy-mm-dd").set();
            for (int i = 0; i < 4; i++) {
                ws.value(row, i + 1, e.getValue()[i]);
            }
        }
        ws.finish();
    }

    private record Post(String title, Instant postedAt) {
    }

    private static Map<List<Long>, Post> posts(Connection c) throws SQLException {
        Map<List<Long>, Post> posts = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT channel_id, channel_post_id, channel_title, posted_at, post_text FROM channel_post");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String text = rs.getString(5);
                String title = text == null || text.isBlank() ? rs.getString(3) : DigestBuilder.excerpt(text);
                posts.putIfAbsent(List.of(rs.getLong(1), rs.getLong(2)), new Post(title, DigestRepository.instant(rs, 4)));
            }
        }
        return posts;
    }

    private static void perPostSheet(Worksheet ws, Map<List<Long>, int[]> perPost, Map<List<Long>, Post> posts,
            ZoneId zone) throws IOException {
        header(ws, new String[] {"channel_id", "post_id", "link", "post", "posted", "comments"});
        ws.width(3, 60);
        ws.width(4, 20);
        List<Map.Entry<List<Long>, int[]>> entries = new ArrayList<>(perPost.entrySet());
        entries.sort((a, b) -> b.getValue()[0] != a.getValue()[0] ? Integer.compare(b.getValue()[0], a.getValue()[0])
                : Long.compare(a.getKey().get(1), b.getKey().get(1)));
        int row = 0;
        for (Map.Entry<List<Long>, int[]> e : entries) {
            row++;
            long channel = e.getKey().get(0);
            long post = e.getKey().get(1);
            ws.value(row, 0, channel);
            ws.value(row, 1, post);
            String link = Links.message(channel, post, null);
            if (link != null) {
                ws.value(row, 2, link);
            }
            Post p = posts.get(e.getKey());
            if (p != null) {
                if (p.title() != null) {
                    ws.value(row, 3, p.title());
                }
                if (p.postedAt() != null) {
                    ws.value(row, 4, local(p.postedAt(), zone));
                    ws.style(row, 4).format(XLSX_TIME).set();
                }
            }
            ws.value(row, 5, e.getValue()[0]);
        }
        ws.finish();
    }

    private static void header(Worksheet ws, String[] names) {
        for (int i = 0; i < names.length; i++) {
            ws.value(0, i, names[i]);
            ws.style(0, i).bold().set();
        }
        ws.freezePane(0, 1);
    }
}
