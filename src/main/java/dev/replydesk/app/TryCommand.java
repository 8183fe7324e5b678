package dev.replydesk.app;

import dev.replydesk.config.ConfigException;
import dev.replydesk.config.ConfigLoader;
import dev.replydesk.config.ReplydeskConfig;
import dev.replydesk.inbox.Event;
import dev.replydesk.inbox.Html;
import dev.replydesk.outbox.AnswerResult;
import dev.replydesk.outbox.BotApi;
import dev.replydesk.outbox.Button;
import dev.replydesk.outbox.Keyboard;
import dev.replydesk.outbox.Outbox;
import dev.replydesk.outbox.Outgoing;
import dev.replydesk.outbox.SendResult;
import dev.replydesk.storage.Database;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The offline try-out: the same pipeline as the bot (store, triage, suggestions, checklist,
 * outbox) with a terminal in place of Telegram and a temporary store.
 */
final class TryCommand implements Command {
    static final long COMMUNITY = -1001000000001L;
    static final long MODERATORS = -1001000000002L;
    static final long CUSTOMER = 500001L;
    static final long MODERATOR = 100001L;

    @Override
    public String name() {
        return "try";
    }

    @Override
    public String summary() {
        return "offline try-out: comments on stdin, cards on stdout";
    }

    @Override
    public String usage() {
        return """
                Usage: java -jar replydesk.jar try [--kb DIR] [--lang ru|uk|en]

                No token, no network. Each line you type is a comment in a community chat; the bot
                prints the card the moderators would get. A line starting with "> " is a moderator's
                reply to the last card: the bot checks it and prints what it would publish.
                --kb DIR     knowledge base to suggest from (default: knowledge-base)
                --lang L     language of the cards (default: ru)
                """;
    }

    @Override
    public int run(List<String> words, InputStream in, PrintStream out, PrintStream err) throws IOException {
        Args args = Args.parse(words, Set.of("kb", "lang", "config"), Set.of()).atMostPositional(0);
        String lang = args.option("lang", "ru");
        Path kb = Path.of(args.option("kb", "knowledge-base")).toAbsolutePath();
        Path dir = Files.createTempDirectory("replydesk-try");
        try {
            return session(dir, kb, lang, in, out, err);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private int session(Path dir, Path kb, String lang, InputStream in, PrintStream out, PrintStream err)
            throws IOException {
        String yaml = """
                telegram:
                  token: offline-try
                  api-url: http://127.0.0.1:9
                communities:
                  - chat-id: %d
                    name: Community (try)
                moderators:
                  chat-id: %d
                  users: [%d]
                  language: %s
                managers:
                  users: []
                storage:
                  url: jdbc:h2:file:%s
                knowledge-base:
                  dir: %s
                """.formatted(COMMUNITY, MODERATORS, MODERATOR, lang, dir.resolve("store").toString().replace('\\', '/'),
                kb.toString().replace('\\', '/'));
        ReplydeskConfig config;
        try {
            config = ConfigLoader.parse(yaml, "try.yml", Map.of());
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return 1;
        }
        Terminal terminal = new Terminal(out);
        Outbox.Settings settings = Outbox.Settings.defaults()
                .withRates(10_000, 1_000_000, 10_000, 10_000)
                .withPollInterval(Duration.ofMillis(20));
        try (Wiring wiring = new Wiring(config, Database.open(config.storage().url()), terminal, Clock.systemUTC(),
                settings)) {
            wiring.start();
            out.println("replydesk try-out. Type a comment and press Enter; \"> text\" replies to the last card."
                    + " Ctrl+D ends.");
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            long update = 1;
            long message = 1;
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                Event.Message event;
                if (line.startsWith(">")) {
                    Long card = terminal.lastCard;
                    if (card == null) {
                        out.println("(no card to reply to yet)");
                        continue;
                    }
                    event = new Event.Message(update++, false, MODERATORS, "supergroup", "Moderators", 900_000 + message++,
                            null, false, card, true, new Event.Person(MODERATOR, "Moderator", null, "moderator", false, lang),
                            null, Instant.now(), null, line.substring(1).strip(), null, false, null, null, null, false, null);
                } else {
                    long customer = CUSTOMER + message;
                    event = new Event.Message(update++, false, COMMUNITY, "supergroup", "Community", message++, null,
                            false, null, null, new Event.Person(customer, "Customer " + (customer - CUSTOMER), null,
                            null, false, null), null,
                            Instant.now(), null, line, null, false, null, null, null, false, null);
                }
                wiring.intake.handle(event, null);
                drain(wiring.outbox);
            }
        }
        return 0;
    }

    private static void drain(Outbox outbox) {
        outbox.wakeUp();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        try {
            Thread.sleep(30);
            while (outbox.counts().pending() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Thread.sleep(30);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Telegram replaced by the terminal: prints what would be sent. */
    static final class Terminal implements BotApi {
        private final PrintStream out;
        private final AtomicLong ids = new AtomicLong(1000);
        volatile Long lastCard;

        Terminal(PrintStream out) {
            this.out = out;
        }

        @Override
        public synchronized SendResult execute(Outgoing m, Long target) {
            long id = ids.incrementAndGet();
            switch (m) {
                case Outgoing.Send s -> {
                    boolean card = s.keyboard() != null && s.keyboard().rows().stream().flatMap(List::stream)
                            .anyMatch(b -> b.callbackData().startsWith("tk:") || b.callbackData().startsWith("ae:"));
                    if (card) {
                        lastCard = id;
                    }
                    String where = s.chatId() == MODERATORS ? (card ? "card for the moderators" : "to the moderators")
                            : s.chatId() == COMMUNITY ? "published in the community, as a reply to message "
                                    + s.replyToMessageId() : "to " + s.chatId();
                    print(where, s.html(), s.keyboard());
                }
                case Outgoing.Edit e -> print("card updated", e.html(), e.keyboard());
                case Outgoing.Document d -> print("file " + d.fileName() + " to " + d.chatId(),
                        d.caption() == null ? "" : d.caption(), null);
                case Outgoing.Photo p -> print("picture " + p.fileName() + " to " + p.chatId(),
                        p.caption() == null ? "" : p.caption(), null);
            }
            return new SendResult.Sent(id);
        }

        private void print(String where, String html, Keyboard keyboard) {
            out.println("── " + where + " ──");
            out.println(Html.toPlain(html));
            if (keyboard != null && !keyboard.isEmpty()) {
                out.println(keyboard.rows().stream().map(row -> row.stream().map(Button::text)
                        .map(t -> "[" + t + "]").collect(Collectors.joining(" "))).collect(Collectors.joining("\n")));
            }
            out.println();
            out.flush();
        }

        @Override
        public AnswerResult answerCallback(String callbackId, String text, boolean alert) {
            return new AnswerResult.Answered();
        }
    }
}
