package dev.replydesk.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.replydesk.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
    @TempDir
    Path dir;

    @Test
    void migrationsCreateTheSchemaOnDisk() {
        try (Database db = TestDatabase.open(dir)) {
            int tables = db.withConnection(c -> {
                try (ResultSet rs = c.createStatement().executeQuery(
                        "SELECT COUNT(*) FROM information_schema.tables WHERE table_name IN ('COMMENT','COMMENT_VERSION','AUDIT')")) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
            assertEquals(3, tables);
        }
    }

    @Test
    void theStoreRefusesToDeleteComments() {
        try (Database db = TestDatabase.open(dir)) {
            db.inTransaction(c -> c.createStatement().executeUpdate(
                    "INSERT INTO comment (chat_id, message_id, sent_at, received_at, text, state) "
                            + "VALUES (-100, 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 'hi', 'OPEN')"));
            StorageException e = assertThrows(StorageException.class, () -> db.inTransaction(
                    c -> c.createStatement().executeUpdate("DELETE FROM comment")));
            assertTrue(e.getMessage().contains("never deletes"), e.getMessage());
            assertEquals(1L, (long) db.withConnection(c -> {
                try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM comment")) {
                    rs.next();
                    return rs.getLong(1);
                }
            }));
        }
    }

    @Test
    void reopeningKeepsWhatWasCommitted() throws SQLException {
        try (Database db = TestDatabase.open(dir)) {
            db.inTransaction(c -> c.createStatement().executeUpdate(
                    "INSERT INTO poll_state (name, next_value) VALUES ('offset', 42)"));
        }
        try (Database db = TestDatabase.open(dir)) {
            long v = db.withConnection(c -> {
                try (ResultSet rs = c.createStatement().executeQuery("SELECT next_value FROM poll_state")) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
            assertEquals(42, v);
        }
    }

    @Test
    void unsupportedUrlIsRefusedClearly() {
        StorageException e = assertThrows(StorageException.class,
                () -> Database.open("jdbc:mysql://localhost/x"));
        assertTrue(e.getMessage().contains("unsupported storage.url"));
    }
}
