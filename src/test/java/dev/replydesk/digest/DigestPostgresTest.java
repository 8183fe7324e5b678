package dev.replydesk.digest;

import static dev.replydesk.digest.DigestFixture.DAY;
import static dev.replydesk.digest.DigestFixture.DIGEST_TIME;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.replydesk.language.Lang;
import dev.replydesk.storage.Database;
import dev.replydesk.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The digest's SQL on a real PostgreSQL: the same data set gives the same digest as on H2, the
 * export reads the same rows, and two instances with pools of their own send each digest once.
 * Runs on the PostgreSQL of {@code REPLYDESK_TEST_PG_URL} (see {@code .ci/postgres} and
 * {@link TestDatabase}), in a schema of its own.
 */
class DigestPostgresTest {
    TestDatabase.Store store;
    String url;
    Database db;

    @BeforeEach
    void setUp() {
        store = TestDatabase.openPostgres();
        url = store.url();
        db = store.open();
        new DigestFixture(db).load();
    }

    @AfterEach
    void tearDown() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void theDigestIsTheSameAsOnH2() throws Exception {
        Digests digests = new Digests(DigestFixture.config(), db, DigestFixture.clockAt(DIGEST_TIME));
        String golden = Files.readString(Path.of("src/test/resources/digest/digest-ru.txt"), StandardCharsets.UTF_8);
        assertEquals(golden, digests.plainText(DAY, Lang.RU) + "\n");
    }

    @Test
    void theExportReadsTheSameRows() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(11, new Exporter(DigestFixture.config(), db).write(Exporter.Format.CSV, DAY, DAY, out));
        String csv = out.toString(StandardCharsets.UTF_8);
        assertTrue(csv.contains("Клиенту нужна ссылка на трекинг"), csv);
        ByteArrayOutputStream xlsx = new ByteArrayOutputStream();
        assertEquals(21, new Exporter(DigestFixture.config(), db).write(Exporter.Format.XLSX, null, null, xlsx));
    }

    @Test
    void twoInstancesWithTheirOwnPoolsSendEachDigestOnce() throws Exception {
        RecordingSink sink = new RecordingSink();
        try (Database other = Database.open(url); ExecutorService pool = Executors.newFixedThreadPool(2)) {
            DigestScheduler a = new DigestScheduler(DigestFixture.config(), db, sink, DigestFixture.clockAt(DIGEST_TIME));
            DigestScheduler b = new DigestScheduler(DigestFixture.config(), other, sink,
                    DigestFixture.clockAt(DIGEST_TIME));
            int sent = 0;
            for (Future<Integer> f : pool.invokeAll(List.<Callable<Integer>>of(a::tick, b::tick))) {
                sent += f.get();
            }
            assertEquals(3, sent + a.tick() + b.tick());
        }
        DigestFixture fixture = new DigestFixture(db);
        assertEquals(3, fixture.count("SELECT COUNT(*) FROM digest_sent WHERE digest_day = ?", DAY));
        assertEquals(6, fixture.count("SELECT COUNT(*) FROM audit WHERE action = 'test_queued'"));
        assertEquals(6, sink.messages.size());
    }
}
