package dev.replydesk.app;

import dev.replydesk.config.ConfigException;
import dev.replydesk.config.ConfigLoader;
import dev.replydesk.config.ReplydeskConfig;
import dev.replydesk.outbox.Outbox;
import dev.replydesk.storage.Database;
import dev.replydesk.telegram.PollLease;
import dev.replydesk.telegram.TelegramBotApi;
import dev.replydesk.telegram.UpdatePoller;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
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
        return "start the bot (long polling)";
    }

    @Override
    public String usage() {
        return """
                Usage: java -jar replydesk.jar run [--config FILE]

                Starts the bot: reads the config (default config/replydesk.yml; the token comes from
                TELEGRAM_BOT_TOKEN), opens the store, polls Telegram for comments and sends cards,
                replies, nudges and digests. Stops cleanly on Ctrl+C / SIGTERM.
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
        Bot bot = Bot.start(config, Clock.systemUTC());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("stopping");
            bot.close();
            stopped.countDown();
        }, "replydesk-shutdown"));
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
        final UpdatePoller poller;

        private Bot(Wiring wiring, UpdatePoller poller) {
            this.wiring = wiring;
            this.poller = poller;
        }

        static Bot start(ReplydeskConfig config, Clock clock) {
            return start(config, clock, Outbox.Settings.defaults());
        }

        static Bot start(ReplydeskConfig config, Clock clock, Outbox.Settings outboxSettings) {
            return start(config, clock, outboxSettings, PollLease.Settings.defaults());
        }

        /**
         * Starts the services, then polls Telegram while this instance holds the polling lease:
         * of several instances on one database, one polls and the others stand by.
         */
        static Bot start(ReplydeskConfig config, Clock clock, Outbox.Settings outboxSettings,
                PollLease.Settings leaseSettings) {
            Database db = Database.open(config.storage().url(), blankToNull(config.storage().user()),
                    blankToNull(config.storage().password()));
            TelegramBotApi api = new TelegramBotApi(config.telegram().token(), config.telegram().apiUrl());
            Wiring wiring = new Wiring(config, db, api, clock, outboxSettings);
            wiring.start();
            PollLease lease = new PollLease(db, clock, leaseSettings, PollLease.instanceName());
            UpdatePoller poller = new UpdatePoller(wiring.intake, api, config.telegram().token(),
                    config.telegram().apiUrl(), config.telegram().pollTimeout(), lease);
            wiring.onClose(poller);
            poller.start();
            return new Bot(wiring, poller);
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
