package dev.replydesk.testing;

import dev.replydesk.storage.Database;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Real stores for tests, migrated by the production migrations: H2 on disk, or a fresh schema of
 * the PostgreSQL named by {@code REPLYDESK_TEST_PG_URL} ({@code .ci/postgres} starts one).
 *
 * <p>A test class runs on both with
 * {@code @ParameterizedClass @MethodSource("dev.replydesk.testing.TestDatabase#kinds")} and a
 * {@code @Parameter TestDatabase.Kind kind} field, then {@code TestDatabase.create(kind, dir)}.
 * Without PostgreSQL its variant is skipped, or fails when both {@code CI} and
 * {@code REPLYDESK_TEST_PG_REQUIRED} are set.
 */
public final class TestDatabase {
    public static final String PG_URL = "REPLYDESK_TEST_PG_URL";
    public static final String PG_REQUIRED = "REPLYDESK_TEST_PG_REQUIRED";

    /** Which database a store lives in. */
    public enum Kind { H2, POSTGRESQL }

    private TestDatabase() {
    }

    /** Every kind, for a parameterized test. */
    public static Stream<Kind> kinds() {
        return Stream.of(Kind.values());
    }

    public static String h2Url(Path dir) {
        return "jdbc:h2:file:" + dir.toAbsolutePath().resolve("replydesk");
    }

    /** H2 in {@code dir}. */
    public static Database open(Path dir) {
        return Database.open(h2Url(dir));
    }

    /** A new store of {@code kind}: H2 in {@code dir}, or a new schema of the test PostgreSQL. */
    public static Store create(Kind kind, Path dir) {
        return switch (kind) {
            case H2 -> new Store(kind, h2Url(dir), null);
            case POSTGRESQL -> {
                String base = postgresUrl();
                String schema = "t_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
                yield new Store(kind, base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema, schema);
            }
        };
    }

    /** A fresh schema of the test PostgreSQL, opened; closing the store drops it. */
    public static Store openPostgres() {
        Store store = create(Kind.POSTGRESQL, null);
        store.open();
        return store;
    }

    /**
     * The base URL of the test PostgreSQL. Aborts the test (skipped) when there is none, or fails
     * it under CI when PostgreSQL is required.
     */
    public static String postgresUrl() {
        String url = System.getenv(PG_URL);
        if (url == null || url.isBlank()) {
            String why = PG_URL + " is not set (.ci/postgres starts a throwaway PostgreSQL and sets it: "
                    + "eval \"$(.ci/postgres)\")";
            if (System.getenv("CI") != null && System.getenv(PG_REQUIRED) != null) {
                Assertions.fail("PostgreSQL is required (CI and " + PG_REQUIRED + " are set), but " + why);
            }
            Assumptions.abort("Skipped the PostgreSQL variant: " + why);
        }
        if (!url.startsWith("jdbc:postgresql:")) {
            Assertions.fail(PG_URL + " must be a jdbc:postgresql: URL");
        }
        return url;
    }

    /**
     * One store: its URL, the pools opened on it (several, like instances or restarts), and on
     * PostgreSQL the schema it lives in, dropped on close.
     */
    public static final class Store implements AutoCloseable {
        private final Kind kind;
        private final String url;
        private final String schema;
        private final List<Database> opened = new ArrayList<>();

        private Store(Kind kind, String url, String schema) {
            this.kind = kind;
            this.url = url;
            this.schema = schema;
        }

        public Kind kind() {
            return kind;
        }

        public String url() {
            return url;
        }

        /** Opens (and migrates) a new pool on this store; {@link #close()} closes it if the test did not. */
        public synchronized Database open() {
            Database db = Database.open(url);
            opened.add(db);
            return db;
        }

        @Override
        public synchronized void close() {
            opened.forEach(Database::close);
            opened.clear();
            if (schema != null) {
                try (Connection c = DriverManager.getConnection(postgresUrl());
                        Statement s = c.createStatement()) {
                    s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                } catch (SQLException e) {
                    throw new IllegalStateException("cannot drop the test schema " + schema + ": " + e.getMessage(), e);
                }
            }
        }

        @Override
        public String toString() {
            return kind.name();
        }
    }
}
