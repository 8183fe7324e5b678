package dev.replydesk.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.replydesk.config.ConfigLoader;
import dev.replydesk.config.ReplydeskConfig;
import dev.replydesk.telegram.PollLease;
import dev.replydesk.testing.FakeBotApi;
import dev.replydesk.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two whole bots, as {@code run} starts them, on one store and one Bot API server: one polls, both
 * send, nothing is stored or sent twice, and when the polling one stops the other takes over.
 * The point is PostgreSQL; on H2 the two share one embedded database in this JVM.
 */
@ParameterizedClass
@MethodSource("dev.replydesk.testing.TestDatabase#kinds")
class MultiInstanceTest {
    static final long COMMUNITY = -1001234567890L;
    static final long MODS = -1009876543210L;
    static final long MOD = 111111L;
    static final long CUSTOMER = 555555L;
    static final PollLease.Settings LEASE = new PollLease.Settings(Duration.ofMillis(1500), Duration.ofMillis(300));
    static final Pattern COMMENT = Pattern.compile("Комментарий номер (\\d+)");

    @Parameter
    TestDatabase.Kind kind;
    @TempDir
    Path dir;
    TestDatabase.Store store;
    FakeBotApi fake;
    ReplydeskConfig config;
    RunCommand.Bot a;
    RunCommand.Bot b;

    @BeforeEach
    void setUp() throws Exception {
        store = TestDatabase.create(kind, dir);
        fake = FakeBotApi.start();
        String yaml = """
                telegram:
                  token: "%s"
                  api-url: %s
                  poll-timeout: 1s
                communities:
                  - chat-id: %d
                    name: Brand chat
                moderators:
                  chat-id: %d
                  users: [%d]
                managers:
                  users: [333333]
                storage:
                  url: "%s"
                """.formatted(FakeBotApi.TOKEN, fake.uri(), COMMUNITY, MODS, MOD, store.url());
        config = ConfigLoader.parse(yaml, "test.yml", Map.of());
    }

    @AfterEach
    void tearDown() {
        if (store == null) {
            return;
        }
        for (RunCommand.Bot bot : new RunCommand.Bot[] {a, b}) {
            if (bot != null) {
                bot.close();
            }
        }
        fake.close();
        store.close();
    }

    RunCommand.Bot start() {
        return RunCommand.Bot.start(config, Clock.systemUTC(), BotFlowTest.FAST.withDrainOnStop(Duration.ZERO), LEASE);
    }

    @Test
    void oneInstancePollsNothingIsStoredOrSentTwiceAndTheOtherTakesOverWhenItStops() throws Exception {
        a = start();
        b = start();
        awaitTrue(() -> a.poller.polling() || b.poller.polling());
        Thread.sleep(LEASE.ttl().toMillis());
        assertTrue(a.poller.polling() ^ b.poller.polling(), "exactly one of the two polls");
        RunCommand.Bot first = a.poller.polling() ? a : b;
        RunCommand.Bot second = first == a ? b : a;

        int n = 40;
        for (int i = 0; i < n; i++) {
            fake.pushMessage(COMMUNITY, CUSTOMER + i, "Клиент " + i, "Комментарий номер " + i);
        }
        awaitTrue(() -> scalar(second, "SELECT COUNT(*) FROM comment") == n);
        awaitTrue(() -> cards().size() == n && scalar(first, "SELECT COUNT(*) FROM card WHERE message_id IS NULL") == 0);
        assertEquals(1, fake.maxConcurrentPolls(), "never two getUpdates at once");
        assertTrue(second.wiring.outbox.counts().sent() >= n);

        // a moderator answers one card: published once, whichever instance sends it
        long card = cards().get(7);
        fake.pushReply(MODS, MOD, "Мод", "Спасибо, проверим и вернёмся с ответом.", card);
        awaitTrue(() -> fake.sent(COMMUNITY).stream().anyMatch(FakeBotApi.Posted::fromBot));

        // the polling instance stops: the other takes over
        first.close();
        if (first == a) {
            a = null;
        } else {
            b = null;
        }
        awaitTrue(second.poller::polling);
        for (int i = n; i < 2 * n; i++) {
            fake.pushMessage(COMMUNITY, CUSTOMER + i, "Клиент " + i, "Комментарий номер " + i);
        }
        awaitTrue(() -> scalar(second, "SELECT COUNT(*) FROM comment") == 2 * n);
        awaitTrue(() -> cards().size() == 2 * n);
        Thread.sleep(500);

        assertEquals(2 * n, scalar(second, "SELECT COUNT(DISTINCT message_id) FROM comment"), "every comment stored once");
        assertEquals(2 * n, scalar(second, "SELECT COUNT(*) FROM comment_version"));
        Map<Integer, Long> cards = cards();
        assertEquals(2 * n, cards.size());
        long cardMessages = fake.sent(MODS).stream().filter(p -> COMMENT.matcher(p.text()).find()).count();
        assertEquals(2 * n, cardMessages, "every card sent once");
        assertEquals(1, fake.sent(COMMUNITY).stream().filter(FakeBotApi.Posted::fromBot).count(), "the reply published once");
        assertEquals(scalar(second, "SELECT MAX(update_id) FROM processed_update") + 1,
                scalar(second, "SELECT next_value FROM poll_state WHERE name = 'offset'"));
        // across the hand-over too: the stopped one's cut getUpdates had ended before the other polled
        assertEquals(1, fake.maxConcurrentPolls(), () -> "never two getUpdates at once: " + fake.pollOverlaps());
        assertEquals(List.of(), fake.pollsTerminated());
    }

    /** Comment number → the message id of its card in the moderators' chat. */
    private Map<Integer, Long> cards() {
        Map<Integer, Long> cards = new HashMap<>();
        for (FakeBotApi.Posted p : fake.sent(MODS)) {
            Matcher m = COMMENT.matcher(p.text());
            if (m.find() && p.replyTo() == null) {
                cards.put(Integer.parseInt(m.group(1)), p.messageId());
            }
        }
        return cards;
    }

    private static long scalar(RunCommand.Bot bot, String sql) {
        return bot.wiring.db.withConnection(c -> {
            try (ResultSet rs = c.createStatement().executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private static void awaitTrue(BooleanSupplier probe) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (probe.getAsBoolean()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("timed out waiting");
    }
}
