package dev.replydesk.testing;

import dev.replydesk.storage.Database;
import java.nio.file.Path;

/** A real H2 store on disk, migrated by the production migrations. */
public final class TestDatabase {
    private TestDatabase() {
    }

    public static String h2Url(Path dir) {
        return "jdbc:h2:file:" + dir.toAbsolutePath().resolve("replydesk");
    }

    public static Database open(Path dir) {
        return Database.open(h2Url(dir));
    }
}
