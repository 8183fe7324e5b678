package dev.replydesk.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Bot API server for the heap benchmark that keeps nothing: getUpdates makes comments 1..N up
 * from their update id (so a million of them cost this heap nothing), and every other method is
 * accepted with a made-up message. Unlike {@link dev.replydesk.testing.FakeBotApi} it records no
 * request and checks nothing.
 */
final class UpdateSource implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "update-source");
        t.setDaemon(true);
        return t;
    });
    private final long total;
    private final long chatId;
    private final AtomicLong messageIds = new AtomicLong(10_000_000);

    private UpdateSource(long total, long chatId) throws IOException {
        this.total = total;
        this.chatId = chatId;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    static UpdateSource start(long total, long chatId) throws IOException {
        return new UpdateSource(total, chatId);
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            String method = path.substring(path.lastIndexOf('/') + 1).toLowerCase(java.util.Locale.ROOT);
            JsonNode body;
            try (InputStream in = ex.getRequestBody()) {
                byte[] raw = in.readAllBytes();
                String type = String.valueOf(ex.getRequestHeaders().getFirst("Content-Type"));
                body = type.startsWith("application/json") && raw.length > 0 ? JSON.readTree(raw) : JSON.createObjectNode();
            }
            ObjectNode answer = JSON.createObjectNode().put("ok", true);
            switch (method) {
                case "getupdates" -> answer.set("result", updates(body));
                case "sendmessage", "editmessagetext", "senddocument", "sendphoto" -> {
                    ObjectNode m = answer.putObject("result");
                    m.put("message_id", body.path("message_id").asLong(messageIds.incrementAndGet()));
                    m.putObject("chat").put("id", body.path("chat_id").asLong(chatId)).put("type", "supergroup");
                    m.put("date", System.currentTimeMillis() / 1000);
                    m.put("text", "ok");
                }
                default -> answer.put("result", true);
            }
            byte[] bytes = JSON.writeValueAsBytes(answer);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private ArrayNode updates(JsonNode body) {
        long offset = Math.max(1, body.path("offset").asLong(1));
        int limit = Math.max(1, Math.min(100, body.path("limit").asInt(100)));
        ArrayNode result = JSON.createArrayNode();
        if (offset > total) {
            try {
                Thread.sleep(Math.min(1000, body.path("timeout").asLong(0) * 1000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return result;
        }
        long now = System.currentTimeMillis() / 1000;
        for (long id = offset; id < offset + limit && id <= total; id++) {
            Random random = new Random(id);
            ObjectNode m = JSON.createObjectNode();
            m.put("message_id", id);
            long user = 1_000_000 + random.nextInt(50_000);
            m.putObject("from").put("id", user).put("is_bot", false).put("first_name", "Customer " + user);
            m.putObject("chat").put("id", chatId).put("type", "supergroup").put("title", "Brand chat");
            m.put("date", now);
            m.put("text", SyntheticData.comment((int) id, random));
            ObjectNode u = result.addObject();
            u.put("update_id", id);
            u.set("message", m);
        }
        return result;
    }
}
