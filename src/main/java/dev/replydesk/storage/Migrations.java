package dev.replydesk.storage;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import javax.sql.DataSource;

/**
 * Tells, without Flyway, whether a store already has exactly the migrations on the class path:
 * then opening it needs no Flyway at all (loading and configuring Flyway costs about 0.7 s of CPU,
 * a quarter of a restart). Conservative: anything it does not recognise — a missing or failed
 * history row, a row for a script that is not on the class path or the other way round, a changed
 * script (Flyway's own checksum: CRC32 of the lines), a file other than {@code V<version>__<name>.sql}
 * in a location (a callback, a repeatable migration), a class path it cannot list — answers "no",
 * and Flyway runs, validates and migrates as always.
 */
final class Migrations {
    /** The versioned SQL scripts Flyway reads: {@code V1__core.sql}, {@code V2_1__outbox_fewer_indexes.sql}. */
    private static final Pattern VERSIONED = Pattern.compile("V\\d+(_\\d+)*__[A-Za-z0-9_]+\\.sql");

    private Migrations() {
    }

    /**
     * The scripts in {@code locations} (class path folders such as {@code db/migration/common}),
     * by file name, with Flyway's checksum of each; empty when a location holds anything else or
     * cannot be listed.
     */
    static Optional<Map<String, Integer>> onClassPath(ClassLoader loader, List<String> locations) {
        Map<String, Integer> scripts = new HashMap<>();
        try {
            for (String location : locations) {
                String folder = location.endsWith("/") ? location : location + "/";
                List<URL> roots = Collections.list(loader.getResources(folder));
                if (roots.isEmpty()) {
                    return Optional.empty();
                }
                for (URL root : roots) {
                    for (String name : list(root, folder)) {
                        if (!VERSIONED.matcher(name).matches() || scripts.containsKey(name)) {
                            return Optional.empty();
                        }
                        URL script = loader.getResource(folder + name);
                        if (script == null) {
                            return Optional.empty();
                        }
                        scripts.put(name, checksum(script));
                    }
                }
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
        return scripts.isEmpty() ? Optional.empty() : Optional.of(scripts);
    }

    /** The file names directly in a class path folder, from a directory or a jar; null entries never. */
    private static List<String> list(URL root, String folder) throws IOException, URISyntaxException {
        List<String> names = new ArrayList<>();
        switch (root.getProtocol()) {
            case "file" -> {
                try (Stream<Path> files = Files.list(Path.of(root.toURI()))) {
                    for (Path f : files.toList()) {
                        names.add(f.getFileName().toString() + (Files.isDirectory(f) ? "/" : ""));
                    }
                }
            }
            case "jar" -> {
                URLConnection connection = root.openConnection();
                if (!(connection instanceof JarURLConnection jar)) {
                    throw new IOException("not a jar: " + root);
                }
                String prefix = jar.getEntryName() == null ? folder : jar.getEntryName();
                JarFile file = jar.getJarFile();
                for (Enumeration<JarEntry> entries = file.entries(); entries.hasMoreElements(); ) {
                    String name = entries.nextElement().getName();
                    if (name.startsWith(prefix) && name.length() > prefix.length()) {
                        names.add(name.substring(prefix.length()));
                    }
                }
            }
            default -> throw new IOException("cannot list " + root);
        }
        return names;
    }

    /** Flyway's checksum of a SQL script: CRC32 over its lines, UTF-8, without line ends or a BOM. */
    static int checksum(URL script) throws IOException {
        CRC32 crc = new CRC32();
        try (InputStream in = script.openStream();
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 4096)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isEmpty() && line.charAt(0) == '\uFEFF') {
                    line = line.substring(1);
                }
                crc.update(line.getBytes(StandardCharsets.UTF_8));
            }
        }
        return (int) crc.getValue();
    }

    /**
     * True when the store's Flyway history holds exactly {@code scripts}, each applied
     * successfully with the same checksum, and nothing else (bar the marker row Flyway writes
     * when it creates the history table). False when there is no history, or on any SQL error.
     */
    static boolean applied(DataSource dataSource, Map<String, Integer> scripts) {
        return history(dataSource).map(scripts::equals).orElse(false);
    }

    /**
     * The scripts the store's Flyway history holds as applied, by file name, with their checksums;
     * empty when there is no history (a new store), or it holds anything but successful SQL
     * migrations (bar the marker row Flyway writes when it creates the history table).
     */
    static Optional<Map<String, Integer>> history(DataSource dataSource) {
        Map<String, Integer> seen = new HashMap<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT \"type\", \"script\", \"checksum\", \"success\", \"version\" "
                        + "FROM \"flyway_schema_history\"")) {
            while (rs.next()) {
                String type = rs.getString(1);
                String script = rs.getString(2);
                int checksum = rs.getInt(3);
                boolean nullChecksum = rs.wasNull();
                boolean success = rs.getBoolean(4);
                String version = rs.getString(5);
                if (!success) {
                    return Optional.empty();
                }
                if (version == null && ("TABLE".equals(type) || "SCHEMA".equals(type))) {
                    continue;
                }
                if (!"SQL".equals(type) || nullChecksum || seen.put(script, checksum) != null) {
                    return Optional.empty();
                }
            }
        } catch (SQLException e) {
            return Optional.empty();
        }
        return seen.isEmpty() ? Optional.empty() : Optional.of(seen);
    }
}
