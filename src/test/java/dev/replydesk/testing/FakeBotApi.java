package dev.replydesk.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
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
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Bot API server on 127.0.0.1 for tests, speaking the real Bot API JSON to the real
 * TelegramBots client: {@code POST /bot<token>/<method>} (method names case-insensitive), JSON,
 * multipart (documents, photos) or form bodies, answers {@code {"ok":true,"result":...}} or
 * {@code {"ok":false,"error_code":...,"description":...}}.
 *
 * <p>It implements getMe, getUpdates (long polling over updates a test pushes; respects
 * {@code offset}, {@code limit}, {@code timeout}), deleteWebhook, sendMessage, editMessageText,
 * editMessageReplyMarkup, answerCallbackQuery, sendDocument, sendPhoto and setMessageReaction,
 * checking what Telegram checks where a bug could hide: HTML that does not parse, texts over 4096
 * characters, a reply to a message that is not there, an edit that changes nothing. It has no
 * deleteMessage: replydesk never deletes.
 *
 * <p>Every request is recorded (method, chat id, parsed body, time on the given clock, outcome).
 * Faults are programmable for the next requests other than getUpdates (or of one method):
 * {@link #failNext(int, int, int) 429 with retry_after}, {@link #failNext(int, int) any error
 * code}, {@link #hangNext hang} (the request is never processed), {@link #dropNext dropped
 * connection}, and {@link #down()}/{@link #up()} (connections refused).
 */
public final class FakeBotApi implements AutoCloseable {
    public static final String TOKEN = "123456789:AAFakeTokenForReplydeskTests_0123456789";
    public static final long BOT_ID = 123456789L;
    public static final String BOT_USERNAME = "replydesk_test_bot";

    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        // Telegram's answers do not wait 40 ms for a delayed ACK between headers and body, as the
        // JDK server's do with Nagle's algorithm on (which skewed every latency measured here)
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }
    private static final Set<String> TAGS = Set.of("b", "strong", "i", "em", "u", "ins", "s", "strike", "del",
            "span", "tg-spoiler", "a", "tg-emoji", "code", "pre", "blockquote");
    private static final Pattern ENTITY = Pattern.compile("&(lt|gt|amp|quot|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});");
    private static final Pattern TAG = Pattern.compile("<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\\s+[^<>]*)?)>");

    /** One request as it arrived. {@code outcome}: "ok", "error &lt;code&gt;", "hung", "dropped". */
    public record Request(String method, Long chatId, JsonNode body, Map<String, Upload> files, Instant at,
            String outcome) {
        public boolean ok() {
            return outcome.equals("ok");
        }

        public String text() {
            return body.path("text").asText(null);
        }
    }

    public record Upload(String fileName, String contentType, byte[] bytes) {
    }

    /**
     * A message in a chat as it is now (after edits). {@code html} is the text the bot sent,
     * {@code text} the plain text Telegram shows; {@code replyMarkup} is null without buttons.
     */
    public record Posted(long chatId, long messageId, String method, String html, String text, JsonNode replyMarkup,
            Long replyTo, Integer threadId, Upload file, Instant at, int edits, boolean fromBot) {
    }

    private record Fault(String method, String kind, int code, int retryAfter, Duration hang) {
    }

    private final Clock clock;
    private final ExecutorService executor;
    private final int port;
    private HttpServer server;

    private final Object lock = new Object();
    private final List<Request> requests = new ArrayList<>();
    private final Deque<Fault> faults = new ArrayDeque<>();
    private final List<ObjectNode> updates = new ArrayList<>();
    private int nextUpdateId = 1;
    private final Map<Long, Long> lastMessageId = new HashMap<>();
    private final Map<Long, TreeMap<Long, Posted>> chats = new HashMap<>();
    private boolean strictReplies = true;
    private final AtomicInteger callbackIds = new AtomicInteger();
    // getUpdates accounting, under lock: see maxConcurrentPolls()
    private int pollIds;
    private final List<Poll> pendingPolls = new ArrayList<>();
    private final List<Poll> unwrittenPolls = new ArrayList<>();
    private Poll waitingPoll;
    private int maxPollsInFlight;
    private final List<String> pollOverlaps = new ArrayList<>();
    private final List<String> pollsTerminated = new ArrayList<>();
    private Duration pauseAfterPollAnswer = Duration.ZERO;

    /** One getUpdates as the server sees it: from its arrival until its answer is decided. */
    private static final class Poll {
        final int id;
        final String from;
        final long arrived = System.nanoTime();
        long timeoutMs;
        boolean terminated;

        Poll(int id, String from) {
            this.id = id;
            this.from = from;
        }

        String describe(long now) {
            return "#" + id + " from " + from + " (timeout " + timeoutMs / 1000 + " s, arrived "
                    + (now - arrived) / 1_000_000 + " ms before)";
        }
    }

    private FakeBotApi(Clock clock) throws IOException {
        this.clock = clock;
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-bot-api-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.server = bind(0);
        this.port = server.getAddress().getPort();
    }

    /** A server on a free port of 127.0.0.1, times on the system clock. */
    public static FakeBotApi start() {
        return start(Clock.systemUTC());
    }

    /** A server whose request times and message dates come from {@code clock}. */
    public static FakeBotApi start(Clock clock) {
        try {
            return new FakeBotApi(clock);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the fake Bot API server", e);
        }
    }

    private HttpServer bind(int p) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), p), 64);
        s.setExecutor(executor);
        s.createContext("/", this::handle);
        s.start();
        return s;
    }

    /** The {@code telegram.api-url} of this server. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    public String token() {
        return TOKEN;
    }

    @Override
    public void close() {
        down();
        executor.shutdownNow();
    }

    // ---- faults -----------------------------------------------------------------------------

    /** The next {@code n} requests (other than getUpdates) get HTTP {@code code} with a Bot API error. */
    public void failNext(int n, int code) {
        addFaults(null, n, new Fault(null, "fail", code, 0, null));
    }

    /** The next {@code n} requests (other than getUpdates) get 429 (or {@code code}) with {@code retry_after}. */
    public void failNext(int n, int code, int retryAfterSeconds) {
        addFaults(null, n, new Fault(null, "fail", code, retryAfterSeconds, null));
    }

    /** Like {@link #failNext(int, int, int)} but only for requests of {@code method}. */
    public void failNext(String method, int n, int code, int retryAfterSeconds) {
        addFaults(method, n, new Fault(null, "fail", code, retryAfterSeconds, null));
    }

    /**
     * The next {@code n} requests (other than getUpdates) hang for {@code d}, then the connection
     * is closed without an answer. They are never processed: nothing is sent.
     */
    public void hangNext(int n, Duration d) {
        addFaults(null, n, new Fault(null, "hang", 0, 0, d));
    }

    /** The next {@code n} requests (other than getUpdates) are dropped: connection closed, no answer, not processed. */
    public void dropNext(int n) {
        addFaults(null, n, new Fault(null, "drop", 0, 0, null));
    }

    /** Forgets the faults not yet used. */
    public void clearFaults() {
        synchronized (lock) {
            faults.clear();
        }
    }

    /** Stops listening: connections are refused until {@link #up()}. Requests in flight are cut. */
    public void down() {
        HttpServer s;
        synchronized (lock) {
            s = server;
            server = null;
            lock.notifyAll();
        }
        if (s != null) {
            s.stop(0);
        }
    }

    /** Listens again on the same port. */
    public void up() {
        synchronized (lock) {
            if (server != null) {
                return;
            }
            IOException last = null;
            for (int attempt = 0; attempt < 50; attempt++) {
                try {
                    server = bind(port);
                    return;
                } catch (IOException e) {
                    last = e;
                    try {
                        lock.wait(100);
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
            }
            throw new IllegalStateException("cannot listen on port " + port + " again", last);
        }
    }

    /** Whether a reply to a message this server does not know is refused (as Telegram does). Default true. */
    public void strictReplies(boolean strict) {
        synchronized (lock) {
            strictReplies = strict;
        }
    }

    private void addFaults(String method, int n, Fault f) {
        synchronized (lock) {
            for (int i = 0; i < n; i++) {
                faults.add(new Fault(method == null ? null : method.toLowerCase(Locale.ROOT), f.kind(), f.code(),
                        f.retryAfter(), f.hang()));
            }
        }
    }

    private Fault takeFault(String method) {
        synchronized (lock) {
            for (var it = faults.iterator(); it.hasNext(); ) {
                Fault f = it.next();
                boolean applies = f.method() == null ? !method.equals("getupdates") : f.method().equals(method);
                if (applies) {
                    it.remove();
                    return f;
                }
            }
            return null;
        }
    }

    // ---- updates a test pushes --------------------------------------------------------------

    /** Queues an update for getUpdates; sets {@code update_id} if it has none. Returns the update id. */
    public int pushUpdate(String json) {
        try {
            return pushUpdate((ObjectNode) JSON.readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + json, e);
        }
    }

    public int pushUpdate(ObjectNode update) {
        synchronized (lock) {
            int id;
            if (update.hasNonNull("update_id")) {
                id = update.get("update_id").intValue();
                nextUpdateId = Math.max(nextUpdateId, id + 1);
            } else {
                id = nextUpdateId++;
                update.put("update_id", id);
            }
            for (String field : List.of("message", "channel_post")) {
                JsonNode m = update.get(field);
                if (m != null) {
                    remember(m, false);
                }
            }
            updates.add(update);
            lock.notifyAll();
            return id;
        }
    }

    /**
     * A new message from a user in a chat, with the next message id of that chat, for a test to
     * adjust (thread, reply, forward...) before {@link #pushMessage(ObjectNode)}.
     */
    public ObjectNode newMessage(long chatId, long userId, String firstName, String text) {
        ObjectNode m = JSON.createObjectNode();
        synchronized (lock) {
            m.put("message_id", nextMessageId(chatId));
        }
        m.set("from", user(userId, firstName, false));
        m.set("chat", chat(chatId));
        m.put("date", clock.instant().getEpochSecond());
        if (text != null) {
            m.put("text", text);
        }
        return m;
    }

    /** Pushes {@code message} as a {@code message} update; returns its message id. */
    public long pushMessage(ObjectNode message) {
        ObjectNode u = JSON.createObjectNode();
        u.set("message", message);
        pushUpdate(u);
        return message.get("message_id").longValue();
    }

    public long pushMessage(long chatId, long userId, String firstName, String text) {
        return pushMessage(newMessage(chatId, userId, firstName, text));
    }

    /** A user's reply to message {@code replyTo} of the same chat (e.g. a moderator replying to a card). */
    public long pushReply(long chatId, long userId, String firstName, String text, long replyTo) {
        ObjectNode m = newMessage(chatId, userId, firstName, text);
        ObjectNode original = messageJson(chatId, replyTo);
        m.set("reply_to_message", original);
        return pushMessage(m);
    }

    /** An {@code edited_message} update: the user changed the text of message {@code messageId}. */
    public void pushEdited(long chatId, long messageId, long userId, String firstName, String newText) {
        ObjectNode m = JSON.createObjectNode();
        m.put("message_id", messageId);
        m.set("from", user(userId, firstName, false));
        m.set("chat", chat(chatId));
        m.put("date", clock.instant().getEpochSecond() - 60);
        m.put("edit_date", clock.instant().getEpochSecond());
        m.put("text", newText);
        ObjectNode u = JSON.createObjectNode();
        u.set("edited_message", m);
        pushUpdate(u);
    }

    /** A user pressed a button with {@code data} under message {@code messageId}; returns the callback id. */
    public String pushCallback(long chatId, long messageId, long userId, String firstName, String data) {
        String id = "cb" + callbackIds.incrementAndGet();
        ObjectNode q = JSON.createObjectNode();
        q.put("id", id);
        q.set("from", user(userId, firstName, false));
        q.set("message", messageJson(chatId, messageId));
        q.put("chat_instance", "ci" + chatId);
        q.put("data", data);
        ObjectNode u = JSON.createObjectNode();
        u.set("callback_query", q);
        pushUpdate(u);
        return id;
    }

    /**
     * The most getUpdates requests that were ever open at the same time: more than one means two
     * getUpdates overlapped (Telegram answers the older of two waiting ones with 409 Conflict).
     *
     * <p>A getUpdates is open from its arrival until its answer is decided, as on Telegram's side:
     * once answered it is no longer held, even if this server's thread has not finished writing
     * the answer (or counting) when the client, which already read it, sends the next one. A
     * request whose client was cut off (cancelled, killed) stays open until its timeout, as it
     * would on a server that is not told.
     */
    public int maxConcurrentPolls() {
        synchronized (lock) {
            return maxPollsInFlight;
        }
    }

    /** getUpdates requests open now (arrived, answer not decided yet). */
    public int pollsInFlight() {
        synchronized (lock) {
            return pendingPolls.size();
        }
    }

    /**
     * Each getUpdates that arrived while another was open, described (request numbers, client
     * addresses, ages), and each that arrived while an earlier one's answer was still being
     * written (not an overlap: recorded only to tell them apart in a failure).
     */
    public List<String> pollOverlaps() {
        synchronized (lock) {
            return List.copyOf(pollOverlaps);
        }
    }

    /** Waiting getUpdates ended with 409 because a newer one had to wait (as Telegram does). */
    public List<String> pollsTerminated() {
        synchronized (lock) {
            return List.copyOf(pollsTerminated);
        }
    }

    /**
     * Starts {@link #maxConcurrentPolls()} over from the polls open now: e.g. once the last
     * request of a killed client has been answered into its closed connection.
     */
    public void resetMaxConcurrentPolls() {
        synchronized (lock) {
            maxPollsInFlight = pendingPolls.size();
        }
    }

    /**
     * After answering a getUpdates, this server's thread pauses this long before it finishes the
     * exchange: what a thread descheduled on a loaded machine does. The client has the answer.
     */
    public void pauseAfterPollAnswer(Duration pause) {
        synchronized (lock) {
            pauseAfterPollAnswer = pause;
        }
    }

    /** Updates pushed and not yet confirmed by a later getUpdates offset. */
    public int unconfirmedUpdates() {
        synchronized (lock) {
            return updates.size();
        }
    }

    // ---- what the bot did -------------------------------------------------------------------

    public List<Request> requests() {
        synchronized (lock) {
            return List.copyOf(requests);
        }
    }

    /** Requests of one method (case-insensitive), in arrival order. */
    public List<Request> requests(String method) {
        String m = method.toLowerCase(Locale.ROOT);
        return requests().stream().filter(r -> r.method().equals(m)).toList();
    }

    /** Messages the bot created in {@code chatId}, oldest first, as they are now. */
    public List<Posted> sent(long chatId) {
        synchronized (lock) {
            TreeMap<Long, Posted> chat = chats.get(chatId);
            return chat == null ? List.of() : chat.values().stream().filter(Posted::fromBot).toList();
        }
    }

    /** A message of {@code chatId} as it is now. */
    public Optional<Posted> message(long chatId, long messageId) {
        synchronized (lock) {
            TreeMap<Long, Posted> chat = chats.get(chatId);
            return Optional.ofNullable(chat == null ? null : chat.get(messageId));
        }
    }

    /**
     * Waits until {@code count} recorded requests match {@code predicate}; returns all that match.
     * Fails with the list of what did arrive after {@code timeout}.
     */
    public List<Request> awaitRequests(Predicate<Request> predicate, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (true) {
                List<Request> matching = requests.stream().filter(predicate).toList();
                if (matching.size() >= count) {
                    return matching;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("expected " + count + " matching requests within " + timeout
                            + ", got " + matching.size() + "; all requests: "
                            + requests.stream().map(r -> r.method() + "(" + r.chatId() + ")=" + r.outcome()).toList());
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(lock, Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
            }
        }
    }

    /** Shorthand: successful requests of {@code method} to {@code chatId}. */
    public static Predicate<Request> ok(String method, long chatId) {
        String m = method.toLowerCase(Locale.ROOT);
        return r -> r.ok() && r.method().equals(m) && r.chatId() != null && r.chatId() == chatId;
    }

    // ---- HTTP -------------------------------------------------------------------------------

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            String prefix = "/bot" + TOKEN + "/";
            if (!path.startsWith("/bot")) {
                respond(ex, 404, error(404, "Not Found"));
                return;
            }
            if (!path.startsWith(prefix)) {
                respond(ex, 401, error(401, "Unauthorized"));
                return;
            }
            String method = path.substring(prefix.length()).toLowerCase(Locale.ROOT);
            Map<String, Upload> files = new LinkedHashMap<>();
            ObjectNode body = parseBody(ex, files);
            Long chatId = body.hasNonNull("chat_id") ? parseLong(body.get("chat_id").asText()) : null;
            Instant at = clock.instant();

            Fault fault = takeFault(method);
            if (fault != null) {
                switch (fault.kind()) {
                    case "fail" -> {
                        record(method, chatId, body, files, at, "error " + fault.code());
                        ObjectNode err = error(fault.code(), fault.code() == 429
                                ? "Too Many Requests: retry after " + fault.retryAfter()
                                : fault.code() >= 500 ? "Internal Server Error" : "Bad Request: injected fault");
                        if (fault.code() == 429) {
                            err.putObject("parameters").put("retry_after", fault.retryAfter());
                        }
                        respond(ex, fault.code(), err);
                        return;
                    }
                    case "hang" -> {
                        record(method, chatId, body, files, at, "hung");
                        try {
                            Thread.sleep(fault.hang().toMillis());
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        throw new IOException("hung request closed without an answer");
                    }
                    default -> {
                        record(method, chatId, body, files, at, "dropped");
                        throw new IOException("dropped request");
                    }
                }
            }
            if (method.equals("getupdates")) {
                record(method, chatId, body, files, at, "ok");
                Poll poll = pollArrived(String.valueOf(ex.getRemoteAddress()),
                        Math.max(0, body.path("timeout").asLong(0)) * 1000);
                ArrayNode result = null;
                Duration pause;
                try {
                    result = getUpdates(body, poll);
                } finally {
                    pause = pollAnswered(poll);
                }
                try {
                    if (result == null) {
                        respond(ex, 409, error(409, "Conflict: terminated by other getUpdates request; make sure that "
                                + "only one bot instance is running"));
                    } else {
                        respond(ex, 200, ok(result));
                    }
                    if (!pause.isZero()) {
                        try {
                            Thread.sleep(pause.toMillis());
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                } finally {
                    pollWritten(poll); // also when the client is gone and the answer cannot be written
                }
                return;
            }
            ObjectNode answer;
            synchronized (lock) {
                answer = dispatch(method, chatId, body, files, at);
                boolean ok = answer.path("ok").asBoolean();
                record(method, chatId, body, files, at, ok ? "ok" : "error " + answer.path("error_code").asInt());
            }
            respond(ex, answer.path("ok").asBoolean() ? 200 : answer.path("error_code").asInt(), answer);
        }
    }

    private void record(String method, Long chatId, JsonNode body, Map<String, Upload> files, Instant at,
            String outcome) {
        synchronized (lock) {
            requests.add(new Request(method, chatId, body, Map.copyOf(files), at, outcome));
            lock.notifyAll();
        }
    }

    private ObjectNode dispatch(String method, Long chatId, ObjectNode body, Map<String, Upload> files, Instant at) {
        return switch (method) {
            case "getme" -> ok(user(BOT_ID, "replydesk test", true).put("username", BOT_USERNAME));
            case "deletewebhook", "setwebhook", "setmessagereaction", "answercallbackquery" -> {
                if (method.equals("answercallbackquery") && !body.hasNonNull("callback_query_id")) {
                    yield error(400, "Bad Request: query_id is empty");
                }
                if (method.equals("answercallbackquery") && body.path("text").asText("").length() > 200) {
                    yield error(400, "Bad Request: text is too long");
                }
                yield ok(JSON.getNodeFactory().booleanNode(true));
            }
            case "sendmessage" -> sendMessage(chatId, body, at);
            case "editmessagetext", "editmessagereplymarkup" -> edit(method, chatId, body);
            case "senddocument", "sendphoto" -> sendFile(method, chatId, body, files, at);
            default -> error(404, "Not Found: method not found");
        };
    }

    private ObjectNode sendMessage(Long chatId, ObjectNode body, Instant at) {
        if (chatId == null) {
            return error(400, "Bad Request: chat_id is empty");
        }
        String html = body.path("text").asText("");
        String text;
        try {
            text = parseText(html, body.path("parse_mode").asText(""));
        } catch (IllegalArgumentException e) {
            return error(400, "Bad Request: can't parse entities: " + e.getMessage());
        }
        if (text.isEmpty()) {
            return error(400, "Bad Request: message text is empty");
        }
        if (text.length() > 4096) {
            return error(400, "Bad Request: message is too long");
        }
        Long replyTo = replyTo(body);
        if (replyTo != null && strictReplies && !knows(chatId, replyTo)
                && !body.path("reply_parameters").path("allow_sending_without_reply").asBoolean(false)) {
            return error(400, "Bad Request: message to be replied not found");
        }
        JsonNode markup = markup(body);
        Integer thread = body.hasNonNull("message_thread_id") ? body.get("message_thread_id").asInt() : null;
        long id = nextMessageId(chatId);
        Posted p = new Posted(chatId, id, "sendmessage", html, text, markup, replyTo, thread, null, at, 0, true);
        chats.computeIfAbsent(chatId, k -> new TreeMap<>()).put(id, p);
        return ok(messageJson(p));
    }

    private ObjectNode edit(String method, Long chatId, ObjectNode body) {
        if (chatId == null || !body.hasNonNull("message_id")) {
            return error(400, "Bad Request: message identifier is not specified");
        }
        long id = body.get("message_id").asLong();
        Posted p = chats.getOrDefault(chatId, new TreeMap<>()).get(id);
        if (p == null) {
            return error(400, "Bad Request: message to edit not found");
        }
        if (!p.fromBot()) {
            return error(400, "Bad Request: message can't be edited");
        }
        String html = p.html();
        String text = p.text();
        if (method.equals("editmessagetext")) {
            html = body.path("text").asText("");
            try {
                text = parseText(html, body.path("parse_mode").asText(""));
            } catch (IllegalArgumentException e) {
                return error(400, "Bad Request: can't parse entities: " + e.getMessage());
            }
            if (text.isEmpty()) {
                return error(400, "Bad Request: message text is empty");
            }
            if (text.length() > 4096) {
                return error(400, "Bad Request: MESSAGE_TOO_LONG");
            }
        }
        // Telegram drops the buttons of a message edited without reply_markup
        JsonNode markup = markup(body);
        if (text.equals(p.text()) && java.util.Objects.equals(markup, p.replyMarkup())) {
            return error(400, "Bad Request: message is not modified: specified new message content and reply "
                    + "markup are exactly the same as a current content and reply markup of the message");
        }
        Posted edited = new Posted(chatId, id, p.method(), html, text, markup, p.replyTo(), p.threadId(), p.file(),
                p.at(), p.edits() + 1, true);
        chats.get(chatId).put(id, edited);
        ObjectNode m = messageJson(edited);
        m.put("edit_date", clock.instant().getEpochSecond());
        return ok(m);
    }

    private ObjectNode sendFile(String method, Long chatId, ObjectNode body, Map<String, Upload> files, Instant at) {
        if (chatId == null) {
            return error(400, "Bad Request: chat_id is empty");
        }
        String field = method.equals("senddocument") ? "document" : "photo";
        Upload file = files.get(field);
        if (file == null || file.bytes().length == 0) {
            return error(400, "Bad Request: there is no " + field + " in the request");
        }
        String caption = body.path("caption").asText("");
        String text;
        try {
            text = parseText(caption, body.path("parse_mode").asText(""));
        } catch (IllegalArgumentException e) {
            return error(400, "Bad Request: can't parse entities: " + e.getMessage());
        }
        if (text.length() > 1024) {
            return error(400, "Bad Request: message caption is too long");
        }
        long id = nextMessageId(chatId);
        Posted p = new Posted(chatId, id, method, caption, text, markup(body), null, null, file, at, 0, true);
        chats.computeIfAbsent(chatId, k -> new TreeMap<>()).put(id, p);
        return ok(messageJson(p));
    }

    private Poll pollArrived(String from, long timeoutMs) {
        synchronized (lock) {
            Poll poll = new Poll(++pollIds, from);
            poll.timeoutMs = timeoutMs;
            long now = System.nanoTime();
            for (Poll open : pendingPolls) {
                pollOverlaps.add("getUpdates " + poll.describe(now) + " arrived while " + open.describe(now)
                        + " was open");
            }
            for (Poll writing : unwrittenPolls) {
                if (!pendingPolls.contains(writing)) {
                    pollOverlaps.add("(not an overlap) getUpdates " + poll.describe(now) + " arrived while the answer to "
                            + writing.describe(now) + " was still being written");
                }
            }
            pendingPolls.add(poll);
            unwrittenPolls.add(poll);
            maxPollsInFlight = Math.max(maxPollsInFlight, pendingPolls.size());
            return poll;
        }
    }

    private Duration pollAnswered(Poll poll) {
        synchronized (lock) {
            pendingPolls.remove(poll);
            if (waitingPoll == poll) {
                waitingPoll = null;
            }
            return pauseAfterPollAnswer;
        }
    }

    private void pollWritten(Poll poll) {
        synchronized (lock) {
            unwrittenPolls.remove(poll);
        }
    }

    /**
     * The updates for one getUpdates, or null when a newer getUpdates ended this one while it
     * waited: like Telegram's Bot API server, a getUpdates that has to wait ends the one already
     * waiting with 409 "terminated by other getUpdates request" (tdlib/telegram-bot-api,
     * Client::do_get_updates and abort_long_poll; Telegram delays that answer up to 3 s, this
     * server does not). One that finds updates is answered at once and ends nothing.
     */
    private ArrayNode getUpdates(ObjectNode body, Poll poll) {
        long offset = body.path("offset").asLong(0);
        int limit = Math.max(1, Math.min(100, body.path("limit").asInt(100)));
        long timeoutMs = poll.timeoutMs;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        synchronized (lock) {
            if (offset > 0) {
                updates.removeIf(u -> u.get("update_id").asLong() < offset);
            }
            if (updates.isEmpty() && timeoutMs > 0 && server != null) {
                if (waitingPoll != null && waitingPoll != poll) {
                    waitingPoll.terminated = true;
                    pollsTerminated.add("getUpdates " + waitingPoll.describe(System.nanoTime())
                            + " ended with 409 by #" + poll.id + " from " + poll.from);
                    lock.notifyAll();
                }
                waitingPoll = poll;
            }
            while (updates.isEmpty() && server != null) {
                if (poll.terminated) {
                    return null;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            if (poll.terminated) {
                return null;
            }
            ArrayNode result = JSON.createArrayNode();
            for (ObjectNode u : updates) {
                if (result.size() >= limit) {
                    break;
                }
                result.add(u.deepCopy());
            }
            return result;
        }
    }

    // ---- JSON helpers -----------------------------------------------------------------------

    private long nextMessageId(long chatId) {
        return lastMessageId.merge(chatId, 1L, Long::sum);
    }

    private boolean knows(long chatId, long messageId) {
        TreeMap<Long, Posted> chat = chats.get(chatId);
        return chat != null && chat.containsKey(messageId);
    }

    private void remember(JsonNode m, boolean fromBot) {
        long chatId = m.path("chat").path("id").asLong();
        long id = m.path("message_id").asLong();
        lastMessageId.merge(chatId, id, Math::max);
        String text = m.path("text").asText(m.path("caption").asText(""));
        chats.computeIfAbsent(chatId, k -> new TreeMap<>()).put(id, new Posted(chatId, id, "update", text, text,
                null, m.path("reply_to_message").has("message_id") ? m.path("reply_to_message").get("message_id").asLong()
                        : null, m.hasNonNull("message_thread_id") ? m.get("message_thread_id").asInt() : null, null,
                clock.instant(), 0, fromBot));
    }

    private ObjectNode messageJson(long chatId, long messageId) {
        synchronized (lock) {
            Posted p = chats.getOrDefault(chatId, new TreeMap<>()).get(messageId);
            if (p != null) {
                return messageJson(p);
            }
        }
        ObjectNode m = JSON.createObjectNode();
        m.put("message_id", messageId);
        m.set("chat", chat(chatId));
        m.put("date", clock.instant().getEpochSecond());
        return m;
    }

    private ObjectNode messageJson(Posted p) {
        ObjectNode m = JSON.createObjectNode();
        m.put("message_id", p.messageId());
        m.set("from", p.fromBot() ? user(BOT_ID, "replydesk test", true).put("username", BOT_USERNAME)
                : user(0, "someone", false));
        m.set("chat", chat(p.chatId()));
        m.put("date", p.at().getEpochSecond());
        if (p.threadId() != null) {
            m.put("message_thread_id", p.threadId());
        }
        if (p.replyTo() != null) {
            ObjectNode r = m.putObject("reply_to_message");
            r.put("message_id", p.replyTo());
            r.set("chat", chat(p.chatId()));
            r.put("date", p.at().getEpochSecond());
        }
        if (p.file() == null) {
            m.put("text", p.text());
        } else {
            if (!p.text().isEmpty()) {
                m.put("caption", p.text());
            }
            String fileId = "file-" + p.chatId() + "-" + p.messageId();
            if (p.method().equals("senddocument")) {
                m.putObject("document").put("file_id", fileId).put("file_unique_id", fileId)
                        .put("file_name", p.file().fileName()).put("file_size", p.file().bytes().length);
            } else {
                m.putArray("photo").addObject().put("file_id", fileId).put("file_unique_id", fileId)
                        .put("width", 100).put("height", 100).put("file_size", p.file().bytes().length);
            }
        }
        if (p.replyMarkup() != null) {
            m.set("reply_markup", p.replyMarkup());
        }
        return m;
    }

    private static ObjectNode user(long id, String firstName, boolean bot) {
        ObjectNode u = JSON.createObjectNode();
        u.put("id", id);
        u.put("is_bot", bot);
        u.put("first_name", firstName);
        return u;
    }

    private static ObjectNode chat(long chatId) {
        ObjectNode c = JSON.createObjectNode();
        c.put("id", chatId);
        if (chatId > 0) {
            c.put("type", "private");
            c.put("first_name", "User " + chatId);
        } else {
            c.put("type", chatId < -1_000_000_000_000L ? "supergroup" : "group");
            c.put("title", "Chat " + chatId);
        }
        return c;
    }

    private static Long replyTo(ObjectNode body) {
        JsonNode rp = body.get("reply_parameters");
        if (rp != null && rp.isTextual()) {
            rp = readJson(rp.asText());
        }
        if (rp != null && rp.hasNonNull("message_id")) {
            return rp.get("message_id").asLong();
        }
        return body.hasNonNull("reply_to_message_id") ? body.get("reply_to_message_id").asLong() : null;
    }

    private static JsonNode markup(ObjectNode body) {
        JsonNode m = body.get("reply_markup");
        if (m != null && m.isTextual()) {
            m = readJson(m.asText());
        }
        if (m == null || m.isNull() || !m.has("inline_keyboard") || m.get("inline_keyboard").isEmpty()) {
            return null;
        }
        for (JsonNode row : m.get("inline_keyboard")) {
            for (JsonNode b : row) {
                if (b.has("callback_data")
                        && b.get("callback_data").asText().getBytes(StandardCharsets.UTF_8).length > 64) {
                    throw new IllegalStateException("callback_data over 64 bytes reached the server: " + b);
                }
            }
        }
        return m;
    }

    private static JsonNode readJson(String s) {
        try {
            return JSON.readTree(s);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** The plain text Telegram would show for {@code html} in {@code parseMode}; throws when HTML does not parse. */
    static String parseText(String html, String parseMode) {
        if (!parseMode.equalsIgnoreCase("HTML")) {
            return html.strip();
        }
        StringBuilder plain = new StringBuilder();
        List<String> open = new ArrayList<>();
        int i = 0;
        while (i < html.length()) {
            char c = html.charAt(i);
            if (c == '<') {
                Matcher m = TAG.matcher(html).region(i, html.length());
                if (!m.lookingAt()) {
                    throw new IllegalArgumentException("unexpected '<' at byte offset " + i);
                }
                String name = m.group(2).toLowerCase(Locale.ROOT);
                if (!TAGS.contains(name)) {
                    throw new IllegalArgumentException("unsupported start tag \"" + name + "\" at byte offset " + i);
                }
                if (m.group(1).isEmpty()) {
                    open.add(name);
                } else {
                    if (open.isEmpty() || !open.get(open.size() - 1).equals(name)) {
                        throw new IllegalArgumentException("unmatched end tag at byte offset " + i
                                + ", expected \"</" + (open.isEmpty() ? "" : open.get(open.size() - 1))
                                + ">\", found \"</" + name + ">\"");
                    }
                    open.remove(open.size() - 1);
                }
                i = m.end();
            } else if (c == '&') {
                Matcher m = ENTITY.matcher(html).region(i, html.length());
                if (!m.lookingAt()) {
                    throw new IllegalArgumentException("unsupported entity at byte offset " + i);
                }
                String e = m.group(1);
                switch (e) {
                    case "lt" -> plain.append('<');
                    case "gt" -> plain.append('>');
                    case "amp" -> plain.append('&');
                    case "quot" -> plain.append('"');
                    default -> plain.appendCodePoint(e.startsWith("#x") ? Integer.parseInt(e.substring(2), 16)
                            : Integer.parseInt(e.substring(1)));
                }
                i = m.end();
            } else if (c == '>') {
                throw new IllegalArgumentException("unexpected '>' at byte offset " + i);
            } else {
                plain.append(c);
                i++;
            }
        }
        if (!open.isEmpty()) {
            throw new IllegalArgumentException("can't find end tag corresponding to start tag \""
                    + open.get(open.size() - 1) + "\"");
        }
        return plain.toString().strip();
    }

    private static ObjectNode ok(JsonNode result) {
        ObjectNode o = JSON.createObjectNode();
        o.put("ok", true);
        o.set("result", result);
        return o;
    }

    private static ObjectNode error(int code, String description) {
        ObjectNode o = JSON.createObjectNode();
        o.put("ok", false);
        o.put("error_code", code);
        o.put("description", description);
        return o;
    }

    private static void respond(HttpExchange ex, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Long parseLong(String s) {
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    // ---- request bodies ---------------------------------------------------------------------

    private static ObjectNode parseBody(HttpExchange ex, Map<String, Upload> files) throws IOException {
        byte[] raw;
        try (InputStream in = ex.getRequestBody()) {
            raw = in.readAllBytes();
        }
        String type = ex.getRequestHeaders().getFirst("Content-Type");
        type = type == null ? "" : type.toLowerCase(Locale.ROOT);
        ObjectNode body = JSON.createObjectNode();
        String query = ex.getRequestURI().getRawQuery();
        if (query != null) {
            parseForm(query, body);
        }
        if (type.startsWith("application/json") && raw.length > 0) {
            JsonNode n = JSON.readTree(raw);
            if (n instanceof ObjectNode o) {
                body.setAll(o);
            }
        } else if (type.startsWith("multipart/form-data")) {
            Matcher m = Pattern.compile("boundary=\"?([^\";]+)\"?").matcher(ex.getRequestHeaders().getFirst("Content-Type"));
            if (m.find()) {
                parseMultipart(raw, m.group(1), body, files);
            }
            // a field "document": "attach://<part>" names the part that holds the file
            for (var it = body.properties().iterator(); it.hasNext(); ) {
                var field = it.next();
                String v = field.getValue().asText("");
                if (v.startsWith("attach://") && files.containsKey(v.substring(9))) {
                    files.put(field.getKey(), files.get(v.substring(9)));
                }
            }
        } else if (raw.length > 0) {
            parseForm(new String(raw, StandardCharsets.UTF_8), body);
        }
        return body;
    }

    private static void parseForm(String form, ObjectNode body) {
        for (String pair : form.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            body.put(k, v);
        }
    }

    private static void parseMultipart(byte[] raw, String boundary, ObjectNode body, Map<String, Upload> files) {
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        int pos = indexOf(raw, delimiter, 0);
        while (pos >= 0) {
            int start = pos + delimiter.length;
            if (start + 1 < raw.length && raw[start] == '-' && raw[start + 1] == '-') {
                break;
            }
            start += 2; // CRLF
            int next = indexOf(raw, delimiter, start);
            if (next < 0) {
                break;
            }
            int headerEnd = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), start);
            if (headerEnd < 0 || headerEnd > next) {
                break;
            }
            String headers = new String(raw, start, headerEnd - start, StandardCharsets.UTF_8);
            byte[] content = Arrays.copyOfRange(raw, headerEnd + 4, Math.max(headerEnd + 4, next - 2));
            Matcher name = Pattern.compile("name=\"([^\"]*)\"").matcher(headers);
            Matcher fileName = Pattern.compile("filename=\"([^\"]*)\"").matcher(headers);
            Matcher ctype = Pattern.compile("(?i)content-type:\\s*([^\\r\\n]+)").matcher(headers);
            if (name.find()) {
                if (fileName.find()) {
                    files.put(name.group(1), new Upload(fileName.group(1), ctype.find() ? ctype.group(1) : null, content));
                } else {
                    body.put(name.group(1), new String(content, StandardCharsets.UTF_8));
                }
            }
            pos = next;
        }
    }

    private static int indexOf(byte[] hay, byte[] needle, int from) {
        outer:
        for (int i = from; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

}
