package dev.replydesk.app;

import dev.replydesk.config.ReplydeskConfig;
import dev.replydesk.config.ReviewCheckName;
import dev.replydesk.digest.DigestScheduler;
import dev.replydesk.digest.DigestSink;
import dev.replydesk.inbox.Analysis;
import dev.replydesk.inbox.CommandExtension;
import dev.replydesk.inbox.DraftChecker;
import dev.replydesk.inbox.Html;
import dev.replydesk.inbox.Intake;
import dev.replydesk.knowledge.Entry;
import dev.replydesk.knowledge.Explanation;
import dev.replydesk.knowledge.GapGroup;
import dev.replydesk.knowledge.KnowledgeWatcher;
import dev.replydesk.knowledge.Problem;
import dev.replydesk.knowledge.Suggester;
import dev.replydesk.knowledge.Suggestion;
import dev.replydesk.knowledge.Suggestions;
import dev.replydesk.language.Lang;
import dev.replydesk.language.LanguageDetector;
import dev.replydesk.language.Texts;
import dev.replydesk.outbox.Keyboard;
import dev.replydesk.outbox.Outbox;
import dev.replydesk.outbox.Outgoing;
import dev.replydesk.review.Check;
import dev.replydesk.review.Checklist;
import dev.replydesk.review.Reference;
import dev.replydesk.review.Review;
import dev.replydesk.review.Turn;
import dev.replydesk.storage.Database;
import dev.replydesk.triage.Triage;
import dev.replydesk.triage.Verdict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The judging features behind the inbox's seams: triage and the knowledge base behind the
 * {@link Analysis.Analyzer}, the reply checklist behind the {@link DraftChecker}, the digest
 * timer, and the commands they add (/kb, /digest, /export).
 */
final class Features implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Features.class);

    private final ReplydeskConfig config;
    private final Triage triage;
    private final Suggester suggester;
    private final AtomicBoolean checklistStarted = new AtomicBoolean();
    private final CompletableFuture<Checklist> checklist = new CompletableFuture<>();
    private final DigestScheduler digests;
    private final Texts texts;
    private final Database db;
    private final Outbox outbox;
    private final Clock clock;
    private KnowledgeWatcher watcher;

    private Features(ReplydeskConfig config, Triage triage, Suggester suggester, DigestScheduler digests, Texts texts, Database db, Outbox outbox, Clock clock) {
        this.clock = clock;
        this.db = db;
        this.outbox = outbox;
        this.config = config;
        this.triage = triage;
        this.suggester = suggester;
        this.digests = digests;
        this.texts = texts;
    }

    /** What the intake needs from files before it takes a comment: triage and the knowledge base. */
    record Loaded(Triage triage, Suggester suggester) {
    }

    /**
     * Starts loading triage and the knowledge base, each on a thread of its own, and returns at
     * once: the caller opens the store meanwhile. The knowledge base takes longest (reading,
     * analysing and indexing every entry); side by side, the start costs about its time alone.
     */
    static CompletableFuture<Loaded> loadAsync(ReplydeskConfig config) {
        Path rules = config.configDir();
        // the labels' reasons go on cards: in the moderators' chat's language
        Lang cardLanguage = config.moderators().chatLanguage();
        CompletableFuture<Triage> triageLoad = CompletableFuture.supplyAsync(() -> Files.isDirectory(
                rules.resolve("triage")) ? Triage.load(rules.resolve("triage"), cardLanguage)
                : Triage.defaults(cardLanguage), loader("replydesk-load-triage"));
        CompletableFuture<Suggester> kbLoad = CompletableFuture.supplyAsync(() -> {
            try {
                return Suggester.open(config.resolve(config.knowledgeBase().dir()),
                        config.knowledgeBase().defaultLanguage(), rules.resolve("knowledge"), new LanguageDetector(),
                        indexCache(config));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open the knowledge base: " + e.getMessage(), e);
            }
        }, loader("replydesk-load-kb"));
        return triageLoad.thenCombine(kbLoad, Loaded::new);
    }

    /**
     * Where the knowledge-base index is kept between starts: beside an H2 file store
     * ({@code ./data/replydesk} → {@code ./data/replydesk.kb-index}); null for any other store.
     */
    static Path indexCache(ReplydeskConfig config) {
        String url = config.storage().url();
        if (!url.startsWith("jdbc:h2:")) {
            return null;
        }
        String path = url.substring("jdbc:h2:".length());
        int options = path.indexOf(';');
        path = options >= 0 ? path.substring(0, options) : path;
        if (path.startsWith("file:")) {
            path = path.substring("file:".length());
        } else if (path.matches("[A-Za-z]{2,}:.*")) {
            return null; // mem:, tcp:, ssl:, zip:, ...
        }
        if (path.isBlank() || path.startsWith("~")) {
            return null;
        }
        return config.resolve(Path.of(path + ".kb-index"));
    }

    /** Runs one loading task on a daemon thread of its own, named for a thread dump. */
    private static java.util.concurrent.Executor loader(String name) {
        return task -> {
            Thread t = new Thread(task, name);
            t.setDaemon(true);
            t.start();
        };
    }

    /** Lets go of what {@code loading} loads, for a start that failed before using it. */
    static void discard(CompletableFuture<Loaded> loading) {
        loading.thenAccept(l -> l.suggester().close());
    }

    static Features load(ReplydeskConfig config, Database db, Outbox outbox, Texts texts, Clock clock) {
        return of(config, loadAsync(config), db, outbox, texts, clock);
    }

    /**
     * The features once {@code loading} is done (waits for it; a bad rule file throws its own
     * exception). The reply checklist is not loaded here: see {@link #loadChecklist()}.
     */
    static Features of(ReplydeskConfig config, CompletableFuture<Loaded> loading, Database db, Outbox outbox,
            Texts texts, Clock clock) {
        Loaded loaded = joinLoad(loading);
        Suggester suggester = loaded.suggester();
        suggester.knowledgeBase().problems().forEach(p -> log.warn("knowledge base: {}", p));
        DigestScheduler digests = new DigestScheduler(config, db, DigestSink.of(outbox), clock, suggester.gapGrouper());
        return new Features(config, loaded.triage(), suggester, digests, texts, db, outbox, clock);
    }

    /**
     * Loads the reply checklist (its rule files and the Ukrainian dictionary) unless it is loaded
     * or loading already. It checks moderators' drafts only, never a comment, so {@code run}
     * loads it once polling has started, not before; a draft that comes first waits for it.
     *
     * @throws RuntimeException a malformed rule file, naming the file and key
     */
    void loadChecklist() {
        if (checklistStarted.compareAndSet(false, true)) {
            Path rules = config.configDir();
            try {
                checklist.complete(Files.isDirectory(rules.resolve("review")) ? Checklist.load(rules.resolve("review"))
                        : Checklist.defaults());
            } catch (RuntimeException e) {
                checklist.completeExceptionally(e);
            }
        }
        joinLoad(checklist);
    }

    private Checklist checklist() {
        loadChecklist();
        return checklist.join();
    }

    /** The loaded value, or the loader's own exception (a bad rule file names itself). */
    private static <T> T joinLoad(CompletableFuture<T> load) {
        try {
            return load.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    Suggester suggester() {
        return suggester;
    }

    /**
     * Works out a batch's analyses ahead: {@code cores - 1} daemon threads, so that with the
     * poller storing the batch meanwhile every core has work.
     */
    private final java.util.concurrent.ExecutorService analysisPool = java.util.concurrent.Executors.newFixedThreadPool(
            Math.max(1, Runtime.getRuntime().availableProcessors() - 1), new java.util.concurrent.ThreadFactory() {
                private final java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();

                @Override
                public Thread newThread(Runnable r) {
                    Thread t = new Thread(r, "replydesk-analysis-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }
            });

    /** Triage labels the text, the knowledge base suggests answers; both are pure and cached. */
    Analysis.Analyzer analyzer() {
        return new Analysis.Analyzer() {
            /** Analyses of the batch at hand, worked out ahead by {@link #prepare}, each taken once. */
            private final Map<String, java.util.concurrent.FutureTask<Analysis>> prepared =
                    new java.util.concurrent.ConcurrentHashMap<>();

            @Override
            public Analysis analyze(String text) {
                java.util.concurrent.FutureTask<Analysis> ahead = prepared.remove(text);
                if (ahead != null) {
                    // works it out here unless a worker has started it already (then waits for that one)
                    ahead.run();
                    try {
                        return ahead.get();
                    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.CancellationException e) {
                        // analyzed again below, where a failure stays with its update
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return compute(text);
            }

            private Analysis compute(String text) {
                Verdict v = triage.classify(text);
                if (!v.label().needsAnswer() && !v.label().negative()) {
                    // praise, chatter, spam: nothing to answer, and their cards show no suggestions,
                    // so no search (a moderator's reply to one has it searched then)
                    return new Analysis(suggester.language(text), v.label().code(), false, false, v.reasons(),
                            List.of());
                }
                Suggestions s = suggester.suggest(text);
                return new Analysis(s.lang(), v.label().code(), v.label().negative(), v.label().needsAnswer(),
                        v.reasons(), suggested(s));
            }

            @Override
            public List<Analysis.Suggested> suggest(String text) {
                return suggested(suggester.suggest(text));
            }

            /**
             * A batch's texts go to the analysis threads in order and this returns at once: the
             * caller stores the first updates while the next ones are analyzed. The caller takes
             * each with {@link #analyze}, doing it itself if no worker has begun it yet.
             */
            @Override
            public void prepare(List<String> texts) {
                prepared.values().forEach(task -> task.cancel(false));
                prepared.clear();
                if (texts.size() > 1) {
                    for (String t : texts) {
                        java.util.concurrent.FutureTask<Analysis> task = new java.util.concurrent.FutureTask<>(
                                () -> compute(t));
                        if (prepared.putIfAbsent(t, task) == null) {
                            try {
                                analysisPool.execute(task);
                            } catch (java.util.concurrent.RejectedExecutionException e) {
                                prepared.remove(t); // closing: analyzed when handled
                            }
                        }
                    }
                }
            }
        };
    }

    private static List<Analysis.Suggested> suggested(Suggestions s) {
        List<Analysis.Suggested> out = new ArrayList<>();
        for (Suggestion item : s.items()) {
            out.add(new Analysis.Suggested(item.id(), item.title(), item.preview(), item.answer(), item.link(),
                    item.score(), item.lang(), item.fallback()));
        }
        return out;
    }

    /** The checklist, with the config's choice of which failures block and which only warn. */
    DraftChecker checker() {
        return (thread, draft, kbId, lang) -> {
            List<Turn> turns = thread.stream().map(t -> t.brand() ? Turn.brand(t.text()) : Turn.customer(t.text()))
                    .toList();
            // the entry in the language the checklist reads the draft in, as the review CLI does
            Checklist checklist = checklist();
            Lang draftLang = checklist.language(turns, draft);
            Optional<Reference> reference = kbId.flatMap(id -> suggester.knowledgeBase().entry(id, draftLang))
                    .map(Features::reference);
            // judged in the draft's language, explained in the moderator's
            Review review = checklist.check(turns, draft, reference, lang);
            Map<String, Boolean> checks = new LinkedHashMap<>();
            Map<String, String> reasons = new LinkedHashMap<>();
            List<String> blocking = new ArrayList<>();
            for (Check check : Check.values()) {
                ReviewCheckName name = ReviewCheckName.valueOf(check.name());
                if (!config.review().blocking().contains(name) && !config.review().warning().contains(name)) {
                    continue;
                }
                boolean passed = review.passed(check);
                checks.put(check.code(), passed);
                if (!passed) {
                    reasons.put(check.code(), review.reasons().getOrDefault(check, ""));
                    if (config.review().blocking().contains(name)) {
                        blocking.add(check.code());
                    }
                }
            }
            return new DraftChecker.Verdict(checks, reasons, blocking);
        };
    }

    private static Reference reference(Entry e) {
        return new Reference(e.id(), e.title(), e.answer(), e.link());
    }

    void registerCommands(Intake intake) {
        intake.registerCommand("/kb", command(CommandExtension.Audience.EDITORS, true, false,
                (c, user, args, lang) -> Optional.of(explain(args, lang))));
        intake.registerCommand("/kbgaps", command(CommandExtension.Audience.MODERATORS, true, true,
                (c, user, args, lang) -> Optional.of(gaps(c, lang))));
        intake.registerCommand("/digest", command(CommandExtension.Audience.MANAGERS, true, false, (c, user, args, lang) -> {
            digests.sendNow(c, user);
            return Optional.empty();
        }));
        intake.registerCommand("/export", command(CommandExtension.Audience.MANAGERS, true, false, (c, user, args, lang) -> {
            digests.exportFile(c, user, args); // queues the file, or a message saying how to ask
            return Optional.empty();
        }));
    }

    private interface Run {
        Optional<String> run(Connection c, long user, String args, Lang lang) throws SQLException;
    }

    private static CommandExtension command(CommandExtension.Audience audience, boolean inPrivate,
            boolean inModeratorsChat, Run run) {
        return new CommandExtension() {
            @Override
            public Audience audience() {
                return audience;
            }

            @Override
            public boolean inPrivate() {
                return inPrivate;
            }

            @Override
            public boolean inModeratorsChat() {
                return inModeratorsChat;
            }

            @Override
            public Optional<String> run(Connection c, long userId, long chatId, String args, Lang lang)
                    throws SQLException {
                return run.run(c, userId, args, lang);
            }
        };
    }

    /** Questions of the last 7 days that needed an answer and got no suggestion, grouped by likeness. */
    String gaps(Connection c, Lang lang) throws SQLException {
        List<String> texts = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT text FROM comment WHERE needs_answer = TRUE "
                + "AND suggestion_ids IS NULL AND sent_at >= ? ORDER BY sent_at")) {
            ps.setObject(1, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(7));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    texts.add(rs.getString(1));
                }
            }
        }
        List<GapGroup> groups = suggester.gapGrouper().group(texts, 10, 2);
        if (groups.isEmpty()) {
            return this.texts.get(lang, "kbgaps.none");
        }
        StringBuilder sb = new StringBuilder("<b>").append(this.texts.get(lang, "kbgaps.title", String.valueOf(texts.size())))
                .append("</b>\n");
        int i = 1;
        for (GapGroup g : groups) {
            sb.append(i++).append(". ").append(g.size()).append(" × <i>").append(Html.escape(String.join(", ", g.keywords())))
                    .append("</i>\n");
            for (String example : g.examples()) {
                String one = example.replaceAll("\\s+", " ").strip();
                sb.append("   — ").append(Html.escape(one.length() > 120 ? one.substring(0, 119) + "…" : one)).append('\n');
            }
        }
        return sb.toString().strip();
    }

    /** What the knowledge base would suggest for a text, with scores and the words that matched. */
    String explain(String text, Lang lang) {
        if (text.isBlank()) {
            return texts.get(lang, "kb.usage");
        }
        Explanation e = suggester.explain(text);
        StringBuilder sb = new StringBuilder();
        sb.append(texts.get(lang, "kb.language", e.lang().code())).append(" · ")
                .append(texts.get(lang, "kb.threshold", String.format(Locale.ROOT, "%.2f", e.threshold()))).append('\n');
        if (e.items().stream().noneMatch(Explanation.Item::shown)) {
            sb.append(texts.get(lang, "kb.nothing")).append('\n');
        }
        int i = 1;
        for (Explanation.Item item : e.items().stream().limit(5).toList()) {
            sb.append(item.shown() ? "✅ " : "▫️ ").append(i++).append(". <b>").append(Html.escape(item.title()))
                    .append("</b> <code>").append(Html.escape(item.id())).append("</code> ")
                    .append(String.format(Locale.ROOT, "%.2f", item.score())).append('\n');
            if (!item.matched().isEmpty()) {
                sb.append("   ").append(texts.get(lang, "kb.matched", Html.escape(item.matched().stream()
                        .map(m -> m.how() == null || m.how().isBlank() ? m.word() : m.word() + " (" + how(m.how(), lang) + ")")
                        .collect(java.util.stream.Collectors.joining(", "))))).append('\n');
            }
        }
        return sb.toString().strip();
    }

    /** How a word matched ("word", "synonym", "other language", ...) in the reader's language. */
    private String how(String how, Lang lang) {
        String key = "kb.how." + how.replace(' ', '_');
        return texts.has(lang, key) ? texts.get(lang, key) : how;
    }

    /** Starts the knowledge-base watcher: saved files are live within a second. */
    void start() {
        watcher = new KnowledgeWatcher(suggester, this::tellEditors);
        watcher.start();
    }

    /** A broken knowledge-base file: the last good version stays in use; editors hear of it once. */
    private void tellEditors(List<Problem> problems) {
        if (problems.isEmpty()) {
            return;
        }
        problems.forEach(p -> log.warn("knowledge base: {}", p));
        try {
            db.inTransaction(c -> {
                for (long editor : config.editors().users()) {
                    Lang lang = editorLanguage(editor);
                    StringBuilder sb = new StringBuilder("📚 ").append(texts.get(lang, "kb.problems")).append('\n');
                    problems.stream().limit(20).forEach(p -> sb.append("• <code>")
                            .append(Html.escape(relative(p))).append("</code> ").append(Html.escape(p.message(lang)))
                            .append('\n'));
                    outbox.enqueue(c, new Outgoing.Send(editor, null, sb.toString().strip(), null, Keyboard.NONE),
                            "kbproblems");
                }
                return null;
            });
        } catch (RuntimeException e) {
            log.error("could not tell the editors about knowledge-base problems: {}", e.toString());
        }
    }

    /**
     * The language an editor reads: theirs when the config gives one ({@code managers.languages},
     * {@code moderators.languages}, {@code editors.languages}), else the moderators' chat's.
     */
    private Lang editorLanguage(long editor) {
        return config.configuredLanguage(editor).orElse(config.moderators().chatLanguage());
    }

    private String relative(Problem p) {
        Path dir = suggester.knowledgeBase().dir();
        Path file = p.file().startsWith(dir) ? dir.relativize(p.file()) : p.file();
        return file + ":" + p.line();
    }

    void tick() {
        try {
            digests.tick();
        } catch (RuntimeException e) {
            log.error("digest tick failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        analysisPool.shutdown();
        if (watcher != null) {
            watcher.close();
        }
        suggester.close();
    }
}
