package dev.replydesk.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.replydesk.testing.TestDatabase;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationsTest {
    private static final List<String> H2 = List.of("db/migration/common", "db/migration/h2");

    @TempDir
    Path dir;

    private static Map<String, Integer> scripts() {
        return Migrations.onClassPath(MigrationsTest.class.getClassLoader(), H2).orElseThrow();
    }

    @Test
    void aStoreMigratedByFlywayIsRecognisedAsUpToDateSoARestartSkipsFlyway() {
        try (Database db = TestDatabase.open(dir)) {
            // the checksums computed here are Flyway's own: otherwise this could never hold
            assertTrue(Migrations.applied(db.dataSource(), scripts()));
        }
        try (Database again = TestDatabase.open(dir)) {
            assertTrue(Migrations.applied(again.dataSource(), scripts()));
        }
    }

    @Test
    void aNewStoreHasNoHistoryAndIsMigratedByFlyway() throws Exception {
        com.zaxxer.hikari.HikariDataSource ds = new com.zaxxer.hikari.HikariDataSource();
        ds.setJdbcUrl(TestDatabase.h2Url(dir));
        try (ds) {
            assertFalse(Migrations.applied(ds, scripts()));
        }
    }

    @Test
    void aChangedMissingOrExtraScriptMeansFlywayRuns() {
        try (Database db = TestDatabase.open(dir)) {
            Map<String, Integer> changed = new HashMap<>(scripts());
            changed.put("V1__core.sql", changed.get("V1__core.sql") + 1);
            assertFalse(Migrations.applied(db.dataSource(), changed), "a script edited after it was applied");
            Map<String, Integer> newer = new HashMap<>(scripts());
            newer.put("V99__next.sql", 1);
            assertFalse(Migrations.applied(db.dataSource(), newer), "a migration not applied yet");
            Map<String, Integer> older = new HashMap<>(scripts());
            older.remove("V4_1__identity_cache.sql");
            assertFalse(Migrations.applied(db.dataSource(), older), "the store is newer than this build");
        }
    }

    @Test
    void aFailedMigrationInTheHistoryMeansFlywayRuns() {
        try (Database db = TestDatabase.open(dir)) {
            db.inTransaction(c -> c.createStatement().executeUpdate(
                    "UPDATE \"flyway_schema_history\" SET \"success\" = FALSE WHERE \"script\" = 'V4__outbox_lanes.sql'"));
            assertFalse(Migrations.applied(db.dataSource(), scripts()));
        }
    }

    @Test
    void theScriptsAreListedFromAJarAsFromAFolder() throws IOException {
        Path jar = dir.resolve("m.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            entry(out, "db/migration/common/", null);
            entry(out, "db/migration/common/V1__core.sql", "CREATE TABLE a (x INT);\nCREATE TABLE b (y INT);\n");
            entry(out, "db/migration/common/V1_2__more.sql", "\uFEFFALTER TABLE a ADD z INT;\r\n");
            entry(out, "db/migration/h2/", null);
            entry(out, "db/migration/h2/V1_1__h2.sql", "SELECT 1;");
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            Map<String, Integer> found = Migrations.onClassPath(loader, H2).orElseThrow();
            assertEquals(java.util.Set.of("V1__core.sql", "V1_2__more.sql", "V1_1__h2.sql"), found.keySet());
            // CRC32 of the lines without their ends or the BOM, as Flyway counts them
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update("CREATE TABLE a (x INT);".getBytes(StandardCharsets.UTF_8));
            crc.update("CREATE TABLE b (y INT);".getBytes(StandardCharsets.UTF_8));
            assertEquals((int) crc.getValue(), found.get("V1__core.sql"));
            crc.reset();
            crc.update("ALTER TABLE a ADD z INT;".getBytes(StandardCharsets.UTF_8));
            assertEquals((int) crc.getValue(), found.get("V1_2__more.sql"));
        }
    }

    @Test
    void aCallbackOrRepeatableScriptInALocationLeavesItAllToFlyway() throws IOException {
        for (String other : List.of("afterMigrate.sql", "R__views.sql", "sub/V9__nested.sql")) {
            Path jar = dir.resolve(other.replace('/', '_') + ".jar");
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
                entry(out, "db/migration/common/", null);
                entry(out, "db/migration/h2/", null);
                entry(out, "db/migration/common/V1__core.sql", "SELECT 1;");
                entry(out, "db/migration/common/" + other, "SELECT 2;");
                entry(out, "db/migration/h2/V1_1__h2.sql", "SELECT 1;");
            }
            try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
                assertEquals(Optional.empty(), Migrations.onClassPath(loader, H2), other);
            }
        }
    }

    private static void entry(JarOutputStream out, String name, String text) throws IOException {
        out.putNextEntry(new JarEntry(name));
        if (text != null) {
            OutputStream o = out;
            o.write(text.getBytes(StandardCharsets.UTF_8));
        }
        out.closeEntry();
    }
}
