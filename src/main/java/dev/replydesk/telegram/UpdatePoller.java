package dev.replydesk.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.replydesk.inbox.Intake;
import dev.replydesk.outbox.BotApi;
import dev.replydesk.storage.StorageException;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
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

/**
 * Long polling with the offset kept in the store. Each update is parsed on its own (a malformed
 * one is recorded and skipped, never blocking the rest); a batch of them is handled in one
 * transaction (each update still once, and alone to fail), and only then acknowledged: the next
 * getUpdates carries the stored offset. When the store fails, polling stops acknowledging and
 * retries the same updates after a pause.
 *
 * <p>With a {@link PollLease}, this instance polls only while it holds the lease: several
 * instances on one database stand by, and the one holding the lease polls; when it stops (or its
 * lease runs out) another takes over. A thread {@code replydesk-poll-lease} renews or tries to
 * take the lease every {@link PollLease.Settings#renewEvery()}.
 *
 * <p><b>One getUpdates at a time, across instances.</b> A getUpdates cut short on this side (a
 * cancelled call, a timeout, a killed process) is still open at Telegram until its own timeout,
 * so what counts is when Telegram may still hold one, not whether this side still waits for it:
 * <ul>
 *   <li>the long-poll timeout of each getUpdates is chosen when the request is handed to the
 *       connection (a network interceptor, after connecting): at most
 *       {@code telegram.poll-timeout}, and short enough that the request has ended, transit
 *       included, before {@link PollLease#safeUntil()}, which is {@code renewEvery} before the
 *       lease expires. With too little lease left, no getUpdates is sent until a renewal;</li>
 *   <li>a lease that is not renewed (store unreachable, process paused or killed) therefore runs
 *       out only after every getUpdates of its holder has ended, and the next holder takes it over
 *       only once it ran out. Nothing is cancelled when the lease is lost: the poll in flight
 *       ends by itself in time, and its batch, if any, is left to the next holder;</li>
 *   <li>after a getUpdates that ended without an answer, this instance sends the next one only
 *       once the earlier one could have ended at Telegram; OkHttp's silent retry is off, so no
 *       request is ever sent twice behind our back;</li>
 *   <li>{@link #close()} cuts the poll in flight short and releases the lease only from when that
 *       poll could have ended ({@link PollLease#release(Instant)}).</li>
 * </ul>
 * This assumes what the lease does: the instances' clocks agree to within {@code renewEvery}, and
 * a request reaches Telegram and is answered within {@link PollLease.Settings#transit()} of its
 * timeout. With the defaults (a 30 s lease renewed every 5 s), a long poll lasts at most 22 s.
 *
 * <p>Why not TelegramBots' own {@code BotSession}: it advances its in-memory offset before the
 * consumer runs and filters re-delivered updates by it, and an exception in the consumer ends
 * its scheduled task; neither fits acknowledge-after-commit.
 */
public final class UpdatePoller implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(UpdatePoller.class);
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

    private final Intake intake;
    private final UpdateHandler handler;
    private final PollLease lease;
    private final String token;
    private final String baseUrl;
    private final Duration pollTimeout;
    private final OkHttpClient http;
    private final ObjectMapper mapper;
    private final AtomicBoolean running = new AtomicBoolean();
    private final Object leaseChange = new Object();
    private final Clock clock;
    private final Duration transit;
    private volatile Call inFlight;
    /**
     * Until when a getUpdates this instance sent may still be open at Telegram, or null: set when
     * one is handed to the connection, cleared when it is answered.
     */
    private volatile Instant pollOpenUntil;
    private Thread thread;
    private ScheduledExecutorService leaseTimer;
    private String lastHolderSeen;

    /** A poller that always polls: the only instance on its store. */
    public UpdatePoller(Intake intake, BotApi botApi, String token, URI apiUrl, Duration pollTimeout) {
        this(intake, botApi, token, apiUrl, pollTimeout, null);
    }

    /** A poller that polls only while it holds {@code lease} (null: always). */
    public UpdatePoller(Intake intake, BotApi botApi, String token, URI apiUrl, Duration pollTimeout,
            PollLease lease) {
        this.intake = intake;
        this.lease = lease;
        this.token = token;
        this.handler = new UpdateHandler(intake, botApi, this::redact);
        this.mapper = handler.mapper();
        String base = apiUrl.toString();
        this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.pollTimeout = pollTimeout;
        this.clock = lease == null ? Clock.systemUTC() : lease.clock();
        this.transit = (lease == null ? PollLease.Settings.defaults() : lease.settings()).transit();
        this.http = new OkHttpClient.Builder()
                .connectTimeout(10, TimeUnit.SECONDS)
                .readTimeout(pollTimeout.plusSeconds(15))
                .writeTimeout(10, TimeUnit.SECONDS)
                .callTimeout(pollTimeout.plusSeconds(30))
                // a retry would send a second getUpdates while the first may still be open
                .retryOnConnectionFailure(false)
                .addNetworkInterceptor(this::sendPoll)
                .build();
        if (lease != null) {
            PollLease.Settings ls = lease.settings();
            long most = ls.ttl().minus(ls.renewEvery()).minus(transit).toSeconds();
            if (most < pollTimeout.toSeconds()) {
                log.info("long polls last at most {} s rather than telegram.poll-timeout {} s: each must end before "
                        + "the polling lease ({} s, renewed every {} s) could run out", Math.max(0, most),
                        pollTimeout.toSeconds(), ls.ttl().toSeconds(), ls.renewEvery().toSeconds());
            }
        }
    }

    public synchronized void start() {
        if (running.getAndSet(true)) {
            return;
        }
        if (lease != null) {
            leaseTimer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "replydesk-poll-lease");
                t.setDaemon(true);
                return t;
            });
            leaseTimer.scheduleWithFixedDelay(this::renewLease, 0, lease.settings().renewEvery().toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        thread = new Thread(this::loop, "replydesk-poller");
        thread.setDaemon(false);
        thread.start();
    }

    /** Whether this instance polls now: it holds the lease, or there is none. */
    public boolean polling() {
        return running.get() && (lease == null || lease.held());
    }

    @Override
    public void close() {
        running.set(false);
        synchronized (stopping) {
            stopping.notifyAll();
        }
        wakeUp();
        Call call = inFlight;
        if (call != null) {
            call.cancel(); // Telegram keeps it open until its timeout: see the release below
        }
        Thread t = thread;
        if (t != null) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (leaseTimer != null) {
            // never shutdownNow(): an interrupt inside an H2 write closes the whole database
            leaseTimer.shutdown();
            try {
                leaseTimer.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            // only after the last update was handled: the next holder starts from the stored offset;
            // and only from when the getUpdates cut short above could have ended at Telegram
            lease.release(pollOpenUntil);
        }
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    private void loop() {
        long backoffMs = 500;
        log.info("polling {} for updates", baseUrl);
        while (running.get()) {
            if (lease != null && !lease.held()) {
                awaitLease();
                continue;
            }
            Instant open = pollOpenUntil;
            if (open != null) {
                long ms = Duration.between(clock.instant(), open).toMillis();
                if (ms > 0) {
                    // an earlier getUpdates ended here without an answer: never send the next
                    // while Telegram may still hold that one
                    log.debug("waiting {} ms for an unanswered getUpdates to end at Telegram", ms);
                    pause(ms);
                    continue;
                }
                pollOpenUntil = null;
            }
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
            } catch (LeaseRunsOut e) {
                log.debug("{}; polling again after a renewal", e.getMessage());
                awaitLease();
            } catch (IOException e) {
                if (!running.get()) {
                    break;
                }
                if (lease != null && !lease.held()) {
                    continue; // the lease lapsed meanwhile: stand by, the next holder polls
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
        // after a batch that could not be parsed, its updates are fetched one at a time, so that
        // the bad one can be recorded on its own and the rest handled
        int limit = offset < narrowUntil ? 1 : 100;
        body.put("limit", limit);
        body.put("timeout", pollTimeout.toSeconds()); // lowered, if the lease needs it, by sendPoll
        body.set("allowed_updates", mapper.valueToTree(UpdateHandler.ALLOWED_UPDATES));
        Request request = new Request.Builder().url(baseUrl + "/bot" + token + "/getUpdates")
                .tag(PollBody.class, new PollBody(body))
                .post(RequestBody.create(mapper.writeValueAsString(body), JSON)).build();
        JsonNode root;
        Call call = http.newCall(request);
        inFlight = call;
        try (Response response = call.execute()) {
            pollOpenUntil = null; // answered: Telegram holds it no more
            byte[] bytes = response.body() == null ? new byte[0] : response.body().bytes();
            root = parse(bytes);
            if (response.isSuccessful() && root == null) {
                return unparsable(new String(bytes, java.nio.charset.StandardCharsets.UTF_8), offset, limit);
            }
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
                if (code == 409 && description.toLowerCase(java.util.Locale.ROOT).contains("webhook")) {
                    // run polls: a webhook left from an earlier deployment in webhook mode blocks getUpdates
                    log.warn("a webhook is set ({}); polling is configured, so it is deleted", redact(description));
                    deleteWebhook();
                    throw new RetryLater("a webhook was active", 1);
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
        List<JsonNode> batch = new ArrayList<>(result.size());
        result.forEach(batch::add);
        if (batch.isEmpty()) {
            return 0;
        }
        if (lease != null && !lease.held()) {
            log.warn("lost the polling lease before handling a batch; the next holder handles it");
            return 0;
        }
        // one transaction for the batch: a burst costs a commit per 100 updates, not per update
        handler.handleBatch(batch);
        return batch.size();
    }

    /** The JSON of a getUpdates, whose timeout {@link #sendPoll} sets as it goes out. */
    private record PollBody(ObjectNode json) {
    }

    /** There is too little lease left for a getUpdates to end before it could run out. */
    private static final class LeaseRunsOut extends IOException {
        LeaseRunsOut(String message) {
            super(message);
        }
    }

    /**
     * A network interceptor: runs once the connection is there, right before the request is
     * written. For a getUpdates it picks the long-poll timeout now, so that the request has ended
     * at Telegram (transit included) before this instance stops counting on its lease, and notes
     * until when Telegram may hold it. Refuses to send it when too little lease is left.
     */
    private Response sendPoll(okhttp3.Interceptor.Chain chain) throws IOException {
        Request request = chain.request();
        PollBody poll = request.tag(PollBody.class);
        if (poll == null) {
            return chain.proceed(request);
        }
        Instant now = clock.instant();
        long timeout = pollTimeout.toSeconds();
        if (lease != null) {
            Instant safeUntil = lease.safeUntil();
            // whole seconds, rounded down (Duration.toSeconds floors, also below zero)
            long left = safeUntil == null ? -1 : Duration.between(now.plus(transit), safeUntil).toSeconds();
            if (left < 0) {
                throw new LeaseRunsOut("too little polling lease left for a getUpdates to end in time");
            }
            timeout = Math.min(timeout, left);
        }
        Instant open = pollOpenUntil;
        if (open != null && open.isAfter(now)) {
            throw new IOException("an unanswered getUpdates may still be open at Telegram until " + open);
        }
        pollOpenUntil = now.plusSeconds(timeout).plus(transit);
        ObjectNode json = poll.json().deepCopy();
        json.put("timeout", timeout);
        byte[] body = mapper.writeValueAsBytes(json);
        // the headers were made for the first body (BridgeInterceptor): its length must follow
        return chain.proceed(request.newBuilder()
                .header("Content-Length", Integer.toString(body.length))
                .post(RequestBody.create(body, JSON)).build());
    }

    private void deleteWebhook() {
        Request request = new Request.Builder().url(baseUrl + "/bot" + token + "/deleteWebhook")
                .post(RequestBody.create("{\"drop_pending_updates\":false}", JSON)).build();
        try (Response response = http.newCall(request).execute()) {
            if (!response.isSuccessful()) {
                log.warn("deleteWebhook answered {}", response.code());
            }
        } catch (IOException e) {
            log.warn("deleteWebhook failed: {}", redact(String.valueOf(e)));
        }
    }

    // ---- the lease --------------------------------------------------------------------------

    private void renewLease() {
        boolean had = lease.held();
        boolean has;
        try {
            has = lease.acquire();
        } catch (RuntimeException e) {
            log.error("polling lease: {}", e.toString());
            has = lease.held();
        }
        if (has && !had) {
            log.info("this instance ({}) holds the polling lease and polls Telegram", lease.me());
            lastHolderSeen = lease.me();
        } else if (!has && had) {
            // nothing to cut short: the getUpdates in flight, if any, ends before the lease can run out
            log.warn("this instance ({}) lost the polling lease; it stops polling and stands by", lease.me());
        }
        if (has) {
            wakeUp(); // a poller waiting for more lease may poll now
        }
        if (!has) {
            try {
                String holder = lease.holder().map(PollLease.Holder::id).orElse("nobody");
                if (!holder.equals(lastHolderSeen)) {
                    log.info("instance {} polls Telegram; this one ({}) stands by", holder, lease.me());
                    lastHolderSeen = holder;
                }
            } catch (RuntimeException e) {
                log.debug("cannot read the polling lease: {}", e.toString());
            }
        }
    }

    private void awaitLease() {
        pause(Math.max(50, lease.settings().renewEvery().toMillis()));
    }

    /** Waits up to {@code ms}, or until a renewal or {@link #close()} wakes the poller. */
    private void pause(long ms) {
        synchronized (leaseChange) {
            if (!running.get()) {
                return;
            }
            try {
                leaseChange.wait(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running.set(false);
            }
        }
    }

    private void wakeUp() {
        synchronized (leaseChange) {
            leaseChange.notifyAll();
        }
    }

    private JsonNode parse(byte[] body) {
        try {
            return mapper.readTree(body);
        } catch (IOException e) {
            lastParseError = e instanceof com.fasterxml.jackson.core.JsonProcessingException j
                    ? j.getOriginalMessage() : e.getMessage();
            return null;
        }
    }

    private String lastParseError;
    /** Until the stored offset passes this, updates are fetched one at a time (see {@link #unparsable}). */
    private long narrowUntil;

    /**
     * A getUpdates answer that is not JSON the parser accepts (too deep, too long a number...):
     * one such update must not stall all the others. The batch is fetched again one update at a
     * time; the one that still cannot be parsed is recorded with its raw text and acknowledged.
     */
    private int unparsable(String text, long offset, int limit) throws IOException {
        String reason = String.valueOf(lastParseError);
        if (limit > 1) {
            log.warn("getUpdates from offset {} answered what cannot be parsed ({}); fetching those updates one "
                    + "at a time to set the bad one aside", offset, reason);
            narrowUntil = offset + limit;
            return 0;
        }
        if (handler.handleUnparsable(text, reason).startsWith("skipped")) {
            throw new IOException("getUpdates answered a body that is not JSON: " + reason);
        }
        return 1;
    }

    private String redact(String s) {
        return TelegramBotApi.redact(s, token);
    }

    /** Waits {@code ms} (a retry_after is honoured in full), cut short only by {@link #close()}. */
    private void sleep(long ms) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
        synchronized (stopping) {
            try {
                while (running.get()) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return;
                    }
                    TimeUnit.NANOSECONDS.timedWait(stopping, left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running.set(false);
            }
        }
    }

    /** What {@link #sleep} waits on: {@link #close()} wakes it, so a stop never waits out a retry. */
    private final Object stopping = new Object();

    private static final class RetryLater extends RuntimeException {
        final int seconds;

        RetryLater(String message, int seconds) {
            super(message);
            this.seconds = seconds;
        }
    }
}
