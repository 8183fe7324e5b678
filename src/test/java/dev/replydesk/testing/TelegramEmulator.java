package dev.replydesk.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The independent npm Bot API emulator {@code telegram-test-api}, run by
 * {@code src/test/emulator/launch.js} (which bridges its incompatibilities with real Bot API
 * clients; the list is at the top of that file), as a child process on a free loopback port.
 *
 * <p>The bot under test talks to {@link #apiUrl()} like to {@code https://api.telegram.org}; the
 * test acts as Telegram users through the emulator's client API ({@code userSendsMessage},
 * {@code userRepliesTo}, {@code userPressesButton}, ...) and reads what the bot sent with
 * {@link #botMessages} / {@link #awaitBotMessage}. Each bot token is its own world, so tests can
 * share one emulator by using different tokens.
 *
 * <p>{@link #start()} skips the calling test (JUnit assumption) when Node.js or the package is
 * missing, except under CI (environment variable {@code CI} set), where it fails: {@code .ci/run}
 * installs both, so a missing emulator there is a broken build, not a reason to skip.
 * System properties: {@code replydesk.emulator.dir} (default {@code src/test/emulator}),
 * {@code replydesk.node} (default: {@code node} or {@code nodejs} on the PATH),
 * {@code replydesk.emulator.log=true} (the launcher logs every bot call to stderr).
 */
public final class TelegramEmulator implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration POLL_EVERY = Duration.ofMillis(50);
    private static final int OUTPUT_LINES = 200;

    private final Process process;
    private final int port;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final Deque<String> output;

    private TelegramEmulator(Process process, int port, Deque<String> output) {
        this.process = process;
        this.port = port;
        this.output = output;
        this.http = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build();
    }

    /** Whether Node.js and the installed emulator package are there to run. */
    public static boolean available() {
        return unavailableReason().isEmpty();
    }

    /**
     * Starts the emulator on a free loopback port and waits until it listens. When it is not
     * {@link #available()}: fails under CI, skips the test elsewhere.
     */
    public static TelegramEmulator start() {
        Optional<String> missing = unavailableReason();
        if (missing.isPresent()) {
            String help = "install Node.js and run `npm ci` in " + emulatorDir() + " (.ci/run does both)";
            if (System.getenv("CI") != null) {
                Assertions.fail("The npm Bot API emulator is required under CI, but " + missing.get() + "; " + help);
            }
            String why = "Skipped: the npm Bot API emulator is not available (" + missing.get() + "); " + help;
            System.err.println("[TelegramEmulator] " + why);
            Assumptions.abort(why);
        }
        return launch(node().orElseThrow(), emulatorDir(), Boolean.getBoolean("replydesk.emulator.log"));
    }

    private static TelegramEmulator launch(Path node, Path dir, boolean log) {
        List<String> command = new ArrayList<>(List.of(node.toString(), "launch.js", "--port", "0"));
        if (log) {
            command.add("--log");
        }
        Process process;
        try {
            // stdin stays a pipe: the launcher exits when it closes, so a dead JVM leaves no emulator behind
            process = new ProcessBuilder(command).directory(dir.toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + command + " in " + dir, e);
        }
        CompletableFuture<Integer> ready = new CompletableFuture<>();
        Deque<String> output = new ArrayDeque<>();
        Consumer<String> keep = line -> {
            synchronized (output) {
                output.addLast(line);
                while (output.size() > OUTPUT_LINES) {
                    output.removeFirst();
                }
            }
            if (log) {
                System.err.println(line);
            }
        };
        drain(process.getInputStream(), "telegram-emulator-stdout", line -> {
            if (!ready.isDone() && line.startsWith("READY ")) {
                ready.complete(Integer.parseInt(line.substring("READY ".length()).trim()));
            } else {
                keep.accept(line);
            }
        }, () -> ready.completeExceptionally(new IllegalStateException("the launcher exited")));
        drain(process.getErrorStream(), "telegram-emulator-stderr", keep, () -> { });
        int port;
        try {
            port = ready.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("interrupted while starting the emulator", e);
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            waitQuietly(process, Duration.ofSeconds(2));
            String said;
            synchronized (output) {
                said = String.join("\n", output);
            }
            throw new IllegalStateException("the emulator did not print READY within " + START_TIMEOUT
                    + " (" + command + " in " + dir + "); it said:\n" + said, e);
        }
        return new TelegramEmulator(process, port, output);
    }

    private static void drain(InputStream stream, String name, Consumer<String> lines, Runnable atEnd) {
        Thread.ofPlatform().daemon().name(name).start(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    lines.accept(line);
                }
            } catch (IOException e) {
                // the process is gone; nothing more to read
            } finally {
                atEnd.run();
            }
        });
    }

    private static Optional<String> unavailableReason() {
        if (node().isEmpty()) {
            return Optional.of("no `node` (or `nodejs`) executable on the PATH");
        }
        Path dir = emulatorDir();
        if (!Files.isRegularFile(dir.resolve("launch.js"))) {
            return Optional.of("there is no " + dir.resolve("launch.js"));
        }
        if (!Files.isRegularFile(dir.resolve("node_modules/telegram-test-api/package.json"))) {
            return Optional.of("telegram-test-api is not installed in " + dir.resolve("node_modules"));
        }
        return Optional.empty();
    }

    private static Path emulatorDir() {
        String configured = System.getProperty("replydesk.emulator.dir");
        return (configured != null ? Path.of(configured) : Path.of("src", "test", "emulator")).toAbsolutePath();
    }

    private static Optional<Path> node() {
        String configured = System.getProperty("replydesk.node");
        if (configured != null) {
            Path path = Path.of(configured);
            return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
        }
        String pathVariable = System.getenv("PATH");
        if (pathVariable == null) {
            return Optional.empty();
        }
        for (String name : List.of("node", "nodejs")) {
            for (String entry : pathVariable.split(java.io.File.pathSeparator)) {
                if (entry.isBlank()) {
                    continue;
                }
                Path candidate = Path.of(entry, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    // ------------------------------------------------------------------------------------------
    // Where the bot connects

    /** The Bot API base URL for the bot under test, e.g. {@code http://127.0.0.1:40123}. */
    public URI apiUrl() {
        return URI.create("http://" + host() + ":" + port);
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return port;
    }

    // ------------------------------------------------------------------------------------------
    // Acting as users

    /**
     * A message as a user sends it: chat {@code {id, type, title}} (a group title is made up),
     * {@code from {id, first_name, is_bot:false}}, text. Add fields before {@link #userSends}
     * (e.g. {@code message_thread_id}, {@code is_automatic_forward}, {@code sender_chat},
     * {@code forward_origin}, {@code caption}, {@code photo}, {@code reply_to_message_id}).
     */
    public ObjectNode message(long chatId, String chatType, long userId, String firstName, String text) {
        ObjectNode message = json.createObjectNode();
        ObjectNode chat = message.putObject("chat").put("id", chatId);
        if (chatType != null) {
            chat.put("type", chatType);
        }
        message.putObject("from").put("id", userId).put("is_bot", false).put("first_name", firstName);
        if (text != null) {
            message.put("text", text);
        }
        return message;
    }

    /**
     * A user posts {@code text} in a chat ({@code chatType}: "supergroup", "group", "private"; null
     * = from the id). Returns the Message exactly as the bot will receive it (with {@code message_id}).
     */
    public JsonNode userSendsMessage(String botToken, long chatId, String chatType, long userId, String firstName,
            String text) {
        return userSends(botToken, message(chatId, chatType, userId, firstName, text));
    }

    /**
     * A user replies to message {@code replyToMessageId} of the same chat (a bot message or a user
     * message); the bot receives it with the full {@code reply_to_message}. Returns that Message.
     */
    public JsonNode userRepliesTo(String botToken, long chatId, String chatType, long userId, String firstName,
            long replyToMessageId, String text) {
        return userSends(botToken, message(chatId, chatType, userId, firstName, text)
                .put("reply_to_message_id", replyToMessageId));
    }

    /** Sends any user message built by {@link #message}; returns the Message as the bot receives it. */
    public JsonNode userSends(String botToken, ObjectNode message) {
        ObjectNode body = message.deepCopy().put("token", botToken);
        return client("/sendMessage", body).path("message");
    }

    /** The user edits their message {@code messageId}: the bot gets an {@code edited_message}. */
    public JsonNode userEditsMessage(String botToken, long chatId, long messageId, String newText) {
        ObjectNode body = json.createObjectNode().put("token", botToken).put("chat_id", chatId)
                .put("message_id", messageId).put("text", newText);
        return client("/editMessage", body).path("edited_message");
    }

    /**
     * A user presses the inline button with {@code callbackData} on the bot's message
     * {@code messageId}. Refused (AssertionError) when the message shows no such button — as in
     * Telegram, where a button must be on screen to be pressed. Returns the {@code callback_query}
     * the bot will receive ({@code id}, {@code from}, {@code message}, {@code chat_instance}, {@code data}).
     */
    public JsonNode userPressesButton(String botToken, long chatId, long userId, long messageId, String callbackData) {
        ObjectNode body = json.createObjectNode().put("token", botToken).put("chat_id", chatId)
                .put("message_id", messageId).put("data", callbackData);
        body.putObject("from").put("id", userId).put("is_bot", false).put("first_name", "User " + userId);
        return client("/sendCallback", body).path("callback_query");
    }

    // ------------------------------------------------------------------------------------------
    // What the bot did

    /**
     * Every message the bot sent with this token, oldest first, as it stands now (edits applied,
     * {@code edit_date} set by an edit): the bot's request fields ({@code chat_id} as sent, often a
     * string; {@code text} as sent, HTML included; {@code parse_mode}, {@code reply_parameters},
     * {@code reply_markup}, {@code message_thread_id}, ...) plus the {@code message_id} it got.
     */
    public List<JsonNode> botMessages(String botToken) {
        JsonNode history = client("/getUpdatesHistory", json.createObjectNode().put("token", botToken));
        List<JsonNode> messages = new ArrayList<>();
        for (JsonNode entry : history) {
            JsonNode message = entry.path("message");
            if (message.has("chat_id")) { // the bot's requests; users' updates carry a chat object instead
                messages.add(((ObjectNode) message.deepCopy()).put("message_id", entry.path("messageId").asLong()));
            }
        }
        messages.sort(Comparator.comparingLong(m -> m.path("message_id").asLong()));
        return messages;
    }

    /** {@link #botMessages(String)} sent to one chat. */
    public List<JsonNode> botMessages(String botToken, long chatId) {
        return botMessages(botToken).stream().filter(m -> m.path("chat_id").asLong() == chatId).toList();
    }

    /**
     * Waits until a bot message (see {@link #botMessages(String)}) matches, and returns the first
     * that does; an AssertionError listing what the bot did send when none does in time.
     */
    public JsonNode awaitBotMessage(String botToken, Predicate<JsonNode> predicate, Duration timeout) {
        return await(() -> botMessages(botToken), predicate, timeout, "a matching bot message");
    }

    /**
     * What the bot answered to callback queries, in order: {@code callback_query_id}, {@code text},
     * {@code show_alert}, {@code data} and {@code from} of the press.
     */
    public List<JsonNode> callbackAnswers(String botToken) {
        List<JsonNode> answers = new ArrayList<>();
        client("/callbackAnswers", json.createObjectNode().put("token", botToken)).forEach(answers::add);
        return answers;
    }

    public JsonNode awaitCallbackAnswer(String botToken, Predicate<JsonNode> predicate, Duration timeout) {
        return await(() -> callbackAnswers(botToken), predicate, timeout, "a matching callback answer");
    }

    /** The inline buttons of a bot message, row by row, flattened ({@code text}, {@code callback_data}). */
    public static List<JsonNode> buttons(JsonNode botMessage) {
        List<JsonNode> buttons = new ArrayList<>();
        for (JsonNode row : botMessage.path("reply_markup").path("inline_keyboard")) {
            row.forEach(buttons::add);
        }
        return buttons;
    }

    /** The launcher's recent stderr (with -Dreplydesk.emulator.log=true, every bot call). */
    public String recentOutput() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    private JsonNode await(java.util.function.Supplier<List<JsonNode>> read, Predicate<JsonNode> predicate,
            Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<JsonNode> seen;
        while (true) {
            seen = read.get();
            for (JsonNode node : seen) {
                if (predicate.test(node)) {
                    return node;
                }
            }
            if (System.nanoTime() >= deadline) {
                break;
            }
            try {
                Thread.sleep(POLL_EVERY);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
        StringBuilder report = new StringBuilder("no " + what + " within " + timeout + "; there were " + seen.size()
                + ":");
        for (JsonNode node : seen) {
            report.append("\n  ").append(node);
        }
        report.append("\nemulator output:\n").append(recentOutput());
        throw new AssertionError(report.toString());
    }

    private JsonNode client(String path, ObjectNode body) {
        HttpRequest request = HttpRequest.newBuilder(apiUrl().resolve(path))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("emulator " + path + " failed: " + e + "\n" + recentOutput(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted calling the emulator's " + path, e);
        }
        JsonNode answer;
        try {
            answer = json.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("emulator " + path + " answered HTTP " + response.statusCode()
                    + " with no JSON: " + response.body(), e);
        }
        if (!answer.path("ok").asBoolean(false)) {
            throw new AssertionError("the emulator refused " + path + " " + body + ": "
                    + answer.path("description").asText(answer.toString()));
        }
        return answer.path("result");
    }

    // ------------------------------------------------------------------------------------------

    /** Stops the emulator: closing its stdin ends it; SIGTERM, then SIGKILL, if it lingers. */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // already closed: the process is going anyway
        }
        if (!waitQuietly(process, Duration.ofSeconds(5))) {
            process.destroy();
            if (!waitQuietly(process, Duration.ofSeconds(5))) {
                process.destroyForcibly();
                waitQuietly(process, Duration.ofSeconds(5));
            }
        }
        http.close();
    }

    private static boolean waitQuietly(Process process, Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
