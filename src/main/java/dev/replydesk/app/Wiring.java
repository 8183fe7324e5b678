package dev.replydesk.app;

import dev.replydesk.config.ReplydeskConfig;
import dev.replydesk.inbox.Analysis;
import dev.replydesk.inbox.DraftChecker;
import dev.replydesk.inbox.Intake;
import dev.replydesk.inbox.Ledger;
import dev.replydesk.language.Texts;
import dev.replydesk.outbox.BotApi;
import dev.replydesk.outbox.Outbox;
import dev.replydesk.outbox.OutboxListener;
import dev.replydesk.storage.Database;
import java.sql.Connection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that builds replydesk's services and connects them: store, outbox, intake,
 * ledger, the features behind the analyzer and the checklist, and the timers. Transports (the
 * Telegram poller, the terminal of {@code try}) are attached by the commands.
 */
final class Wiring implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Wiring.class);

    final ReplydeskConfig config;
    final Database db;
    final Outbox outbox;
    final Ledger ledger;
    final Intake intake;
    final Features features;
    private final ScheduledExecutorService timers;
    private final List<AutoCloseable> closeables = new ArrayList<>();

    Wiring(ReplydeskConfig config, Database db, BotApi botApi, Clock clock, Outbox.Settings outboxSettings) {
        this(config, db, botApi, clock, outboxSettings, Features.loadAsync(config));
    }

    /** With the features' rule files and knowledge base loading already (since before the store opened). */
    Wiring(ReplydeskConfig config, Database db, BotApi botApi, Clock clock, Outbox.Settings outboxSettings,
            CompletableFuture<Features.Loaded> loading) {
        this.config = config;
        this.db = db;
        Texts texts = new Texts();
        ListenerHolder holder = new ListenerHolder();
        this.outbox = new Outbox(db, botApi, holder, clock, outboxSettings);
        this.features = Features.of(config, loading, db, outbox, texts, clock);
        this.ledger = new Ledger(config, db, outbox, texts, clock);
        this.intake = new Intake(config, db, outbox, features.analyzer(), features.checker(), ledger, texts, clock);
        holder.target = intake;
        features.registerCommands(intake);
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "replydesk-timers");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts sending and the timers (nudges, escalations, digests). */
    void start() {
        outbox.start();
        timers.scheduleWithFixedDelay(this::tick, 2, 20, TimeUnit.SECONDS);
        features.start();
    }

    void tick() {
        try {
            ledger.tick();
        } catch (RuntimeException e) {
            log.error("ledger tick failed: {}", e.toString());
        }
        features.tick();
    }

    void onClose(AutoCloseable c) {
        closeables.add(c);
    }

    @Override
    public void close() {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            try {
                closeables.get(i).close();
            } catch (Exception e) {
                log.warn("while stopping: {}", e.toString());
            }
        }
        // never interrupt a thread that may be inside the store: an interrupt in an H2 write closes the database
        timers.shutdown();
        try {
            if (!timers.awaitTermination(30, TimeUnit.SECONDS)) {
                log.warn("the timers did not finish within 30 s; closing anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        features.close();
        outbox.close();
        db.close();
    }

    /** Lets the outbox be built before the intake that listens to it. */
    private static final class ListenerHolder implements OutboxListener {
        volatile OutboxListener target;

        @Override
        public void sent(Connection tx, long outboxId, String correlation, long messageId) {
            target.sent(tx, outboxId, correlation, messageId);
        }

        @Override
        public void failed(Connection tx, long outboxId, String correlation, String reason) {
            target.failed(tx, outboxId, correlation, reason);
        }
    }

    /** Placeholder analyzer and checker until the features are wired: everything needs an answer. */
    static Analysis.Analyzer plainAnalyzer() {
        dev.replydesk.language.LanguageDetector detector = new dev.replydesk.language.LanguageDetector();
        return text -> Analysis.unclassified(detector.detect(text));
    }

    static DraftChecker plainChecker() {
        return DraftChecker.NONE;
    }
}
