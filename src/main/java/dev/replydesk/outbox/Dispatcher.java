package dev.replydesk.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loop of the outbox thread: keeps the head (first pending row: lowest lane, then oldest) of
 * every chat in memory,
 * picks the one that is due first under the rate limits, claims it, sends it, records the outcome.
 *
 * <p>The heads are re-read in full every poll interval; in between, a chat's head is re-read after
 * each of its rows is handled, and an enqueue hints its chat so a new chat is picked up at once
 * (rechecked for a moment, since the hint comes before the enqueuing transaction commits).
 */
final class Dispatcher implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    private static final long HINT_PATIENCE_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final long HINT_RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final OutboxStore store;
    private final BotApi api;
    private final OutboxListener listener;
    private final Clock clock;
    private final Outbox.Settings settings;
    private final String instance;
    private final Backoff backoff;
    private final Payloads payloads = new Payloads();

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private boolean signalled;
    private volatile boolean stopping;
    private volatile long drainDeadline;

    private final ConcurrentLinkedQueue<long[]> hints = new ConcurrentLinkedQueue<>();
    /**
     * chat -> {highest hinted id, nanoTime first seen, lane of that row}; only chats whose hint is
     * not yet visible.
     */
    private final Map<Long, long[]> unresolved = new HashMap<>();
    private Map<Long, OutboxStore.Head> heads;
    private long lastFullRead;
    private final Map<Long, TokenBucket> perChat = new HashMap<>();
    private final Map<Long, TokenBucket> perGroup = new HashMap<>();
    private final TokenBucket overall;
    /** Outcomes Telegram gave that the store could not record yet (it was down): retried first. */
    private final Deque<Runnable> unrecorded = new ArrayDeque<>();

    Dispatcher(OutboxStore store, BotApi api, OutboxListener listener, Clock clock, Outbox.Settings settings,
            String instance, Backoff backoff) {
        this.store = store;
        this.api = api;
        this.listener = listener;
        this.clock = clock;
        this.settings = settings;
        this.instance = instance;
        this.backoff = backoff;
        this.overall = TokenBucket.perSecond(settings.overallPerSecond(), settings.overallBurst());
    }

    String instance() {
        return instance;
    }

    void hint(long chatId, long id, int lane) {
        hints.add(new long[] {chatId, id, lane});
        wakeUp();
    }

    void wakeUp() {
        lock.lock();
        try {
            signalled = true;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    void reset() {
        stopping = false;
        heads = null;
    }

    void requestStop(long deadlineNanos) {
        drainDeadline = deadlineNanos;
        stopping = true;
        wakeUp();
    }

    @Override
    public void run() {
        try {
            int released = store.releaseClaims(instance);
            if (released > 0) {
                log.warn("outbox: took back {} rows this instance ({}) had claimed before it stopped",
                        released, instance);
            }
        } catch (RuntimeException e) {
            log.error("outbox: cannot release old claims: {}", e.getMessage());
        }
        while (true) {
            try {
                if (!flushUnrecorded()) {
                    if (stopping && System.nanoTime() > drainDeadline) {
                        log.error("outbox: stopping with {} outcomes unrecorded (the store is failing); "
                                + "those rows will be sent again when their lease runs out", unrecorded.size());
                        return;
                    }
                    sleep(settings.pollInterval().toNanos());
                    continue;
                }
                long t = System.nanoTime();
                if (heads == null || t - lastFullRead >= settings.pollInterval().toNanos()) {
                    readAllHeads(t);
                }
                long hintWait = absorbHints();
                Instant now = clock.instant();
                Pick pick = pick(now);
                if (stopping) {
                    long left = drainDeadline - System.nanoTime();
                    if (pick == null || left <= 0
                            || Duration.between(now, pick.readyAt()).toNanos() > left) {
                        return;
                    }
                }
                if (pick == null || pick.readyAt().isAfter(now)) {
                    long wait = settings.pollInterval().toNanos();
                    if (pick != null) {
                        wait = Math.min(wait, Math.max(1, Duration.between(now, pick.readyAt()).toNanos()));
                    }
                    sleep(Math.min(wait, hintWait));
                    continue;
                }
                attempt(pick.head(), now);
            } catch (RuntimeException e) {
                log.error("outbox: {}", e.toString(), e);
                heads = null;
                sleep(settings.pollInterval().toNanos());
            } catch (Error e) {
                log.error("outbox thread dies: {}", e.toString(), e);
                throw e;
            }
        }
    }

    private record Pick(OutboxStore.Head head, Instant readyAt) {
    }

    private Pick pick(Instant now) {
        Pick best = null;
        Instant overallReady = overall.readyAt(now);
        for (OutboxStore.Head h : heads.values()) {
            Instant ready = h.nextAttemptAt();
            if (h.claimedUntil() != null && h.claimedUntil().isAfter(now)) {
                ready = later(ready, h.claimedUntil());
            }
            TokenBucket chat = perChat.get(h.chatId());
            if (chat != null) {
                ready = later(ready, chat.readyAt(now));
            }
            TokenBucket group = perGroup.get(h.chatId());
            if (group != null) {
                ready = later(ready, group.readyAt(now));
            }
            ready = later(ready, overallReady);
            if (best == null || ready.isBefore(best.readyAt())
                    || (ready.equals(best.readyAt()) && h.id() < best.head().id())) {
                best = new Pick(h, ready);
            }
        }
        return best;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private void attempt(OutboxStore.Head head, Instant now) {
        OutboxStore.Row row = store.claim(head.id(), instance, now, now.plus(settings.lease()));
        if (row == null) {
            refreshChat(head.chatId());
            return;
        }
        Outgoing message = row.message();
        Long target = null;
        String markup = null;
        if (message instanceof Outgoing.Edit e) {
            if (e.target() instanceof MessageRef.OutboxRow ref) {
                OutboxStore.Target t = store.target(ref.outboxId());
                if (t == null || OutboxStore.FAILED.equals(t.status())) {
                    record(() -> fail(row, "the message to edit was never sent (outbox row " + ref.outboxId()
                            + (t == null ? " does not exist" : " failed: " + t.error()) + ")", now));
                    refreshChat(row.chatId());
                    return;
                }
                if (!OutboxStore.SENT.equals(t.status())) {
                    record(() -> store.retry(row, now.plusSeconds(1), row.failures(),
                            "waiting for outbox row " + ref.outboxId(), instance));
                    refreshChat(row.chatId());
                    return;
                }
                target = t.messageId();
            } else {
                target = ((MessageRef.Message) e.target()).messageId();
            }
            Keyboard keyboard = e.keyboard();
            if (keyboard == null) {
                keyboard = store.lastMarkup(row.chatId(), target);
                if (keyboard != null) {
                    message = new Outgoing.Edit(e.chatId(), e.target(), e.html(), keyboard);
                }
            }
            markup = payloads.keyboardJson(keyboard == null ? Keyboard.NONE : keyboard);
        } else if (message instanceof Outgoing.Send s) {
            markup = payloads.keyboardJson(s.keyboard() == null ? Keyboard.NONE : s.keyboard());
        }
        take(row.chatId(), now);
        SendResult result;
        try {
            result = api.execute(message, target);
        } catch (RuntimeException ex) {
            result = new SendResult.Unavailable("the Bot API client failed: " + ex);
        }
        Instant after = clock.instant();
        SendResult r = result;
        String m = markup;
        record(() -> outcome(row, r, m, after));
        refreshChat(row.chatId());
    }

    private void outcome(OutboxStore.Row row, SendResult result, String markup, Instant now) {
        switch (result) {
            case SendResult.Sent s -> {
                store.markSent(row, s.messageId(), markup, now, instance, listener);
                log.debug("outbox row {} sent to chat {} as message {}", row.id(), row.chatId(), s.messageId());
            }
            case SendResult.RetryAfter r -> {
                if (pastBound(row, now)) {
                    fail(row, "gave up after " + settings.giveUpAfter() + ": still told to wait (429, retry after "
                            + r.delay().toSeconds() + " s)", now);
                } else {
                    log.warn("outbox row {}: chat {} is rate limited (429), waiting exactly {} s", row.id(),
                            row.chatId(), r.delay().toSeconds());
                    store.retry(row, now.plus(r.delay()), row.failures(),
                            "429: retry after " + r.delay().toSeconds() + " s", instance);
                }
            }
            case SendResult.Unavailable u -> {
                int failures = row.failures() + 1;
                if (pastBound(row, now)) {
                    fail(row, "gave up after " + settings.giveUpAfter() + " of retries (" + failures
                            + " failures): " + u.reason(), now);
                } else {
                    Duration wait = backoff.after(failures);
                    log.warn("outbox row {} to chat {} failed ({}), retry {} in {} ms", row.id(), row.chatId(),
                            u.reason(), failures, wait.toMillis());
                    store.retry(row, now.plus(wait), failures, u.reason(), instance);
                }
            }
            case SendResult.Rejected r -> fail(row, r.reason(), now);
        }
    }

    private boolean pastBound(OutboxStore.Row row, Instant now) {
        Instant first = row.firstAttemptAt() == null ? now : row.firstAttemptAt();
        return !now.isBefore(first.plus(settings.giveUpAfter()));
    }

    private void fail(OutboxStore.Row row, String reason, Instant now) {
        log.error("outbox: GAVE UP on row {} to chat {} ({}): {}", row.logicalId(), row.chatId(),
                row.correlation(), reason);
        store.fail(row, reason, now, listener);
    }

    private void take(long chatId, Instant now) {
        perChat.computeIfAbsent(chatId, k -> TokenBucket.perSecond(settings.perChatPerSecond(), 1)).take(now);
        if (chatId < 0) {
            perGroup.computeIfAbsent(chatId, k -> new TokenBucket(
                    Duration.ofMinutes(1).dividedBy(settings.perGroupPerMinute()), 1)).take(now);
        }
        overall.take(now);
    }

    /** Records an outcome now, or keeps it to retry first thing if the store fails. */
    private void record(Runnable write) {
        try {
            write.run();
        } catch (RuntimeException e) {
            log.error("outbox: cannot record an outcome, will retry: {}", e.getMessage());
            unrecorded.add(write);
        }
    }

    private boolean flushUnrecorded() {
        while (!unrecorded.isEmpty()) {
            try {
                unrecorded.peek().run();
                unrecorded.poll();
            } catch (RuntimeException e) {
                log.error("outbox: the store still fails: {}", e.getMessage());
                return false;
            }
        }
        return true;
    }

    private void readAllHeads(long nanoNow) {
        heads = store.heads();
        lastFullRead = nanoNow;
        Instant now = clock.instant();
        perChat.values().removeIf(b -> b.idle(now));
        perGroup.values().removeIf(b -> b.idle(now));
    }

    private void refreshChat(long chatId) {
        OutboxStore.Head h = store.head(chatId);
        if (h == null) {
            heads.remove(chatId);
        } else {
            heads.put(chatId, h);
        }
    }

    /**
     * Takes in the chats enqueues hinted at. Returns how long to sleep at most before looking again
     * at hints whose rows are not visible yet (their transaction has not committed).
     */
    private long absorbHints() {
        long[] h;
        while ((h = hints.poll()) != null) {
            OutboxStore.Head known = heads.get(h[0]);
            if (known != null && known.atOrBefore((int) h[2], h[1])) {
                continue;
            }
            long[] u = unresolved.get(h[0]);
            if (u == null) {
                unresolved.put(h[0], new long[] {h[1], System.nanoTime(), h[2]});
            } else if (h[1] > u[0]) {
                u[0] = h[1];
                u[2] = h[2];
            }
        }
        if (unresolved.isEmpty()) {
            return Long.MAX_VALUE;
        }
        long t = System.nanoTime();
        for (Iterator<Map.Entry<Long, long[]>> it = unresolved.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Long, long[]> e = it.next();
            long chatId = e.getKey();
            // visible first, head second: a commit between the two cannot hide the row
            boolean visible = store.exists(e.getValue()[0]);
            OutboxStore.Head head = store.head(chatId);
            if (head != null) {
                heads.put(chatId, head);
            }
            if (visible || (head != null && head.atOrBefore((int) e.getValue()[2], e.getValue()[0]))
                    || t - e.getValue()[1] > HINT_PATIENCE_NANOS) {
                it.remove();
            }
        }
        return unresolved.isEmpty() ? Long.MAX_VALUE : HINT_RECHECK_NANOS;
    }

    private void sleep(long nanos) {
        lock.lock();
        try {
            if (!signalled) {
                wake.awaitNanos(nanos);
            }
            signalled = false;
        } catch (InterruptedException e) {
            drainDeadline = System.nanoTime();
            stopping = true;
        } finally {
            lock.unlock();
        }
    }
}
