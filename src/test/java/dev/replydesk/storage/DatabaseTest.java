package dev.replydesk.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.replydesk.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

@ParameterizedClass
@MethodSource("dev.replydesk.testing.TestDatabase#kinds")
class DatabaseTest {
    @Parameter
    TestDatabase.Kind kind;
    @TempDir
    Path dir;
    TestDatabase.Store store;

    @BeforeEach
    void setUp() {
        store = TestDatabase.create(kind, dir);
    }

    @AfterEach
    void tearDown() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void migrationsCreateTheSchema() {
        try (Database db = store.open()) {
            assertEquals(kind.name(), db.vendor().name());
            long tables = count(db, "SELECT COUNT(*) FROM information_schema.tables WHERE UPPER(table_name) IN "
                    + "('COMMENT','COMMENT_VERSION','AUDIT','OUTBOX','POLL_STATE') AND table_schema = CURRENT_SCHEMA");
            assertEquals(5, tables);
        }
    }

    @Test
    void theStoreRefusesToDeleteComments() {
        try (Database db = store.open()) {
            insertComment(db);
            StorageException e = assertThrows(StorageException.class, () -> db.inTransaction(
                    c -> c.createStatement().executeUpdate("DELETE FROM comment")));
            assertTrue(e.getMessage().contains("never deletes"), e.getMessage());
            assertEquals(1L, count(db, "SELECT COUNT(*) FROM comment"));
        }
    }

    @Test
    void theStoreRefusesToDeleteVersionsAndTheAuditTrail() {
        try (Database db = store.open()) {
            insertComment(db);
            db.inTransaction(c -> c.createStatement().executeUpdate(
                    "INSERT INTO audit (comment_id, at, action) VALUES (NULL, CURRENT_TIMESTAMP, 'x')"));
            for (String table : new String[] {"comment_version", "audit"}) {
                StorageException e = assertThrows(StorageException.class, () -> db.inTransaction(
                        c -> c.createStatement().executeUpdate("DELETE FROM " + table)));
                assertTrue(e.getMessage().contains("never deletes"), table + ": " + e.getMessage());
                assertEquals(1L, count(db, "SELECT COUNT(*) FROM " + table), table);
            }
        }
    }

    @Test
    void theStoreRefusesToTruncateWhatItKeeps() {
        try (Database db = store.open()) {
            insertComment(db);
            db.inTransaction(c -> c.createStatement().executeUpdate(
                    "INSERT INTO audit (comment_id, at, action) VALUES (NULL, CURRENT_TIMESTAMP, 'x')"));
            for (String table : new String[] {"comment", "comment_version", "audit", "reply", "review_decision"}) {
                String sql = "TRUNCATE TABLE " + table + (kind == TestDatabase.Kind.POSTGRESQL ? " CASCADE" : "");
                assertThrows(StorageException.class, () -> db.inTransaction(c -> c.createStatement().executeUpdate(sql)),
                        sql);
            }
            assertEquals(1L, count(db, "SELECT COUNT(*) FROM comment"));
            assertEquals(1L, count(db, "SELECT COUNT(*) FROM comment_version"));
            assertEquals(1L, count(db, "SELECT COUNT(*) FROM audit"));
        }
    }

    @Test
    void reopeningKeepsWhatWasCommitted() {
        try (Database db = store.open()) {
            db.inTransaction(c -> c.createStatement().executeUpdate(
                    "INSERT INTO poll_state (name, next_value) VALUES ('offset', 42)"));
        }
        try (Database db = store.open()) {
            assertEquals(42, count(db, "SELECT next_value FROM poll_state"));
        }
    }

    @Test
    void timesGoInAndComeOutAsTheSameInstant() {
        Instant t = Instant.parse("2026-03-29T01:30:00.123456Z");
        try (Database db = store.open()) {
            db.inTransaction(c -> {
                var ps = c.prepareStatement("INSERT INTO nudge (comment_id, kind, sent_at) VALUES (1, 'k', ?)");
                ps.setObject(1, OffsetDateTime.ofInstant(t, ZoneOffset.UTC));
                return ps.executeUpdate();
            });
            Instant back = db.withConnection(c -> {
                try (ResultSet rs = c.createStatement().executeQuery("SELECT sent_at FROM nudge")) {
                    rs.next();
                    return rs.getObject(1, OffsetDateTime.class).toInstant();
                }
            });
            assertEquals(t, back);
        }
    }

    @Test
    void unsupportedUrlIsRefusedClearly() {
        StorageException e = assertThrows(StorageException.class,
                () -> Database.open("jdbc:mysql://localhost/x"));
        assertTrue(e.getMessage().contains("unsupported storage.url"));
    }

    private static void insertComment(Database db) {
        db.inTransaction(c -> {
            c.createStatement().executeUpdate("INSERT INTO comment (chat_id, message_id, sent_at, received_at, text, "
                    + "state) VALUES (-100, 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 'hi', 'OPEN')");
            return c.createStatement().executeUpdate("INSERT INTO comment_version (comment_id, version, text, "
                    + "received_at) SELECT id, 1, 'hi', CURRENT_TIMESTAMP FROM comment");
        });
    }

    private static long count(Database db, String sql) {
        return db.withConnection(c -> {
            try (ResultSet rs = c.createStatement().executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @Test
    void aLockedH2FileSaysWhoProbablyHoldsItAndWhatToDo() {
        String hint = Database.withHint("The file is locked: /srv/data/replydesk.mv.db [2.3.232/7]");
        assertTrue(hint.contains("running bot") && hint.contains("/export"), hint);
        assertEquals("Connection refused", Database.withHint("Connection refused"));
    }
}
