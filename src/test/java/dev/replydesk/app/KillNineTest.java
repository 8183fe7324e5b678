package dev.replydesk.app;

import static dev.replydesk.app.LiveBot.COMMUNITY;
import static dev.replydesk.app.LiveBot.MODS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.replydesk.storage.Database;
import dev.replydesk.testing.FakeBotApi;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bot as a real child process, killed with SIGKILL in the middle of a burst of 10,000
 * comments and started again on the same H2 file: every comment stored once, every card sent
 * once (up to the outbox's documented at-least-once window, which is measured), clocks and
 * nudges carry on. Tagged {@code slow} (about a minute); nothing excludes the tag, so
 * {@code ./mvnw verify} runs it; {@code -DexcludedGroups=slow} skips it locally.
 */
@Tag("slow")
class KillNineTest {
    static final int BURST = 10_000;
    static final int QUESTIONS = 5;
    static final Duration TARGET = Duration.ofSeconds(40);
    static final Pattern QUESTION = Pattern.compile("Q(\\d+)-");

    @TempDir
    Path dir;
    FakeBotApi fake;
    final List<Process> children = new ArrayList<>();

    @AfterEach
    void stop() {
        children.forEach(Process::destroyForcibly);
        if (fake != null) {
            fake.close();
        }
    }

    private Process startBot(Path config, int run) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx512m", "-XX:+UseSerialGC", "-Dfile.encoding=UTF-8",
                "-cp", System.getProperty("java.class.path"), ChildBot.class.getName(), config.toString(), "kill9-bot")
                .redirectError(dir.resolve("bot-" + run + ".log").toFile())
                .start();
        children.add(p);
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String line;
        while ((line = out.readLine()) != null && !line.equals("READY")) {
            if (System.nanoTime() > deadline) {
                break;
            }
        }
        assertTrue("READY".equals(line), "the bot did not start: " + Files.readString(dir.resolve("bot-" + run + ".log")));
        return p;
    }

    /** Card deliveries per comment id, and nudges per question number, as the fake server recorded them. */
    private record Seen(Map<Long, Integer> cards, Map<Integer, List<Instant>> nudges) {
    }

    private Seen seen() {
        Map<Long, Integer> cards = new HashMap<>();
        Map<Integer, List<Instant>> nudges = new HashMap<>();
        for (FakeBotApi.Request r : fake.requests("sendMessage")) {
            if (!r.ok() || r.chatId() == null || r.chatId() != MODS) {
                continue;
            }
            Long id = LiveBot.takeId(r.body());
            if (id != null) {
                cards.merge(id, 1, Integer::sum);
            } else if (r.text() != null && r.text().startsWith("⏰")) {
                Matcher m = QUESTION.matcher(r.text());
                if (m.find()) {
                    nudges.computeIfAbsent(Integer.parseInt(m.group(1)), k -> new ArrayList<>()).add(r.at());
                }
            }
        }
        return new Seen(cards, nudges);
    }

    @Test
    void killedInTheMiddleOfABurstEveryCommentIsStoredOnceEveryCardSentOnceAndNudgesCarryOn() throws Exception {
        fake = FakeBotApi.start();
        String url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("replydesk").toString().replace('\\', '/');
        Path config = dir.resolve("replydesk.yml");
        Files.writeString(config, LiveBot.yaml(fake, url, """
                sla:
                  target: %ds
                  limit: 1h
                  burst: 0s
                """.formatted(TARGET.toSeconds())));
        Process first = startBot(config, 1);

        long t0 = System.nanoTime();
        Instant burstAt = Instant.now();
        for (int i = 0; i < BURST; i++) {
            String text = i < QUESTIONS ? "Q" + i + "- когда привезут мой заказ?" : "Спасибо, всё супер, пришло быстро! #" + i;
            fake.pushMessage(COMMUNITY, 1_000_000 + i, "Customer " + i, text);
        }
        LiveBot.await("a third of the burst acknowledged", Duration.ofSeconds(120),
                () -> fake.unconfirmedUpdates() <= BURST * 2 / 3);
        long tKill = System.nanoTime();
        first.destroyForcibly();
        assertTrue(first.waitFor(30, TimeUnit.SECONDS));
        int unconfirmedAtKill = fake.unconfirmedUpdates();
        int cardsAtKill = seen().cards().size();
        assertTrue(unconfirmedAtKill > 0 && cardsAtKill < BURST, "killed in the middle: " + unconfirmedAtKill
                + " updates unacknowledged, " + cardsAtKill + " cards sent");

        Process second = startBot(config, 2);
        LiveBot.await("every update acknowledged, every card and every nudge sent", Duration.ofSeconds(300),
                () -> fake.unconfirmedUpdates() == 0 && seen().cards().size() == BURST
                        && seen().nudges().size() == QUESTIONS);
        long tDone = System.nanoTime();
        Thread.sleep(1_000); // anything sent twice would arrive now
        second.destroy();
        assertTrue(second.waitFor(30, TimeUnit.SECONDS), "the bot stops cleanly on SIGTERM");

        Seen seen = seen();
        long duplicates = seen.cards().values().stream().filter(n -> n > 1).mapToLong(n -> n - 1).sum();
        System.out.printf("kill -9 after %d of %d updates acknowledged and %d cards sent (%.1f s into the burst); "
                + "all done %.1f s after the burst began; cards sent twice: %d%n", BURST - unconfirmedAtKill, BURST,
                cardsAtKill, (tKill - t0) / 1e9, (tDone - t0) / 1e9, duplicates);
        try (Database db = Database.open(url)) {
            assertEquals(BURST, count(db, "SELECT COUNT(*) FROM comment"), "comments stored");
            assertEquals(BURST, count(db, "SELECT COUNT(DISTINCT message_id) FROM comment WHERE chat_id = " + COMMUNITY));
            assertEquals(BURST, count(db, "SELECT COUNT(*) FROM processed_update"));
            assertEquals(BURST, count(db, "SELECT COUNT(*) FROM card WHERE message_id IS NOT NULL"));
            assertEquals(0, count(db, "SELECT COUNT(*) FROM outbox WHERE status <> 'SENT'"));
            assertEquals(QUESTIONS, count(db, "SELECT COUNT(*) FROM nudge WHERE kind = 'TARGET'"));
            assertEquals(QUESTIONS, count(db, "SELECT COUNT(*) FROM comment WHERE state = 'OPEN' AND clock_start = sent_at"),
                    "the clocks run from the comments' own time");
        }
        assertEquals(BURST, seen.cards().size(), "a card for every comment");
        assertTrue(duplicates <= 1, "at most the one card in flight at the kill is sent again: " + duplicates);
        for (int q = 0; q < QUESTIONS; q++) {
            List<Instant> at = seen.nudges().get(q);
            assertEquals(1, at.size(), "question " + q + " nudged once");
            assertTrue(!at.get(0).isBefore(burstAt.plus(TARGET).minusSeconds(1)),
                    "the clock ran from the comment, not from the restart: nudged at " + at.get(0));
        }
    }

    private static long count(Database db, String sql) {
        return db.withConnection(c -> {
            try (ResultSet rs = c.createStatement().executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
