package dev.replydesk.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.replydesk.config.ConfigLoader;
import dev.replydesk.config.ReplydeskConfig;
import dev.replydesk.outbox.Outbox;
import dev.replydesk.storage.Database;
import dev.replydesk.testing.FakeBotApi;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

/**
 * The whole bot as {@code run} starts it ({@link RunCommand.Bot#start}: the real store on an H2
 * file, the real {@code UpdatePoller} and {@code TelegramBotApi}), talking to a {@link FakeBotApi}
 * on loopback. Only the outbox's rate limits may be scaled so that a test of minutes takes seconds.
 */
final class LiveBot implements AutoCloseable {
    static final long COMMUNITY = -1001234567890L;
    static final long MODS = -1009876543210L;
    static final long MOD_A = 111111L;
    static final long MOD_B = 222222L;
    static final long STRANGER = 999999L;
    private static final ObjectMapper JSON = new ObjectMapper();

    final FakeBotApi fake;
    final Path dir;
    final String storageUrl;
    final ReplydeskConfig config;
    private RunCommand.Bot bot;

    LiveBot(FakeBotApi fake, Path dir, String storageUrl, String extraYaml) throws Exception {
        this.fake = fake;
        this.dir = dir;
        this.storageUrl = storageUrl;
        this.config = ConfigLoader.parse(yaml(fake, storageUrl, extraYaml),
                Path.of("config", "live-bot-test.yml").toAbsolutePath().toString(), Map.of());
    }

    LiveBot(FakeBotApi fake, Path dir) throws Exception {
        this(fake, dir, "jdbc:h2:file:" + dir.toAbsolutePath().resolve("replydesk").toString().replace('\\', '/'), "");
    }

    static String yaml(FakeBotApi fake, String storageUrl, String extraYaml) {
        return """
                telegram:
                  token: "%s"
                  api-url: %s
                  poll-timeout: 1s
                communities:
                  - chat-id: %d
                    name: Brand chat
                moderators:
                  chat-id: %d
                  users: [%d, %d]
                  language: en
                managers:
                  users: []
                  timezone: UTC
                storage:
                  url: "%s"
                knowledge-base:
                  dir: "%s"
                """.formatted(fake.token(), fake.uri(), COMMUNITY, MODS, MOD_A, MOD_B, storageUrl,
                Path.of("src/test/resources/kb-fixture").toAbsolutePath().toString().replace('\\', '/'))
                + extraYaml;
    }

    /**
     * Telegram's limits scaled up 5 to 15 times (5 a second per chat, 300 a minute per group, 25 a
     * second overall) and short back-offs, so a backlog drains in seconds; the rules are the same.
     */
    static Outbox.Settings fastSettings() {
        return Outbox.Settings.defaults()
                .withRates(5, 300, 25, 5)
                .withBackoff(Duration.ofMillis(200), Duration.ofSeconds(2))
                .withPollInterval(Duration.ofMillis(200));
    }

    LiveBot start(Outbox.Settings settings) {
        bot = RunCommand.Bot.start(config, Clock.systemUTC(), settings);
        return this;
    }

    LiveBot start() {
        return start(fastSettings());
    }

    void stop() {
        if (bot != null) {
            bot.close();
            bot = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    Wiring wiring() {
        return bot.wiring;
    }

    Database db() {
        return bot.wiring.db;
    }

    long scalar(String sql) {
        return db().withConnection(c -> {
            try (ResultSet rs = c.createStatement().executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    long comments() {
        return scalar("SELECT COUNT(*) FROM comment");
    }

    long offset() {
        return scalar("SELECT COALESCE(MAX(next_value), 0) FROM poll_state WHERE name = 'offset'");
    }

    // ---- what reached the fake Telegram ------------------------------------------------------

    /** Card deliveries accepted by the server, by comment id (from the Take button's data). */
    Map<Long, Integer> cardsSent() {
        Map<Long, Integer> cards = new TreeMap<>();
        for (FakeBotApi.Request r : fake.requests("sendMessage")) {
            if (!r.ok() || r.chatId() == null || r.chatId() != MODS) {
                continue;
            }
            Long id = takeId(r.body());
            if (id != null) {
                cards.merge(id, 1, Integer::sum);
            }
        }
        return cards;
    }

    static Long takeId(JsonNode body) {
        JsonNode markup = body.get("reply_markup");
        if (markup != null && markup.isTextual()) {
            try {
                markup = JSON.readTree(markup.asText());
            } catch (Exception e) {
                return null;
            }
        }
        if (markup == null) {
            return null;
        }
        for (JsonNode row : markup.path("inline_keyboard")) {
            for (JsonNode b : row) {
                String data = b.path("callback_data").asText("");
                if (data.startsWith("tk:")) {
                    return Long.parseLong(data.substring(3));
                }
            }
        }
        return null;
    }

    /** Successful sends and edits into one chat, in arrival order. */
    List<FakeBotApi.Request> delivered(long chatId) {
        List<FakeBotApi.Request> out = new ArrayList<>();
        for (FakeBotApi.Request r : fake.requests()) {
            if (r.ok() && r.chatId() != null && r.chatId() == chatId
                    && (r.method().equals("sendmessage") || r.method().startsWith("editmessage"))) {
                out.add(r);
            }
        }
        return out;
    }

    /** Answers to a message (e.g. a command) of the moderators' chat. */
    List<FakeBotApi.Request> answersTo(long messageId) {
        return fake.requests("sendMessage").stream()
                .filter(r -> r.ok() && r.chatId() != null && r.chatId() == MODS
                        && r.body().path("reply_parameters").path("message_id").asLong(-1) == messageId)
                .toList();
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for: " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }
}
