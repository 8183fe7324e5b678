package dev.replydesk.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.replydesk.config.ConfigLoader;
import dev.replydesk.config.ReplydeskConfig;
import dev.replydesk.testing.FakeBotApi;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run} with {@code webhook.enabled}: registers the webhook, serves it, and never polls. */
class WebhookModeTest {
    static final long COMMUNITY = -1001234567890L;
    static final long MODS = -1009876543210L;
    static final String SECRET = "webhook_secret-42";

    @TempDir
    Path dir;
    FakeBotApi fake;
    ReplydeskConfig config;
    int port;

    @BeforeEach
    void setUp() throws Exception {
        fake = FakeBotApi.start();
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        config = ConfigLoader.parse("""
                telegram:
                  token: "%s"
                  api-url: %s
                  poll-timeout: 1s
                communities:
                  - chat-id: %d
                    name: Brand chat
                moderators:
                  chat-id: %d
                  users: [111111]
                managers:
                  users: [333333]
                storage:
                  url: jdbc:h2:file:%s
                webhook:
                  enabled: true
                  listen: 127.0.0.1:%d
                  path: /tg/hook
                  secret-token: %s
                  url: https://bot.example.com/tg/hook
                  max-connections: 2
                """.formatted(FakeBotApi.TOKEN, fake.uri(), COMMUNITY, MODS,
                dir.resolve("replydesk").toString().replace('\\', '/'), port, SECRET), "test.yml", Map.of());
    }

    @AfterEach
    void tearDown() {
        fake.close();
    }

    @Test
    void runInWebhookModeRegistersTheWebhookTakesUpdatesAndNeverPolls() throws Exception {
        try (RunCommand.Bot bot = RunCommand.Bot.start(config, Clock.systemUTC(), BotFlowTest.FAST)) {
            assertNull(bot.poller);
            JsonNode set = fake.requests("setWebhook").get(0).body();
            assertEquals("https://bot.example.com/tg/hook", set.path("url").asText());
            assertEquals(SECRET, set.path("secret_token").asText());
            assertEquals("2", set.path("max_connections").asText());
            assertTrue(set.path("allowed_updates").asText().contains("callback_query"), set.toString());

            String update = """
                    {"update_id": 7, "message": {"message_id": 3, "from": {"id": 555555, "is_bot": false,
                     "first_name": "Анна"}, "chat": {"id": %d, "type": "supergroup", "title": "Brand chat"},
                     "date": 1767000000, "text": "Когда откроется магазин в Казани?"}}""".formatted(COMMUNITY);
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/tg/hook"))
                    .header("X-Telegram-Bot-Api-Secret-Token", SECRET)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(update)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (fake.sent(MODS).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(fake.sent(MODS).get(0).text().contains("Когда откроется магазин в Казани?"));
            assertTrue(fake.requests("getUpdates").isEmpty(), "webhook mode never polls");
        }
    }
}
