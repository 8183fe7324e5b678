package dev.replydesk.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The store: a pooled DataSource migrated by Flyway at open, and transactions around it.
 *
 * <p>H2 (the default) and PostgreSQL share the migrations in {@code db/migration/common}; what
 * differs (the triggers that refuse DELETE) lives in {@code db/migration/h2} and
 * {@code db/migration/postgresql}. H2 file URLs get {@code WRITE_DELAY=0} so a commit is on disk
 * when it returns: an update is acknowledged to Telegram only after that.
 */
public final class Database implements AutoCloseable {
    private final HikariDataSource dataSource;
    private final Vendor vendor;

    public enum Vendor { H2, POSTGRESQL }

    private Database(HikariDataSource dataSource, Vendor vendor) {
        this.dataSource = dataSource;
        this.vendor = vendor;
    }

    /**
     * Opens the store at {@code url} and brings its schema up to date with Flyway, unless its
     * history shows every migration of the class path applied already, unchanged, and no other.
     */
    public static Database open(String url, String user, String password) {
        Vendor vendor = vendorOf(url);
        String jdbcUrl = vendor == Vendor.H2 ? h2Url(url) : url;
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        if (user != null) {
            config.setUsername(user);
        }
        if (password != null) {
            config.setPassword(password);
        }
        config.setPoolName("replydesk-db");
        config.setMaximumPoolSize(vendor == Vendor.H2 ? 8 : 10);
        config.setAutoCommit(true);
        config.setConnectionTimeout(10_000);
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        if (vendor == Vendor.H2) {
            config.setExceptionOverride(new EvictClosedH2());
        }
        HikariDataSource ds;
        try {
            ds = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StorageException("cannot open the store at " + redactUrl(url) + ": "
                    + withHint(rootMessage(e)), e);
        }
        List<String> locations = List.of("db/migration/common", "db/migration/" + vendor.name().toLowerCase(Locale.ROOT));
        try {
            // a store opened before by this same build (a restart) needs no Flyway: see Migrations;
            // a new store has no history, and the class path is not even listed
            Optional<Map<String, Integer>> applied = Migrations.history(ds);
            if (applied.isEmpty() || !applied.equals(Migrations.onClassPath(Database.class.getClassLoader(), locations))) {
                Flyway.configure()
                        .dataSource(ds)
                        .locations(locations.stream().map(l -> "classpath:" + l).toArray(String[]::new))
                        .load()
                        .migrate();
            }
        } catch (RuntimeException e) {
            ds.close();
            throw new StorageException("cannot migrate the store at " + redactUrl(url) + ": "
                    + rootMessage(e), e);
        }
        return new Database(ds, vendor);
    }

    public static Database open(String url) {
        return open(url, null, null);
    }

    static Vendor vendorOf(String url) {
        if (url.startsWith("jdbc:h2:")) {
            return Vendor.H2;
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return Vendor.POSTGRESQL;
        }
        throw new StorageException("unsupported storage.url " + redactUrl(url)
                + ": use jdbc:h2:file:... or jdbc:postgresql://...");
    }

    static String h2Url(String url) {
        String upper = url.toUpperCase(Locale.ROOT);
        StringBuilder sb = new StringBuilder(url);
        if (!upper.contains(";WRITE_DELAY=")) {
            sb.append(";WRITE_DELAY=0");
        }
        if (!upper.contains(";DB_CLOSE_ON_EXIT=")) {
            // the bot's shutdown hook closes the store after draining the outbox; H2 must not close first
            sb.append(";DB_CLOSE_ON_EXIT=FALSE");
        }
        if (!upper.contains(";QUERY_CACHE_SIZE=")) {
            // H2 keeps 8 parsed statements per connection; one comment's intake runs about 15
            // different ones, so each was parsed again every time (a quarter of the intake's time)
            sb.append(";QUERY_CACHE_SIZE=128");
        }
        if (!upper.contains(";LOCK_TIMEOUT=")) {
            sb.append(";LOCK_TIMEOUT=10000");
        }
        return sb.toString();
    }

    private static String redactUrl(String url) {
        return url.replaceAll("(?i)(password=)[^;&]*", "$1***");
    }

    /** H2's "file is locked" names no culprit: it is nearly always the running bot. */
    static String withHint(String message) {
        if (message != null && message.contains("file is locked")) {
            return message + " (an H2 store belongs to one process, most likely the running bot: stop it "
                    + "first, or ask the bot with /digest or /export in a private chat, or use PostgreSQL)";
        }
        return message;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /**
     * When a write fails (disk full, I/O error) H2 closes the whole database, and every pooled
     * connection to it stays dead; Hikari only evicts on SQLState 08xxx, which H2 does not use
     * here. Evicting them makes the next connection open the database again, so the bot picks up
     * where it stopped once there is room on the disk, without a restart.
     */
    static final class EvictClosedH2 implements SQLExceptionOverride {
        /** DATABASE_IS_CLOSED, DATABASE_CALLED_AT_SHUTDOWN, CONNECTION_BROKEN_1, IO_EXCEPTION_1. */
        private static final Set<Integer> DEAD = Set.of(90098, 90121, 90067, 90028);

        @java.lang.Override
        public Override adjudicate(SQLException e) {
            for (SQLException x = e; x != null; x = x.getNextException()) {
                if (DEAD.contains(x.getErrorCode())) {
                    return Override.MUST_EVICT;
                }
            }
            return Override.CONTINUE_EVICT;
        }
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public Vendor vendor() {
        return vendor;
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    public <T> T inTransaction(SqlWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            } finally {
                try {
                    c.setAutoCommit(true);
                } catch (SQLException broken) {
                    // the connection died with the failure above (which must not be masked by this
                    // one), or after the commit; the pool resets or evicts it either way
                }
            }
        } catch (SQLException e) {
            throw new StorageException(describe(e), e);
        }
    }

    /** Runs read-only or single-statement work on a pooled connection. */
    public <T> T withConnection(SqlWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new StorageException(describe(e), e);
        }
    }

    /** The driver's message, and the root cause when it says more (H2 hides "No space left on device" in it). */
    static String describe(SQLException e) {
        String root = rootMessage(e);
        String message = String.valueOf(e.getMessage());
        return "storage error: " + message + (message.contains(root) ? "" : " (cause: " + root + ")");
    }

    @Override
    public void close() {
        dataSource.close();
    }

    /** Work on one connection. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }
}
