package dev.replydesk.digest;

import static dev.replydesk.digest.DigestFixture.DAY;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.replydesk.digest.Exporter.Column;
import dev.replydesk.digest.Exporter.Format;
import dev.replydesk.storage.Database;
import dev.replydesk.testing.TestDatabase;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExporterTest {
    @TempDir
    Path dir;
    Database db;
    DigestFixture fixture;
    Exporter exporter;

    @BeforeEach
    void setUp() {
        db = TestDatabase.open(dir);
        fixture = new DigestFixture(db);
        fixture.load();
        exporter = new Exporter(DigestFixture.config(), db);
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    private long id(long messageId) {
        return fixture.count("SELECT id FROM comment WHERE message_id = ?", messageId);
    }

    /** Every column of the first comment of the day, as the CSV writes it. */
    private Map<Column, String> firstComment() {
        Map<Column, String> e = new LinkedHashMap<>();
        e.put(Column.COMMENT_ID, String.valueOf(id(1001)));
        e.put(Column.CHAT_ID, "-1001234567890");
        e.put(Column.MESSAGE_ID, "1001");
        e.put(Column.THREAD_ID, "500");
        e.put(Column.LINK, "https://t.me/c/1234567890/1001?thread=500");
        e.put(Column.COMMUNITY, "Brand chat");
        e.put(Column.CHANNEL_ID, "-1001111111111");
        e.put(Column.POST_ID, "10");
        e.put(Column.AUTHOR_ID, "9001");
        e.put(Column.TEXT, "Заказ 4521 не пришёл, где мои деньги?");
        e.put(Column.LANGUAGE, "ru");
        e.put(Column.ARRIVED, "2026-03-02 08:05:00");
        e.put(Column.CLAIMED, "2026-03-02 08:06:00");
        e.put(Column.FIRST_ANSWER, "2026-03-02 08:17:00");
        e.put(Column.RESOLVED, "2026-03-02 08:17:00");
        e.put(Column.LABEL, "complaint");
        e.put(Column.LABEL_REASONS, "complaint: test");
        e.put(Column.LABEL_CORRECTED, "FALSE");
        e.put(Column.NEGATIVE, "TRUE");
        e.put(Column.NEEDS_ANSWER, "TRUE");
        e.put(Column.OWNER_ID, "111");
        e.put(Column.OWNER, "Анна К.");
        e.put(Column.STATE, "ANSWERED");
        e.put(Column.CLOCK_START, "2026-03-02 08:05:00");
        e.put(Column.RESPONSE_MINUTES, "12.0");
        e.put(Column.BREACH, "FALSE");
        e.put(Column.ANSWERED_BY, "111");
        e.put(Column.CHECKLIST, "PASS");
        e.put(Column.POLITE, "TRUE");
        e.put(Column.LOGICAL, "FALSE");
        e.put(Column.CONSISTENT, "TRUE");
        e.put(Column.LINKS, "TRUE");
        e.put(Column.OVERRIDES, "0");
        e.put(Column.OVERRIDE_REASONS, "");
        e.put(Column.VERSIONS, "1");
        e.put(Column.REOPENED, "0");
        assertEquals(Column.values().length, e.size(), "every column has an expected value");
        return e;
    }

    private List<CSVRecord> csv(LocalDate from, LocalDate to) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(11, exporter.write(Format.CSV, from, to, out));
        byte[] bytes = out.toByteArray();
        assertArrayEquals(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, Arrays.copyOf(bytes, 3), "UTF-8 BOM");
        Reader reader = new InputStreamReader(new ByteArrayInputStream(bytes, 3, bytes.length - 3), StandardCharsets.UTF_8);
        return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).getRecords();
    }

    @Test
    void csvHasABomAHeaderAndEveryColumnOfEachCommentWithCyrillicIntact() throws IOException {
        List<CSVRecord> rows = csv(DAY, DAY);
        assertEquals(11, rows.size());
        assertEquals(Arrays.stream(Column.values()).map(c -> c.header).toList(), rows.get(0).getParser().getHeaderNames());
        firstComment().forEach((col, expected) -> assertEquals(expected, rows.get(0).get(col.header), col.header));
    }

    @Test
    void csvCarriesOverridesBreachesTheLatestTextAndDefusesFormulas() throws IOException {
        Map<String, CSVRecord> byMessage = new LinkedHashMap<>();
        for (CSVRecord r : csv(DAY, DAY)) {
            byMessage.put(r.get("message_id"), r);
        }
        CSVRecord overridden = byMessage.get("1002");
        assertEquals("OVERRIDE", overridden.get("checklist"));
        assertEquals("FALSE", overridden.get("links"));
        assertEquals("1", overridden.get("overrides"));
        assertEquals("Клиенту нужна ссылка на трекинг", overridden.get("override_reasons"));
        assertEquals("50.0", overridden.get("response_minutes"));
        CSVRecord breached = byMessage.get("2002");
        assertEquals("TRUE", breached.get("breach"));
        assertEquals("OPEN", breached.get("state"));
        assertEquals("", breached.get("first_answer"));
        assertEquals("Третью неделю жду возврат <3000 ₽> & никто не отвечает", breached.get("text"));
        CSVRecord edited = byMessage.get("1008");
        assertEquals("Работает ли магазин 8 марта?", edited.get("text"));
        assertEquals("2", edited.get("versions"));
        assertEquals("2026-03-03 00:20:00", edited.get("first_answer"));
        CSVRecord rewritten = byMessage.get("1007");
        assertEquals("PASS", rewritten.get("checklist"), "the published reply's verdict, not the failed draft's");
        assertEquals("TRUE", rewritten.get("polite"));
        assertEquals("222", rewritten.get("answered_by"));
        assertEquals("'=HYPERLINK(\"http://spam\") Заработок без вложений!", byMessage.get("1005").get("text"));
        assertEquals("Клуб «Друзья» & Co", byMessage.get("2001").get("community"));
    }

    @Test
    void xlsxHasTypedCellsAFrozenHeaderAndEveryColumnRight() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(11, exporter.write(Format.XLSX, DAY, DAY, out));
        byte[] bytes = out.toByteArray();
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(bytes), new ReadingOptions(true, false))) {
            Sheet sheet = wb.getFirstSheet();
            assertEquals("comments", sheet.getName());
            List<Row> rows = sheet.read();
            assertEquals(12, rows.size());
            for (Column col : Column.values()) {
                assertEquals(col.header, rows.get(0).getCell(col.ordinal()).asString());
            }
            Row first = rows.get(1);
            firstComment().forEach((col, expected) -> {
                Cell cell = first.getCell(col.ordinal());
                if (expected.isEmpty()) {
                    assertTrue(cell == null || cell.getType() == CellType.EMPTY, col.header);
                    return;
                }
                switch (col.type) {
                    case NUMBER -> {
                        assertEquals(CellType.NUMBER, cell.getType(), col.header);
                        assertEquals(0, new BigDecimal(expected).compareTo(cell.asNumber()), col.header);
                    }
                    case TIME -> {
                        assertEquals(CellType.NUMBER, cell.getType(), col.header);
                        assertEquals(LocalDateTime.parse(expected.replace(' ', 'T')), cell.asDate(), col.header);
                        assertEquals("yyyy-mm-dd hh:mm:ss", cell.getDataFormatString(), col.header);
                    }
                    case YES_NO -> {
                        assertEquals(CellType.BOOLEAN, cell.getType(), col.header);
                        assertEquals(Boolean.parseBoolean(expected.toLowerCase()), cell.asBoolean(), col.header);
                    }
                    case TEXT -> {
                        assertEquals(CellType.STRING, cell.getType(), col.header);
                        assertEquals(expected, cell.asString(), col.header);
                    }
                }
            });
            Row spam = rows.subList(1, rows.size()).stream().filter(r -> r.getCell(Column.MESSAGE_ID.ordinal()).asNumber().intValue() == 1005)
                    .findFirst().orElseThrow();
            assertEquals("=HYPERLINK(\"http://spam\") Заработок без вложений!",
                    spam.getCell(Column.TEXT.ordinal()).asString(), "a typed text cell is never a formula");

            List<Row> perDay = wb.findSheet("per day").orElseThrow().read();
            assertEquals(List.of("day", "comments", "needs_answer", "answered", "still_open"),
                    perDay.get(0).stream().map(Cell::asString).toList());
            assertEquals(LocalDate.of(2026, 3, 2), perDay.get(1).getCell(0).asDate().toLocalDate());
            assertEquals(List.of(11, 8, 5, 2), perDay.get(1).getCells(1, 5).stream()
                    .map(c -> c.asNumber().intValue()).toList());

            List<Row> perPost = wb.findSheet("per post").orElseThrow().read();
            assertEquals(3, perPost.size());
            assertEquals(10, perPost.get(1).getCell(1).asNumber().intValue());
            assertEquals("https://t.me/c/1111111111/10", perPost.get(1).getCell(2).asString());
            assertEquals("Весенняя коллекция уже в продаже", perPost.get(1).getCell(3).asString());
            assertEquals(3, perPost.get(1).getCell(5).asNumber().intValue());
            assertEquals(2, perPost.get(2).getCell(5).asNumber().intValue());
        }
        String sheetXml = entry(dir.resolve("export.xlsx"), bytes, "xl/worksheets/sheet1.xml");
        assertTrue(sheetXml.matches("(?s).*<pane [^>]*ySplit=\"1\"[^>]*state=\"frozen\".*"), "header row frozen");
    }

    @Test
    void anOpenRangeExportsEverything() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(21, exporter.write(Format.CSV, null, null, out));
    }

    private static String entry(Path file, byte[] zip, String name) throws IOException {
        java.nio.file.Files.write(file, zip);
        try (ZipFile z = new ZipFile(file.toFile())) {
            ZipEntry e = z.getEntry(name);
            assertTrue(e != null, "no " + name + " in the xlsx");
            return new String(z.getInputStream(e).readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
