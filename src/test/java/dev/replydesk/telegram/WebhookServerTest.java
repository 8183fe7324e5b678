package dev.replydesk.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.replydesk.config.ConfigLoader;
import dev.replydesk.config.ReplydeskConfig;
import dev.replydesk.config.Webhook;
import dev.replydesk.inbox.Analysis;
import dev.replydesk.inbox.DraftChecker;
import dev.replydesk.inbox.Intake;
import dev.replydesk.inbox.Ledger;
import dev.replydesk.language.Lang;
import dev.replydesk.language.Texts;
import dev.replydesk.outbox.AnswerResult;
import dev.replydesk.outbox.BotApi;
import dev.replydesk.outbox.Outbox;
import dev.replydesk.outbox.OutboxListener;
import dev.replydesk.outbox.Outgoing;
import dev.replydesk.outbox.SendResult;
import dev.replydesk.storage.Database;
import dev.replydesk.testing.MutableClock;
import dev.replydesk.testing.TestDatabase;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

/** The webhook server over loopback HTTP, in front of the real intake on a real store. */
@ParameterizedClass
@MethodSource("dev.replydesk.testing.TestDatabase#kinds")
class WebhookServerTest {
    static final long COMMUNITY = -1001234567890L;
    static final long MODS = -1009876543210L;
    static final long CUSTOMER = 555555L;
    static final String SECRET = "s3cret_Webhook-Token-0123456789";
    static final String TOKEN = "123456789:AAWebhookTestTokenWebhookTestToken01";

    @Parameter
    TestDatabase.Kind kind;
    @TempDir
    Path dir;
    TestDatabase.Store store;
    Database db;
    Outbox outbox;
    WebhookServer server;
    final Recorder api = new Recorder();
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeEach
    void setUp() throws Exception {
        store = TestDatabase.create(kind, dir);
        db = store.open();
        ReplydeskConfig config = ConfigLoader.parse("""
                telegram:
                  token: "%s"
                communities:
                  - chat-id: %d
                    name: Brand chat
                moderators:
                  chat-id: %d
                  users: [111111]
                managers:
                  users: [333333]
                  timezone: UTC
                storage:
                  url: jdbc:h2:mem:unused
                webhook:
                  enabled: true
                  listen: 127.0.0.1:8443
                  secret-token: %s
                """.formatted(TOKEN, COMMUNITY, MODS, SECRET), "test.yml", Map.of());
        MutableClock clock = new MutableClock();
        Texts texts = new Texts();
        outbox = new Outbox(db, api, OutboxListener.NONE, clock, Outbox.Settings.defaults());
        Ledger ledger = new Ledger(config, db, outbox, texts, clock);
        Intake intake = new Intake(config, db, outbox, text -> Analysis.unclassified(Lang.RU), DraftChecker.NONE,
                ledger, texts, clock);
        Webhook hook = config.webhook();
        server = WebhookServer.start(intake, api, hook, TOKEN, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        logs.start();
        ((Logger) LoggerFactory.getLogger(WebhookServer.class)).addAppender(logs);
    }

    @AfterEach
    void tearDown() {
        if (store == null) {
            return;
        }
        ((Logger) LoggerFactory.getLogger(WebhookServer.class)).detachAppender(logs);
        server.close();
        outbox.close();
        store.close();
    }

    static String update(long updateId, long messageId, String text) {
        return """
                {"update_id": %d, "message": {"message_id": %d, "from": {"id": %d, "is_bot": false,
                 "first_name": "Анна"}, "chat": {"id": %d, "type": "supergroup", "title": "Brand chat"},
                 "date": 1767000000, "text": "%s"}}""".formatted(updateId, messageId, CUSTOMER, COMMUNITY, text);
    }

    HttpResponse<String> post(String path, String secret, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.address().getPort() + path))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (secret != null) {
            b.header(WebhookServer.SECRET_HEADER, secret);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String body) throws Exception {
        return post(Webhook.DEFAULT_PATH, SECRET, body);
    }

    long scalar(String sql) {
        return db.withConnection((Connection c) -> {
            try (ResultSet rs = c.createStatement().executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    String string(String sql) {
        return db.withConnection((Connection c) -> {
            try (ResultSet rs = c.createStatement().executeQuery(sql)) {
                return rs.next() ? rs.getString(1) : null;
            }
        });
    }

    @Test
    void anUpdateWithTheRightSecretIsStoredBeforeItIsAnswered() throws Exception {
        HttpResponse<String> r = post(update(10, 5, "Где мой заказ?"));
        assertEquals(200, r.statusCode());
        // no waiting: 200 comes only after the commit
        assertEquals(1, scalar("SELECT COUNT(*) FROM comment"));
        assertEquals("Где мой заказ?", string("SELECT text FROM comment"));
        assertEquals(1, scalar("SELECT COUNT(*) FROM outbox WHERE chat_id = " + MODS), "its card is queued");
        assertEquals(1, scalar("SELECT COUNT(*) FROM processed_update WHERE update_id = 10"));
    }

    @Test
    void theSameUpdateDeliveredTwiceIsStoredOnce() throws Exception {
        assertEquals(200, post(update(10, 5, "Где мой заказ?")).statusCode());
        assertEquals(200, post(update(10, 5, "Где мой заказ?")).statusCode());
        assertEquals(1, scalar("SELECT COUNT(*) FROM comment"));
        assertEquals(1, scalar("SELECT COUNT(*) FROM outbox WHERE chat_id = " + MODS));
    }

    @Test
    void aWrongOrMissingSecretIsRefusedWith401AndNothingIsStored() throws Exception {
        String body = update(10, 5, "Где мой заказ?");
        for (String wrong : new String[] {null, "", "wrong", SECRET + "x", SECRET.substring(1),
                SECRET.toUpperCase(), SECRET.replace('0', 'O')}) {
            assertEquals(401, post(Webhook.DEFAULT_PATH, wrong, body).statusCode(), "secret " + wrong);
        }
        assertEquals(0, scalar("SELECT COUNT(*) FROM comment"));
        assertEquals(0, scalar("SELECT COUNT(*) FROM processed_update"));
        assertEquals(0, scalar("SELECT COUNT(*) FROM outbox"));
        List<String> lines = logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertEquals(7, lines.stream().filter(l -> l.contains("refused")).count(), String.join("\n", lines));
        assertTrue(lines.stream().noneMatch(l -> l.contains(SECRET) || l.contains(SECRET.substring(1))),
                "the secret is never logged: " + lines);
    }

    @Test
    void otherPathsAndMethodsAreRefused() throws Exception {
        assertEquals(404, post("/other", SECRET, update(10, 5, "x")).statusCode());
        HttpResponse<String> get = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + server.address().getPort() + Webhook.DEFAULT_PATH)).header(WebhookServer.SECRET_HEADER, SECRET)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, get.statusCode());
        assertEquals(0, scalar("SELECT COUNT(*) FROM processed_update"));
    }

    @Test
    void malformedJsonIsRecordedAndAnswered200SoItIsNotSentAgain() throws Exception {
        String cut = "{\"update_id\": 41, \"message\": {\"message_id\": 5, \"text\": \"Где";
        assertEquals(200, post(cut).statusCode());
        assertTrue(string("SELECT outcome FROM processed_update WHERE update_id = 41").startsWith("unreadable"));
        assertEquals(cut, string("SELECT raw FROM processed_update WHERE update_id = 41"));

        String wrongShape = "{\"update_id\": 42, \"message\": {\"message_id\": \"five\", \"chat\": 7}}";
        assertEquals(200, post(wrongShape).statusCode());
        assertTrue(string("SELECT outcome FROM processed_update WHERE update_id = 42").startsWith("unreadable"));

        assertEquals(200, post("not json at all").statusCode(), "nothing to record it under: logged and skipped");
        assertEquals(200, post("[1, 2]").statusCode());
        assertEquals(2, scalar("SELECT COUNT(*) FROM processed_update"));
        assertEquals(0, scalar("SELECT COUNT(*) FROM comment"));

        assertEquals(200, post(update(43, 6, "А это нормальный комментарий")).statusCode());
        assertEquals(1, scalar("SELECT COUNT(*) FROM comment"), "the next update is handled as usual");
    }

    @Test
    void textsPostgresCannotStoreAreScrubbedInsteadOfStallingIntake() throws Exception {
        assertEquals(200, post(update(10, 5, "до\\u0000после \\ud83d одинокий")).statusCode());
        assertEquals("до\uFFFDпосле \uFFFD одинокий", string("SELECT text FROM comment"));
        assertEquals(200, post(update(11, 6, "эмодзи 😀 целые")).statusCode());
        assertEquals("эмодзи 😀 целые", string("SELECT text FROM comment WHERE message_id = 6"));
    }

    @Test
    void aStorageErrorIsAnswered500SoTelegramDeliversTheUpdateAgain() throws Exception {
        db.close();
        HttpResponse<String> r = post(update(10, 5, "Где мой заказ?"));
        assertEquals(500, r.statusCode());
        assertFalse(r.body().contains(SECRET));
    }

    /** Records what the outbox sends and answers like Telegram. */
    static final class Recorder implements BotApi {
        final List<Outgoing> sent = new CopyOnWriteArrayList<>();
        private final AtomicLong next = new AtomicLong(100);

        @Override
        public SendResult execute(Outgoing m, Long target) {
            sent.add(m);
            return new SendResult.Sent(target != null ? target : next.incrementAndGet());
        }

        @Override
        public AnswerResult answerCallback(String callbackId, String text, boolean alert) {
            return new AnswerResult.Answered();
        }
    }
}
