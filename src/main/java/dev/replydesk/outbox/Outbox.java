package dev.replydesk.outbox;

import dev.replydesk.storage.Database;
import dev.replydesk.storage.StorageException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one durable queue for everything the bot sends. See the package documentation for the
 * delivery rules.
 *
 * <p>Business time (due times, rate limits, the give-up bound, timestamps in the table) comes
 * from the injected {@link Clock}; only the thread's sleeping and the fallback poll use real
 * time, so a test can move a mutable clock and the outbox follows within one poll interval.
 */
public final class Outbox implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Outbox.class);

    /**
     * How the outbox behaves.
     *
     * @param giveUpAfter how long after its first attempt a message that keeps failing (network,
     *     5xx, 429) is given up: FAILED, logged at ERROR, the listener told
     * @param pollInterval how often the table is re-read in case something was missed (rows of
     *     other instances, expired leases); also the longest the thread sleeps in one go
     * @param lease how long a claimed row stays reserved to this instance; must be longer than
     *     the {@link BotApi}'s deadline for one call
     * @param backoffBase first wait after a network error or 5xx, doubled on each further one
     * @param backoffCap the longest such wait
     * @param perChatPerSecond messages a second to one chat
     * @param perGroupPerMinute messages a minute to one group or channel (chat id below zero)
     * @param overallPerSecond messages a second to all chats together
     * @param overallBurst how many of those may go at once after a quiet spell
     * @param drainOnStop how long {@link #stop()} keeps sending what is due before it returns
     * @param instanceId this instance's name in {@code claimed_by}; null for a random one. A stable
     *     id (unique per running instance) lets a restarted instance take back at once what it had
     *     claimed before a crash instead of waiting for the lease to run out
     */
    public record Settings(Duration giveUpAfter, Duration pollInterval, Duration lease, Duration backoffBase,
            Duration backoffCap, double perChatPerSecond, int perGroupPerMinute, double overallPerSecond,
            int overallBurst, Duration drainOnStop, String instanceId) {

        public Settings {
            Objects.requireNonNull(giveUpAfter, "giveUpAfter");
            Objects.requireNonNull(pollInterval, "pollInterval");
            Objects.requireNonNull(lease, "lease");
            Objects.requireNonNull(backoffBase, "backoffBase");
            Objects.requireNonNull(backoffCap, "backoffCap");
            Objects.requireNonNull(drainOnStop, "drainOnStop");
            if (pollInterval.isZero() || pollInterval.isNegative() || backoffBase.isNegative()
                    || perChatPerSecond <= 0 || perGroupPerMinute <= 0 || overallPerSecond <= 0 || overallBurst < 1) {
                throw new IllegalArgumentException("bad outbox settings: " + this);
            }
        }

        /** One hour to give up, Telegram's documented limits, a one-minute lease. */
        public static Settings defaults() {
            return new Settings(Duration.ofHours(1), Duration.ofSeconds(1), Duration.ofSeconds(90),
                    Duration.ofSeconds(1), Duration.ofMinutes(1), 1.0, 20, 25.0, 5, Duration.ofSeconds(5), null);
        }

        public Settings withGiveUpAfter(Duration d) {
            return new Settings(d, pollInterval, lease, backoffBase, backoffCap, perChatPerSecond,
                    perGroupPerMinute, overallPerSecond, overallBurst, drainOnStop, instanceId);
        }

        public Settings withPollInterval(Duration d) {
            return new Settings(giveUpAfter, d, lease, backoffBase, backoffCap, perChatPerSecond,
                    perGroupPerMinute, overallPerSecond, overallBurst, drainOnStop, instanceId);
        }

        public Settings withLease(Duration d) {
            return new Settings(giveUpAfter, pollInterval, d, backoffBase, backoffCap, perChatPerSecond,
                    perGroupPerMinute, overallPerSecond, overallBurst, drainOnStop, instanceId);
        }

        public Settings withBackoff(Duration base, Duration cap) {
            return new Settings(giveUpAfter, pollInterval, lease, base, cap, perChatPerSecond,
                    perGroupPerMinute, overallPerSecond, overallBurst, drainOnStop, instanceId);
        }

        public Settings withRates(double perChatPerSecond, int perGroupPerMinute, double overallPerSecond,
                int overallBurst) {
            return new Settings(giveUpAfter, pollInterval, lease, backoffBase, backoffCap, perChatPerSecond,
                    perGroupPerMinute, overallPerSecond, overallBurst, drainOnStop, instanceId);
        }

        public Settings withDrainOnStop(Duration d) {
            return new Settings(giveUpAfter, pollInterval, lease, backoffBase, backoffCap, perChatPerSecond,
                    perGroupPerMinute, overallPerSecond, overallBurst, d, instanceId);
        }

        public Settings withInstanceId(String id) {
            return new Settings(giveUpAfter, pollInterval, lease, backoffBase, backoffCap, perChatPerSecond,
                    perGroupPerMinute, overallPerSecond, overallBurst, drainOnStop, id);
        }
    }

    /**
     * Which of a chat's pending messages go first when its rate limit holds some back: all of
     * {@code HIGH}, oldest first, then all of {@code NORMAL}, then {@code LOW}. An edit keeps the
     * order of the message it changes: it never overtakes that message or an earlier edit of it (a
     * later edit of a higher priority takes them along).
     */
    public enum Priority {
        /** An answer to what someone just did (a command, a draft, a button). */
        HIGH,
        /** The default: cards that need attention, nudges, notices. */
        NORMAL,
        /** What can wait: cards of comments that need nothing. */
        LOW
    }

    /** How many rows are in each state: for tests, benchmarks and a health line. */
    public record Counts(long pending, long sent, long failed) {
    }

    private final Database db;
    private final Clock clock;
    private final Settings settings;
    private final OutboxStore store;
    private final Dispatcher dispatcher;
    private Thread thread;

    public Outbox(Database db, BotApi api, OutboxListener listener, Clock clock, Settings settings) {
        this(db, api, listener, clock, settings, RandomGenerator.getDefault());
    }

    Outbox(Database db, BotApi api, OutboxListener listener, Clock clock, Settings settings,
            RandomGenerator random) {
        this.db = Objects.requireNonNull(db, "db");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.store = new OutboxStore(db, new Payloads());
        String instance = settings.instanceId() != null ? settings.instanceId()
                : "replydesk-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
        this.dispatcher = new Dispatcher(store, Objects.requireNonNull(api, "api"),
                Objects.requireNonNull(listener, "listener"), clock, settings, instance,
                new Backoff(settings.backoffBase(), settings.backoffCap(), random));
    }

    /**
     * Queues {@code message} inside the caller's transaction {@code tx}: it is sent only if that
     * transaction commits, and then at least once. A {@link Outgoing.Send} longer than 4096
     * characters becomes several rows, one per part. The thread is woken at once; it sees the row
     * as soon as {@code tx} commits.
     *
     * @param correlation the caller's tag for this message (at most 256 characters, may be null),
     *     handed back to the {@link OutboxListener}
     * @return the row's id (for a split text, its last part's, which carries the keyboard): the id
     *     the listener reports and {@link MessageRef#outboxRow} refers to
     * @throws StorageException when the store fails
     * @throws IllegalArgumentException for an edit of a row of another chat, or a too long tag
     */
    public long enqueue(Connection tx, Outgoing message, String correlation) {
        return enqueue(tx, message, correlation, Priority.NORMAL);
    }

    /**
     * Queues {@code message} like {@link #enqueue(Connection, Outgoing, String)}, in the lane of
     * {@code priority}: a low-priority card waits while its chat has normal messages to send.
     */
    public long enqueue(Connection tx, Outgoing message, String correlation, Priority priority) {
        Objects.requireNonNull(tx, "tx");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(priority, "priority");
        if (correlation != null && correlation.length() > 256) {
            throw new IllegalArgumentException("correlation longer than 256 characters: " + correlation);
        }
        Instant now = clock.instant();
        int lane = priority.ordinal();
        try {
            Long root = null;
            if (message instanceof Outgoing.Edit e) {
                if (e.target() instanceof MessageRef.OutboxRow r) {
                    Long chat = store.chatOf(tx, r.outboxId());
                    if (chat == null || chat != e.chatId()) {
                        throw new IllegalArgumentException("an edit of outbox row " + r.outboxId()
                                + " must go to that row's chat (" + chat + "), not " + e.chatId());
                    }
                }
                root = store.rootOf(tx, e);
                if (root != null) {
                    store.promote(tx, e.chatId(), root, lane);
                }
            }
            long id;
            // never more visible characters than characters: most texts need no measuring
            if (message instanceof Outgoing.Send s && s.html().length() > Outgoing.MAX_TEXT
                    && TelegramHtml.visibleLength(s.html()) > Outgoing.MAX_TEXT) {
                List<String> parts = TelegramHtml.split(s.html(), Outgoing.MAX_TEXT);
                List<Long> ids = new ArrayList<>(parts.size());
                for (int i = 0; i < parts.size(); i++) {
                    boolean last = i == parts.size() - 1;
                    ids.add(store.insert(tx, new Outgoing.Send(s.chatId(), s.threadId(), parts.get(i),
                            s.replyToMessageId(), last ? s.keyboard() : null), correlation, now, lane, null));
                }
                store.markParts(tx, ids);
                id = ids.get(ids.size() - 1);
            } else {
                id = store.insert(tx, message, correlation, now, lane, root);
            }
            dispatcher.hint(message.chatId(), id, lane);
            return id;
        } catch (SQLException e) {
            throw new StorageException("cannot queue a message: " + e.getMessage(), e);
        }
    }

    /**
     * The text message {@code messageId} of chat {@code chatId} shows now: the HTML the outbox last
     * sent or put there by an edit. Empty when the outbox does not know it (it did not send it, or
     * has not recorded it yet). For changing a message in place without losing what it said.
     *
     * @throws StorageException when the store fails
     */
    public java.util.Optional<String> shownHtml(Connection tx, long chatId, long messageId) {
        try {
            return java.util.Optional.ofNullable(store.shownHtml(tx, chatId, messageId));
        } catch (SQLException e) {
            throw new StorageException("cannot read a sent message: " + e.getMessage(), e);
        }
    }

    /**
     * {@code html} followed by {@code addition} (after a blank line) as one message: when the two do
     * not fit Telegram's {@value Outgoing#MAX_TEXT} characters, {@code html} is cut (never inside a
     * tag or an entity) and marked "…", so the addition is always read in full.
     */
    public static String withAddition(String html, String addition) {
        int room = Outgoing.MAX_TEXT - TelegramHtml.visibleLength(addition) - 3;
        String kept = html.strip();
        if (room < 2) {
            return addition;
        }
        if (TelegramHtml.visibleLength(kept) > room) {
            kept = TelegramHtml.split(kept, room - 2).get(0).strip() + "\n…";
        }
        return kept + "\n\n" + addition;
    }

    /** Queues {@code message} in a transaction of its own. */
    public long enqueue(Outgoing message, String correlation) {
        return db.inTransaction(c -> enqueue(c, message, correlation));
    }

    /** Starts the thread {@code replydesk-outbox}. Pending rows from before a restart go out again. */
    public synchronized void start() {
        if (thread != null) {
            return;
        }
        dispatcher.reset();
        thread = new Thread(dispatcher, "replydesk-outbox");
        thread.setDaemon(true);
        thread.start();
        log.info("outbox started ({})", dispatcher.instance());
    }

    /**
     * Stops the thread after sending what is due within {@link Settings#drainOnStop()}; what is
     * left stays pending for the next start. A call in flight is never cut short (its outcome
     * would be unknown): it ends by the {@link BotApi}'s own deadline.
     */
    public synchronized void stop() {
        Thread t = thread;
        if (t == null) {
            return;
        }
        dispatcher.requestStop(System.nanoTime() + settings.drainOnStop().toNanos());
        try {
            t.join(settings.drainOnStop().plus(settings.lease()).toMillis());
            if (t.isAlive()) {
                log.error("outbox thread did not stop in time; interrupting it");
                t.interrupt();
                t.join(5_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread = null;
        log.info("outbox stopped; {}", counts());
    }

    @Override
    public void close() {
        stop();
    }

    /** Wakes the thread, e.g. after committing a transaction that enqueued, or after moving a test clock. */
    public void wakeUp() {
        dispatcher.wakeUp();
    }

    /** Rows by state. */
    public Counts counts() {
        return store.counts();
    }
}
