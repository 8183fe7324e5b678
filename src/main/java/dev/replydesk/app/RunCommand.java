package dev.replydesk.app;

import dev.replydesk.config.ConfigException;
import dev.replydesk.config.ConfigLoader;
import dev.replydesk.config.ReplydeskConfig;
import dev.replydesk.config.Webhook;
import dev.replydesk.outbox.Outbox;
import dev.replydesk.storage.Database;
import dev.replydesk.telegram.PollLease;
import dev.replydesk.telegram.TelegramBotApi;
import dev.replydesk.telegram.UpdatePoller;
import dev.replydesk.telegram.WebhookServer;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

final class RunCommand implements Command {
    private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

    @Override
    public String name() {
        return "run";
    }

    @Override
    public String summary() {
        return "start the bot (long polling, or a webhook behind a reverse proxy)";
    }

    @Override
    public String usage() {
        return """
                Usage: java -jar replydesk.jar run [--config FILE]

                Starts the bot: reads the config (default config/replydesk.yml; the token comes from
                TELEGRAM_BOT_TOKEN), opens the store, takes comments from Telegram and sends cards,
                replies, nudges and digests. Stops cleanly on Ctrl+C / SIGTERM.

                Updates come by long polling (the default; of several instances on one
                PostgreSQL, one polls and the others stand by), or, with webhook.enabled, by a
                webhook served on webhook.listen behind an HTTPS reverse proxy.
                """;
    }

    @Override
    public int run(List<String> words, InputStream in, PrintStream out, PrintStream err) {
        Args args = Args.parse(words, Set.of("config"), Set.of()).atMostPositional(0);
        Path file = Path.of(args.option("config", "config/replydesk.yml"));
        ReplydeskConfig config;
        try {
            config = ConfigLoader.load(file, System.getenv());
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return 1;
        }
        // the hook is in place before the start: a stop that comes while the start finishes (polling
        // has begun, the checklist still loads) waits for it and then closes the bot cleanly —
        // releasing the polling lease, else the next start would stand by until it runs out
        CompletableFuture<Bot> started = new CompletableFuture<>();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("stopping");
            try {
                started.get(60, java.util.concurrent.TimeUnit.SECONDS).close();
            } catch (java.util.concurrent.ExecutionException e) {
                // the start failed: it closed what it had opened
            } catch (java.util.concurrent.TimeoutException e) {
                log.warn("the start did not finish within 60 s; stopping without closing the store cleanly");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stopped.countDown();
        }, "replydesk-shutdown"));
        Bot bot;
        try {
            bot = Bot.start(config, Clock.systemUTC());
        } catch (RuntimeException | Error e) {
            started.completeExceptionally(e);
            throw e;
        }
        started.complete(bot);
        out.println("replydesk is running: " + config.communities().size() + " communities, moderators' chat "
                + config.moderators().chatId() + ". Ctrl+C stops it.");
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** The running bot: services plus the Telegram transport. */
    static final class Bot implements AutoCloseable {
        final Wiring wiring;
        /** Long polling (the default), or null in webhook mode. */
        final UpdatePoller poller;
        /** Webhook mode ({@code webhook.enabled}), or null. */
        final WebhookServer webhook;

        private Bot(Wiring wiring, UpdatePoller poller, WebhookServer webhook) {
            this.wiring = wiring;
            this.poller = poller;
            this.webhook = webhook;
        }

        static Bot start(ReplydeskConfig config, Clock clock) {
            return start(config, clock, Outbox.Settings.defaults());
        }

        static Bot start(ReplydeskConfig config, Clock clock, Outbox.Settings outboxSettings) {
            return start(config, clock, outboxSettings, PollLease.Settings.defaults());
        }

        /**
         * Starts the services, then the transport: in webhook mode the HTTP server (and setWebhook
         * when {@code webhook.url} is set); else long polling while this instance holds the polling
         * lease: of several instances on one database, one polls and the others stand by.
         */
        static Bot start(ReplydeskConfig config, Clock clock, Outbox.Settings outboxSettings,
                PollLease.Settings leaseSettings) {
            // triage and the knowledge base load on threads of their own while the store opens
            // and migrates here: the two take about as long, and neither needs the other
            CompletableFuture<Features.Loaded> loading = Features.loadAsync(config);
            // so is the HTTP client (OkHttp, the TLS trust store, TelegramBots' JSON mapper)
            CompletableFuture<TelegramBotApi> client = CompletableFuture.supplyAsync(
                    () -> new TelegramBotApi(config.telegram().token(), config.telegram().apiUrl()),
                    task -> {
                        Thread t = new Thread(task, "replydesk-load-http");
                        t.setDaemon(true);
                        t.start();
                    });
            Database db;
            TelegramBotApi api = null;
            Wiring wiring;
            try {
                db = Database.open(config.storage().url(), blankToNull(config.storage().user()),
                        blankToNull(config.storage().password()));
                try {
                    api = join(client);
                    wiring = new Wiring(config, db, api, clock, outboxSettings, loading);
                } catch (RuntimeException e) {
                    if (api != null) {
                        api.close();
                    }
                    db.close();
                    throw e;
                }
            } catch (RuntimeException e) {
                Features.discard(loading);
                client.thenAccept(TelegramBotApi::close);
                throw e;
            }
            wiring.start();
            Webhook hook = config.webhook();
            if (hook.enabled()) {
                WebhookServer server;
                try {
                    server = WebhookServer.start(wiring.intake, api, hook, config.telegram().token());
                } catch (RuntimeException e) {
                    wiring.close();
                    throw e;
                }
                wiring.onClose(server);
                if (!hook.url().isEmpty()) {
                    api.setWebhook(hook.url(), hook.secretToken(), hook.maxConnections()).ifPresentOrElse(
                            why -> log.error("setWebhook {} was refused: {}; updates arrive only if the webhook "
                                    + "is set some other way", hook.url(), why),
                            () -> log.info("webhook set: Telegram posts updates to {}", hook.url()));
                }
                return ready(new Bot(wiring, null, server));
            }
            PollLease lease = new PollLease(db, clock, leaseSettings, PollLease.instanceName());
            UpdatePoller poller = new UpdatePoller(wiring.intake, api, config.telegram().token(),
                    config.telegram().apiUrl(), config.telegram().pollTimeout(), lease);
            wiring.onClose(poller);
            poller.start();
            return ready(new Bot(wiring, poller, null));
        }

        /**
         * Loads the reply checklist once updates flow: it checks moderators' drafts, never a
         * comment, so the start does not wait for it. Then has the knowledge-base index cache
         * written (on a thread of its own) for the next start. A malformed rule file still stops the bot
         * here, at start, naming the file and key (what came in meanwhile is stored).
         */
        private static Bot ready(Bot bot) {
            try {
                bot.wiring.features.loadChecklist();
            } catch (RuntimeException e) {
                bot.close();
                throw e;
            }
            // the knowledge base's index for the next start, written now that this one is done
            bot.wiring.features.suggester().saveIndexCache();
            return bot;
        }

        /** The value, or the exception its task threw (a bad token names itself). */
        private static <T> T join(CompletableFuture<T> task) {
            try {
                return task.join();
            } catch (java.util.concurrent.CompletionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw e;
            }
        }

        @Override
        public void close() {
            wiring.close();
        }
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
