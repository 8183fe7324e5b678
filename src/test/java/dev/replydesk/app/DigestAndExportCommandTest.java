package dev.replydesk.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.replydesk.storage.Database;
import dev.replydesk.testing.TestDatabase;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigestAndExportCommandTest {
    private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");

    @TempDir
    Path dir;
    Path config;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void setUp() throws Exception {
        config = dir.resolve("replydesk.yml");
        Files.writeString(config, """
                telegram:
                  token: "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"
                communities:
                  - chat-id: -1001234567890
                    name: Чат бренда
                moderators:
                  chat-id: -1009876543210
                  users: [111]
                managers:
                  users: [333]
                  languages: {333: uk}
                storage:
                  url: %s
                """.formatted(TestDatabase.h2Url(dir)));
        try (Database db = TestDatabase.open(dir)) {
            comment(db, 1, "2026-03-02T10:00", "question", true, "ANSWERED", "2026-03-02T10:10", "Когда доставка в Омск?");
            comment(db, 2, "2026-03-02T11:00", "complaint", true, "OPEN", null, "Где мой заказ? Жду неделю");
            comment(db, 3, "2026-03-01T11:00", "praise", false, "NONE", null, "Спасибо!");
        }
    }

    private static void comment(Database db, long message, String sent, String label, boolean needs, String state,
            String answer, String text) {
        Instant t = LocalDateTime.parse(sent).atZone(MOSCOW).toInstant();
        db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO comment (chat_id, message_id, author_id, sent_at, "
                    + "received_at, text, label, needs_answer, state, clock_start, first_answer_at) "
                    + "VALUES (-1001234567890, ?, 42, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setLong(1, message);
                ps.setObject(2, OffsetDateTime.ofInstant(t, ZoneOffset.UTC));
                ps.setObject(3, OffsetDateTime.ofInstant(t, ZoneOffset.UTC));
                ps.setString(4, text);
                ps.setString(5, label);
                ps.setBoolean(6, needs);
                ps.setString(7, state);
                ps.setObject(8, needs ? OffsetDateTime.ofInstant(t, ZoneOffset.UTC) : null);
                ps.setObject(9, answer == null ? null : OffsetDateTime.ofInstant(
                        LocalDateTime.parse(answer).atZone(MOSCOW).toInstant(), ZoneOffset.UTC));
                return ps.executeUpdate();
            }
        });
    }

    private int run(Command command, String... args) throws Exception {
        return command.run(List.of(args), new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private int main(String... args) {
        return Main.run(List.of(args), new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void digestPrintsThePlainDigestOfTheDayAskedInTheLanguageAsked() throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2026-03-03T06:00:00Z"), ZoneOffset.UTC);
        assertEquals(0, run(new DigestCommand(clock), "--config", config.toString(), "--date", "2026-03-02",
                "--lang", "en"), err());
        assertTrue(out().startsWith("📊 Digest for Monday, 2 March 2026\n"), out());
        assertTrue(out().contains("💬 Comments: 2 (0.1)"), out());
        assertTrue(out().contains("Чат бренда 2 (0.1)"), out());
        assertTrue(out().contains("median 10 min"), out());
        assertTrue(out().contains("«Где мой заказ? Жду неделю» https://t.me/c/1234567890/2"), out());
    }

    @Test
    void digestDefaultsToYesterdayInTheFirstManagersLanguage() throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2026-03-03T06:00:00Z"), ZoneOffset.UTC);
        assertEquals(0, run(new DigestCommand(clock), "--config", config.toString()), err());
        assertTrue(out().startsWith("📊 Дайджест за понеділок, 2 березня 2026\n"), out());
    }

    @Test
    void aBrokenConfigIsReportedWithExitCodeOne() throws Exception {
        Files.writeString(config, "telegram: {}\n");
        assertEquals(1, main("digest", "--config", config.toString()));
        assertTrue(err().startsWith("replydesk digest: "), err());
        assertTrue(err().contains("telegram.token"), err());
        assertEquals(1, main("export", "--format", "csv", "--out", dir.resolve("x.csv").toString(),
                "--config", config.toString()));
        assertTrue(err().contains("replydesk export: "), err());
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertEquals(2, main("digest", "--date", "02.03.2026", "--config", config.toString()));
        assertTrue(err().contains("'02.03.2026' is not a date"), err());
        assertEquals(2, main("digest", "--lang", "de", "--config", config.toString()));
        assertEquals(2, main("export", "--out", "x.csv"));
        assertTrue(err().contains("--format csv|xlsx is required"), err());
        assertEquals(2, main("export", "--format", "ods", "--out", "x.ods"));
        assertEquals(2, main("export", "--format", "csv"));
        assertEquals(2, main("export", "--format", "csv", "--out", "x.csv", "--from", "2026-03-05", "--to", "2026-03-01"));
    }

    @Test
    void exportWritesCsvWithABomForTheDaysAsked() throws Exception {
        Path file = dir.resolve("comments.csv");
        assertEquals(0, main("export", "--format", "csv", "--from", "2026-03-02", "--to", "2026-03-02",
                "--out", file.toString(), "--config", config.toString()), err());
        assertEquals("wrote 2 comments to " + file + " (times in Europe/Moscow)\n", out());
        String csv = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(csv.startsWith("\uFEFFcomment_id,chat_id,"), csv);
        assertTrue(csv.contains("Когда доставка в Омск?"), csv);
        assertTrue(!csv.contains("Спасибо!"), "the day before is left out");
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.toString().endsWith(".part")), "no partial file left behind");
        }
    }

    @Test
    void exportWritesXlsxOfEverythingWithoutDates() throws Exception {
        Path file = dir.resolve("comments.xlsx");
        assertEquals(0, main("export", "--format", "xlsx", "--out", file.toString(), "--config", config.toString()),
                err());
        try (ReadableWorkbook wb = new ReadableWorkbook(file.toFile())) {
            assertEquals(4, wb.getFirstSheet().read().size());
        }
    }
}
