package dev.replydesk.knowledge;

import dev.replydesk.language.Lang;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a {@link Suggester} in step with its knowledge-base folder and its rule files
 * ({@code config/knowledge/}: synonyms and word lists): a saved, added or removed entry or rule
 * file is in use well within a second, while searches go on undisturbed on the previous
 * snapshot. A file that becomes broken keeps its last good version; its problems go to the
 * listener once (again only when they change), e.g. for the bot to tell the editors.
 *
 * <p>One named daemon thread, {@code kb-watcher}; {@link #start()} and {@link #stop()} are
 * explicit.
 */
public final class KnowledgeWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KnowledgeWatcher.class);
    /** How long to wait for more events after one arrives, so one save is one reload. */
    private static final long SETTLE_MILLIS = 30;

    private final Suggester suggester;
    private final Consumer<List<Problem>> onProblems;
    private final Path dir;
    /** The folder of the rule files, or null when the suggester has none to watch. */
    private final Path rulesDir;
    private final Map<Path, List<Problem>> reported = new HashMap<>();
    private WatchService watcher;
    private Thread thread;

    /**
     * @param suggester  the suggester to keep up to date
     * @param onProblems told about a file's problems the first time they appear (called on the
     *                   watcher thread; keep it quick)
     */
    public KnowledgeWatcher(Suggester suggester, Consumer<List<Problem>> onProblems) {
        this.suggester = suggester;
        this.onProblems = onProblems;
        this.dir = suggester.knowledgeBase().dir();
        Path rules = suggester.rulesDir();
        this.rulesDir = rules != null && Files.isDirectory(rules) && !rules.equals(dir) ? rules : null;
    }

    /** Starts watching. Problems already present at start are reported once, as a first batch. */
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("already started");
        }
        try {
            watcher = FileSystems.getDefault().newWatchService();
            register(dir);
            for (Lang lang : Lang.values()) {
                Path sub = dir.resolve(lang.code());
                if (Files.isDirectory(sub)) {
                    register(sub);
                }
            }
            if (rulesDir != null) {
                register(rulesDir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot watch " + dir, e);
        }
        List<Problem> atStart = new java.util.ArrayList<>(suggester.knowledgeBase().problems());
        atStart.addAll(suggester.ruleProblems());
        reportNew(atStart);
        thread = new Thread(this::loop, "kb-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops watching and waits for the thread to end. */
    public synchronized void stop() {
        if (thread == null) {
            return;
        }
        try {
            watcher.close();
        } catch (IOException e) {
            LOG.warn("closing the knowledge-base watcher: {}", e.toString());
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread = null;
    }

    @Override
    public void close() {
        stop();
    }

    private void register(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            path.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_DELETE);
        }
    }

    private void loop() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                WatchKey key = watcher.take();
                Batch batch = new Batch();
                drain(key, batch);
                WatchKey more;
                while ((more = watcher.poll(SETTLE_MILLIS, TimeUnit.MILLISECONDS)) != null) {
                    drain(more, batch);
                }
                if (batch.rules) {
                    applyRules();
                }
                apply(batch.changed, batch.everything);
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            } catch (RuntimeException e) {
                // one bad reload must not stop the watching
                LOG.error("knowledge-base reload failed", e);
            }
        }
    }

    /** What one burst of events touched. */
    private static final class Batch {
        final Set<Path> changed = new LinkedHashSet<>();
        /** Everything must be re-read. */
        boolean everything;
        /** A rule file changed. */
        boolean rules;
    }

    /** Collects what an event batch touched. */
    private void drain(WatchKey key, Batch batch) {
        Path base = (Path) key.watchable();
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                batch.everything = true;
                batch.rules |= base.equals(rulesDir);
                continue;
            }
            Path path = base.resolve((Path) event.context());
            if (base.equals(rulesDir)) {
                batch.rules |= Rules.FILES.contains(path.getFileName().toString());
            } else if (base.equals(dir)) {
                // a language folder appeared, went or was replaced: start over
                if (Files.isDirectory(path) || KnowledgeBase.langOfFolder(path.getFileName().toString()).isPresent()) {
                    batch.everything = true;
                    try {
                        register(path);
                    } catch (IOException e) {
                        LOG.warn("cannot watch {}: {}", path, e.toString());
                    }
                }
            } else if (KnowledgeBase.isMarkdown(path)) {
                batch.changed.add(path);
            }
        }
        key.reset();
    }

    /** Re-reads the rule files; a file that is fine again may be reported again when it breaks. */
    private void applyRules() {
        List<Problem> problems = suggester.reloadRules();
        Set<Path> withProblems = new java.util.HashSet<>();
        problems.forEach(p -> withProblems.add(p.file()));
        for (String name : Rules.FILES) {
            Path file = rulesDir.resolve(name);
            if (!withProblems.contains(file)) {
                reported.remove(file);
            }
        }
        reportNew(problems);
    }

    private void apply(Set<Path> changed, boolean everything) {
        if (everything) {
            List<Problem> problems = suggester.reloadAll();
            Set<Path> withProblems = new java.util.HashSet<>(problems.stream().map(Problem::file).toList());
            // the rule files were not re-read here: what was told about them still stands
            reported.keySet().removeIf(f -> !withProblems.contains(f)
                    && (rulesDir == null || !rulesDir.equals(f.getParent())));
            reportNew(problems);
            return;
        }
        if (changed.isEmpty()) {
            return;
        }
        List<Problem> problems = suggester.reload(changed);
        Set<Path> withProblems = new java.util.HashSet<>();
        problems.forEach(p -> withProblems.add(p.file()));
        for (Path file : changed) {
            if (!withProblems.contains(file)) {
                reported.remove(file);
            }
        }
        reportNew(problems);
    }

    /** Tells the listener about each file's problems unless exactly those were told before. */
    private void reportNew(List<Problem> problems) {
        Map<Path, List<Problem>> byFile = new HashMap<>();
        for (Problem p : problems) {
            byFile.computeIfAbsent(p.file(), f -> new java.util.ArrayList<>()).add(p);
        }
        List<Problem> fresh = new java.util.ArrayList<>();
        byFile.forEach((file, list) -> {
            if (!list.equals(reported.get(file))) {
                reported.put(file, List.copyOf(list));
                fresh.addAll(list);
            }
        });
        if (!fresh.isEmpty()) {
            try {
                onProblems.accept(List.copyOf(fresh));
            } catch (RuntimeException e) {
                LOG.error("knowledge-base problem listener failed", e);
            }
        }
    }
}
