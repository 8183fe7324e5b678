package dev.replydesk.telegram;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.replydesk.inbox.Event;
import dev.replydesk.inbox.Intake;
import dev.replydesk.outbox.BotApi;
import dev.replydesk.storage.StorageException;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.Call;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * Long polling with the offset kept in the store. Each update is parsed on its own (a malformed
 * one is recorded and skipped, never blocking the rest), handled in one transaction, and only
 * then acknowledged: the next getUpdates carries the stored offset. When the store fails, polling
 * stops acknowledging and retries the same updates after a pause.
 *
 * <p>Why not TelegramBots' own {@code BotSession}: it advances its in-memory offset before the
 * consumer runs and filters re-delivered updates by it, and an exception in the consumer ends
 * its scheduled task; neither fits acknowledge-after-commit.
 */
public final class UpdatePoller implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(UpdatePoller.class);
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final List<String> ALLOWED = List.of("message", "edited_message", "callback_query");

    private final Intake intake;
    private final BotApi botApi;
    private final String token;
    private final String baseUrl;
    private final Duration pollTimeout;
    private final OkHttpClient http;
    private final ObjectMapper mapper = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile Call inFlight;
    private Thread thread;

    public UpdatePoller(Intake intake, BotApi botApi, String token, URI apiUrl, Duration pollTimeout) {
        this.intake = intake;
        this.botApi = botApi;
        this.token = token;
        String base = apiUrl.toString();
        this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.pollTimeout = pollTimeout;
        this.http = new OkHttpClient.Builder()
                .connectTimeout(10, TimeUnit.SECONDS)
                .readTimeout(pollTimeout.plusSeconds(15))
                .writeTimeout(10, TimeUnit.SECONDS)
                .callTimeout(pollTimeout.plusSeconds(30))
                .build();
    }

    public synchronized void start() {
        if (running.getAndSet(true)) {
            return;
        }
        thread = new Thread(this::loop, "replydesk-poller");
        thread.setDaemon(false);
        thread.start();
    }

    @Override
    public void close() {
        running.set(false);
        Call call = inFlight;
        if (call != null) {
            call.cancel();
        }
        Thread t = thread;
        if (t != null) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    private void loop() {
        long backoffMs = 500;
        log.info("polling {} for updates", baseUrl);
        while (running.get()) {
            try {
                long started = System.nanoTime();
                int n = pollOnce();
                backoffMs = 500;
                long tookMs = (System.nanoTime() - started) / 1_000_000;
                if (n == 0 && tookMs < 200) {
                    // a server that answers an empty long poll at once (test servers do) must not make us spin
                    sleep(Math.min(1000, pollTimeout.toMillis()));
                }
            } catch (Intake.NotYet e) {
                log.debug("{}; fetching it again", e.getMessage());
                sleep(200);
            } catch (StorageException e) {
                log.error("the store failed; updates are not acknowledged and will be fetched again: {}", e.getMessage());
                sleep(backoffMs);
                backoffMs = Math.min(backoffMs * 2, 30_000);
            } catch (RetryLater e) {
                log.warn("getUpdates: {}; retrying in {} s", e.getMessage(), e.seconds);
                sleep(e.seconds * 1000L);
            } catch (IOException e) {
                if (!running.get()) {
                    break;
                }
                log.warn("getUpdates failed: {}; retrying in {} ms", redact(String.valueOf(e)), backoffMs);
                sleep(backoffMs);
                backoffMs = Math.min(backoffMs * 2, 30_000);
            } catch (RuntimeException e) {
                log.error("polling error: {}", redact(String.valueOf(e)), e);
                sleep(backoffMs);
                backoffMs = Math.min(backoffMs * 2, 30_000);
            }
        }
        log.info("polling stopped");
    }

    /** Fetches one batch and handles it; returns how many updates came. */
    int pollOnce() throws IOException {
        long offset = intake.nextOffset();
        ObjectNode body = mapper.createObjectNode();
        if (offset > 0) {
            body.put("offset", offset);
        }
        body.put("limit", 100);
        body.put("timeout", pollTimeout.toSeconds());
        body.set("allowed_updates", mapper.valueToTree(ALLOWED));
        Request request = new Request.Builder().url(baseUrl + "/bot" + token + "/getUpdates")
                .post(RequestBody.create(mapper.writeValueAsString(body), JSON)).build();
        JsonNode root;
        Call call = http.newCall(request);
        inFlight = call;
        try (Response response = call.execute()) {
            String text = response.body() == null ? "" : response.body().string();
            root = parse(text);
            if (!response.isSuccessful() || root == null || !root.path("ok").asBoolean(false)) {
                int code = root == null ? response.code() : root.path("error_code").asInt(response.code());
                String description = root == null ? "HTTP " + response.code() : root.path("description").asText("");
                if (code == 429) {
                    throw new RetryLater("429 Too Many Requests", root == null ? 5
                            : Math.max(1, root.path("parameters").path("retry_after").asInt(5)));
                }
                if (code == 401 || code == 404) {
                    throw new RetryLater("the Bot API refused the token (" + code + " " + redact(description) + ")", 30);
                }
                if (code == 409) {
                    throw new RetryLater("conflict: another getUpdates or a webhook is active (" + redact(description) + ")", 10);
                }
                throw new IOException("getUpdates answered " + code + " " + redact(description));
            }
        } finally {
            inFlight = null;
        }
        JsonNode result = root.path("result");
        if (!result.isArray()) {
            return 0;
        }
        int count = 0;
        for (JsonNode node : result) {
            if (!running.get() && count > 0) {
                break;
            }
            count++;
            handleOne(node);
        }
        return count;
    }

    private JsonNode parse(String text) {
        try {
            return mapper.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }

    private void handleOne(JsonNode node) {
        long updateId = node.path("update_id").asLong(-1);
        String raw = node.toString();
        if (updateId < 0) {
            log.error("an update without update_id was skipped: {}", abbreviate(raw));
            return;
        }
        Event event;
        try {
            Update update = mapper.treeToValue(node, Update.class);
            event = UpdateMapper.map(update);
        } catch (IOException | RuntimeException e) {
            log.error("update {} is malformed and was recorded, not handled: {}", updateId, e.getMessage());
            intake.recordUnreadable(updateId, String.valueOf(e.getMessage()), raw);
            return;
        }
        if (event == null) {
            intake.recordUnreadable(updateId, "message without chat or id", raw);
            return;
        }
        Intake.Result result = intake.handle(event, raw);
        log.debug("update {}: {}", updateId, result.outcome());
        if (event instanceof Event.Callback cb && result.callbackAnswer().isPresent()) {
            Intake.CallbackAnswer a = result.callbackAnswer().get();
            try {
                botApi.answerCallback(cb.callbackId(), a.text(), a.alert());
            } catch (RuntimeException e) {
                log.warn("answerCallbackQuery failed: {}", redact(String.valueOf(e)));
            }
        }
    }

    private String redact(String s) {
        return s == null ? null : s.replace(token, "<token>");
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }

    private void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.set(false);
        }
    }

    private static final class RetryLater extends RuntimeException {
        final int seconds;

        RetryLater(String message, int seconds) {
            super(message);
            this.seconds = seconds;
        }
    }
}
