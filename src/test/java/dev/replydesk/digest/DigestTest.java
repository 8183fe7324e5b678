package dev.replydesk.digest;

import static dev.replydesk.digest.DigestFixture.DAY;
import static dev.replydesk.digest.DigestFixture.DIGEST_TIME;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.replydesk.config.ReplydeskConfig;
import dev.replydesk.digest.Digest.ModeratorLine;
import dev.replydesk.knowledge.Suggester;
import dev.replydesk.language.Lang;
import dev.replydesk.language.LanguageDetector;
import dev.replydesk.storage.Database;
import dev.replydesk.testing.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The digest of the fixed data set, made at 09:00 on the next morning. */
class DigestTest {
    /** Run with -Dgolden.update=true to rewrite the golden files after a deliberate change. */
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");
    private static final Path GOLDEN = Path.of("src/test/resources/digest");

    @TempDir
    Path dir;
    Database db;
    Digests digests;

    @BeforeEach
    void setUp() {
        db = TestDatabase.open(dir);
        new DigestFixture(db).load();
        ReplydeskConfig config = DigestFixture.config();
        digests = new Digests(config, db, DigestFixture.clockAt(DIGEST_TIME));
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void dayCountsCompareWithTheDailyAverageOfTheWeekBefore() {
        Digest d = digests.build(DAY);
        assertEquals(11, d.comments().value());
        assertEquals(6 / 7.0, d.comments().previousAverage(), 1e-9);
        assertEquals(8, d.needingAnswer().value());
        assertEquals(5, d.answered().value());
        assertEquals(1, d.noAnswerNeeded().value());
        assertEquals(2, d.stillOpen().value());
        assertEquals(List.of("complaint", "question", "troll", "spam", "praise"),
                d.byLabel().stream().map(Digest.Share::key).toList());
        assertEquals(List.of("Brand chat", "Клуб «Друзья» & Co"),
                d.byCommunity().stream().map(Digest.Share::key).toList());
    }

    @Test
    void openCommentsAreCountedByClockAgeOldestFirst() {
        Digest d = digests.build(DAY);
        assertEquals(List.of(1, 1, 1, 3), d.openByAge());
        assertEquals("Где мой заказ 1234? Прошло две недели", d.oldestOpen().get(0).excerpt());
        assertEquals(Duration.ofHours(63), d.oldestOpen().get(0).age());
        assertEquals("https://t.me/c/1234567890/1009", d.oldestOpen().get(0).link());
        assertEquals("Борис <mod>", d.oldestOpen().get(0).owner());
    }

    @Test
    void firstResponseMedianAndP90AreNearestRankOverTheDaysAnsweredComments() {
        Digest d = digests.build(DAY);
        assertEquals(4, d.firstResponse().answered());
        assertEquals(Duration.ofMinutes(12), d.firstResponse().median());
        assertEquals(Duration.ofMinutes(50), d.firstResponse().p90());
        assertEquals(2, d.firstResponse().withinTarget());
        assertEquals(1, d.breaches().value());
        assertEquals(1 / 7.0, d.breaches().previousAverage(), 1e-9);
    }

    @Test
    void aCommentPastTheLimitCountsOnceEvenReopenedAndEarlierOnesAreToldApart() {
        DigestFixture more = new DigestFixture(db);
        long complaint = id(2002); // of the day, past the limit at 17:30 already
        long older = id(1009);     // of 28 February, past the limit on 1 March
        // reopened after an answer, it got a new clock and went past the limit again, twice
        more.audit(complaint, "2026-03-02T21:00", null, "breached", "limit PT6H");
        more.audit(complaint, "2026-03-02T23:30", null, "breached", "limit PT6H");
        // an older comment, reopened, went past the limit during the day
        more.audit(older, "2026-03-02T10:00", null, "breached", "limit PT6H");
        more.audit(older, "2026-03-02T19:00", null, "breached", "limit PT6H");

        Digest d = digests.build(DAY);
        assertEquals(1, d.breaches().value(), "each comment once");
        assertTrue(d.breaches().value() <= d.needingAnswer().value(), "a part of those needing an answer");
        assertEquals(1 / 7.0, d.breaches().previousAverage(), 1e-9);
        assertEquals(1, d.earlierBreaches(), "the older comment, once, on a line of its own");

        String en = new DigestRenderer(new DigestTexts()).plain(d, Lang.EN);
        assertTrue(en.contains("Needing an answer: 8 (0.6)\nanswered 5 (0.4) · no answer needed 1 (0) · still open 2 (0.1)\n"
                + "🚨 Went past the limit (6 h): 1 of these 8 (0.1)\n"
                + "🚨 Also went past the limit (6 h) during the day: 1 from earlier days"), en);
        assertTrue(new DigestRenderer(new DigestTexts()).plain(d, Lang.RU).contains("Превысили предел (6 ч): 1 из этих 8"), "ru");
        assertTrue(new DigestRenderer(new DigestTexts()).plain(d, Lang.UK).contains("Ще перевищили ліміт (6 год) за день: 1 з попередніх днів"),
                "uk");
    }

    private long id(long messageId) {
        return db.withConnection(c -> {
            try (var rs = c.createStatement().executeQuery("SELECT id FROM comment WHERE message_id = " + messageId)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @Test
    void moderatorLinesCountAnswersChecklistOverridesAndTheCheckFailedMost() {
        Digest d = digests.build(DAY);
        ModeratorLine boris = d.moderators().get(0);
        assertEquals("Борис <mod>", boris.name());
        assertEquals(2, boris.answered());
        assertEquals(Duration.ofMinutes(8), boris.medianResponse());
        assertEquals(3, boris.checked());
        assertEquals(1, boris.passed());
        assertEquals(List.of("Клиенту нужна ссылка на трекинг"), boris.overrides());
        assertEquals("links", boris.mostFailedCheck());
        assertEquals(2, boris.mostFailedCount());
        ModeratorLine anna = d.moderators().get(1);
        assertEquals("Анна К.", anna.name());
        assertEquals(1, anna.answered());
        assertEquals("logical", anna.mostFailedCheck());
    }

    @Test
    void questionsTheKnowledgeBaseCouldNotAnswerAreGroupedBiggestFirst() {
        Digest d = digests.build(DAY);
        assertEquals(new Digest.Gap("Как вернуть товар без чека?", 2), d.kbGaps().get(0));
        assertEquals(5, d.kbGaps().stream().mapToInt(Digest.Gap::count).sum());
    }

    @Test
    void theKnowledgeBasesGroupingCanTakeThePlaceOfTheSharedWordsOne() throws IOException {
        try (Suggester kb = Suggester.open(Path.of("src/test/resources/kb-fixture"), Path.of("config/knowledge"),
                new LanguageDetector())) {
            Digests withKb = new Digests(DigestFixture.config(), db, DigestFixture.clockAt(DIGEST_TIME),
                    kb.gapGrouper());
            Digest d = withKb.build(DAY);
            assertEquals(2, d.kbGaps().get(0).count());
            assertTrue(d.kbGaps().get(0).example().contains("вернуть товар"), d.kbGaps().toString());
            assertEquals(5, d.kbGaps().stream().mapToInt(Digest.Gap::count).sum());
        }
    }

    @Test
    void engagementCountsCommentsPerChannelPost() {
        Digest d = digests.build(DAY);
        assertEquals(2, d.engagement().posts());
        assertEquals(5, d.engagement().comments());
        assertEquals(2.5, d.engagement().perPost(), 1e-9);
        assertEquals(2.0, d.engagement().previousPerPost(), 1e-9);
        assertEquals(1, d.trolls().value());
        assertEquals(1, d.spam().value());
        assertEquals(1, d.labelCorrections().value());
    }

    @Test
    void plainDigestMatchesTheGoldenFileInEachLanguage() throws IOException {
        Digest d = digests.build(DAY);
        for (Lang lang : Lang.values()) {
            golden("digest-" + lang.code() + ".txt", new DigestRenderer(new DigestTexts()).plain(d, lang));
        }
    }

    @Test
    void telegramDigestMatchesTheGoldenFileAndFitsOneMessage() throws IOException {
        Digest d = digests.build(DAY);
        for (Lang lang : List.of(Lang.RU, Lang.EN)) {
            String html = digests.html(d, lang);
            assertTrue(html.length() <= DigestRenderer.TELEGRAM_LIMIT);
            golden("digest-" + lang.code() + ".html", html);
        }
    }

    @Test
    void userTextIsEscapedInTelegramHtml() {
        String html = digests.html(digests.build(DAY), Lang.RU);
        assertTrue(html.contains("Борис &lt;mod&gt;"), html);
        assertTrue(html.contains("Клуб «Друзья» &amp; Co"), html);
        assertTrue(html.contains("&lt;3000 ₽&gt; &amp; никто"), html);
    }

    @Test
    void aDayWithoutCommentsStillMakesADigest() {
        Digest d = digests.build(DAY.minusDays(30));
        assertEquals(0, d.comments().value());
        assertNull(d.firstResponse().median());
        String text = digests.plainText(DAY.minusDays(30), Lang.EN);
        assertTrue(text.contains("No comments that day."), text);
    }

    static void golden(String name, String actual) throws IOException {
        Path file = GOLDEN.resolve(name);
        if (UPDATE || !Files.exists(file)) {
            Files.createDirectories(GOLDEN);
            Files.writeString(file, actual + "\n", StandardCharsets.UTF_8);
            if (!UPDATE) {
                throw new AssertionError("golden file " + file + " was missing and has been written: check it");
            }
            return;
        }
        assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual + "\n", "golden file " + file);
    }
}
