package dev.replydesk.telegram;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.replydesk.config.Webhook;
import dev.replydesk.inbox.Intake;
import dev.replydesk.outbox.BotApi;
import dev.replydesk.storage.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Webhook mode: a small HTTP server (plain HTTP; TLS ends at the reverse proxy in front of it)
 * that takes the updates Telegram POSTs to {@code webhook.path}.
 *
 * <p>A request must carry {@code webhook.secret-token} in the {@code X-Telegram-Bot-Api-Secret-Token}
 * header (compared in constant time); anything else is answered 401 and logged without the
 * secret. An update is handled like a polled one, in one transaction, and answered 200 only after
 * that committed; when the store fails the answer is 500, and Telegram delivers the update again
 * later. A body that is not an update is recorded (when it names its update id) and answered 200,
 * since sending it again would not make it readable.
 */
public final class WebhookServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WebhookServer.class);
    static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";
    /** Telegram's updates are far smaller; a bigger body is not one. */
    static final int MAX_BODY = 4 * 1024 * 1024;
    /** How long an update that refers to something about to be recorded is retried here before 500. */
    private static final Duration NOT_YET_PATIENCE = Duration.ofSeconds(5);

    private final HttpServer server;
    private final ExecutorService executor;
    private final UpdateHandler handler;
    private final byte[] secret;
    private final String path;
    private final String token;

    private WebhookServer(HttpServer server, ExecutorService executor, UpdateHandler handler, String secret,
            String path, String token) {
        this.server = server;
        this.executor = executor;
        this.handler = handler;
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.path = path;
        this.token = token;
    }

    /**
     * Listens on {@code webhook.listen} (port 0: any free port, for tests) and serves
     * {@code webhook.path}.
     */
    /**
     * The JDK's server writes an answer's headers and body apart; with Nagle's algorithm on, the
     * body then waits for the peer's delayed ACK of the headers (up to 40 ms on Linux) on every
     * answer, and Telegram sends a connection's next update only after the answer. The JDK reads
     * this property once, when its first server is made; one set on the command line wins.
     */
    static void noDelay() {
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    public static WebhookServer start(Intake intake, BotApi botApi, Webhook webhook, String token) {
        return start(intake, botApi, webhook, token, new InetSocketAddress(webhook.host(), webhook.port()));
    }

    /** The same on another address, e.g. 127.0.0.1 port 0 in tests. */
    public static WebhookServer start(Intake intake, BotApi botApi, Webhook webhook, String token,
            InetSocketAddress address) {
        if (webhook.secretToken().isEmpty()) {
            throw new IllegalArgumentException("webhook mode needs webhook.secret-token");
        }
        AtomicInteger n = new AtomicInteger();
        int threads = Math.max(2, Math.min(16, webhook.maxConnections()));
        ExecutorService executor = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "replydesk-webhook-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        HttpServer server;
        try {
            noDelay();
            server = HttpServer.create(address, 64);
        } catch (IOException e) {
            executor.shutdownNow();
            throw new IllegalStateException("cannot listen on " + address + " for the webhook: " + e.getMessage(), e);
        }
        WebhookServer w = new WebhookServer(server, executor,
                new UpdateHandler(intake, botApi, s -> TelegramBotApi.redact(s, token)), webhook.secretToken(),
                webhook.path(), token);
        server.setExecutor(executor);
        server.createContext("/", w::serve);
        server.start();
        log.info("webhook: listening on {} for POST {}", server.getAddress(), webhook.path());
        return w;
    }

    /** Where it listens. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    @Override
    public void close() {
        // lets the requests being handled finish (they are answered after their commit)
        server.stop(5);
        executor.shutdown();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        log.info("webhook: stopped");
    }

    private void serve(HttpExchange ex) {
        try (ex) {
            String remote = String.valueOf(ex.getRemoteAddress());
            if (!ex.getRequestURI().getPath().equals(path)) {
                respond(ex, 404, "not found");
                return;
            }
            if (!"POST".equals(ex.getRequestMethod())) {
                ex.getResponseHeaders().set("Allow", "POST");
                respond(ex, 405, "POST only");
                return;
            }
            String given = ex.getRequestHeaders().getFirst(SECRET_HEADER);
            if (given == null || !MessageDigest.isEqual(secret, given.getBytes(StandardCharsets.UTF_8))) {
                log.warn("webhook: refused a request from {}: {} secret token", remote,
                        given == null ? "no" : "a wrong");
                respond(ex, 401, "unauthorized");
                return;
            }
            byte[] bytes;
            try (InputStream in = ex.getRequestBody()) {
                bytes = in.readNBytes(MAX_BODY + 1);
            }
            if (bytes.length > MAX_BODY) {
                log.error("webhook: refused a body over {} bytes from {}", MAX_BODY, remote);
                respond(ex, 413, "too large");
                return;
            }
            String body = new String(bytes, StandardCharsets.UTF_8);
            try {
                String outcome = handle(body);
                log.debug("webhook: {}", outcome);
                respond(ex, 200, "");
            } catch (StorageException e) {
                log.error("webhook: the store failed; answered 500 so Telegram delivers the update again: {}",
                        redact(e.getMessage()));
                respond(ex, 500, "storage error");
            } catch (RuntimeException e) {
                log.error("webhook: {}; answered 500", redact(String.valueOf(e)), e);
                respond(ex, 500, "error");
            }
        } catch (IOException e) {
            log.warn("webhook: {}", redact(String.valueOf(e)));
        }
    }

    private String handle(String body) {
        JsonNode node;
        try {
            node = handler.mapper().readTree(body);
        } catch (JsonProcessingException e) {
            return handler.handleUnparsable(body, e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            return handler.handleUnparsable(body, "not a JSON object");
        }
        long deadline = System.nanoTime() + NOT_YET_PATIENCE.toNanos();
        while (true) {
            try {
                return handler.handle(node);
            } catch (Intake.NotYet e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                log.debug("webhook: {}; handling it again", e.getMessage());
                try {
                    Thread.sleep(200);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private String redact(String s) {
        String r = TelegramBotApi.redact(s, token);
        return r == null ? null : r.replace(new String(secret, StandardCharsets.UTF_8), "<secret>");
    }

    private static void respond(HttpExchange ex, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
