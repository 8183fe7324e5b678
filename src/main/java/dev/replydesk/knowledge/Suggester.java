package dev.replydesk.knowledge;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.replydesk.language.Lang;
import dev.replydesk.language.LanguageDetector;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/**
 * Suggests knowledge-base answers for a comment, in the comment's language where the entry has
 * it. Searches never block: each runs on an immutable snapshot of the index and the rule files it
 * was built with, and a reload (of entries or of the rule files) swaps in a new one atomically.
 * Repeated comments are answered from a cache that a reload invalidates. Thread-safe.
 */
public final class Suggester implements AutoCloseable {
    private static final Pattern WORD = Pattern.compile("[\\p{L}']+");

    private final LanguageDetector detector;
    private final Ranker.Tuning tuning;
    private final Path rulesDir;
    private final List<Problem> startProblems;
    private final Object writeLock = new Object();
    private final AtomicReference<Live> current = new AtomicReference<>();
    private final Cache<Key, Suggestions> cache = Caffeine.newBuilder().maximumSize(10_000).build();
    private SearchIndex index;
    /** The index kept on disk between starts, or null; dropped when a reload changes the index. */
    private final IndexCache indexCache;
    private final boolean indexFromCache;
    /** Writes the index built at start to the cache; null once done, or when there is nothing to write. */
    private Runnable pendingCacheWrite;

    private record Key(long generation, String text) {
    }

    /** The rule files as searches use them: the rules, and the analysis and ranking built from them. */
    private record Reading(Rules rules, TextAnalyzer analyzer, Ranker ranker) {
        static Reading of(Rules rules, Ranker.Tuning tuning) {
            TextAnalyzer analyzer = new TextAnalyzer(rules.synonyms(), rules.ignored(), rules.weak());
            return new Reading(rules, analyzer, new Ranker(analyzer, tuning));
        }
    }

    /** What a search uses, swapped as one: an index snapshot and the reading it was built with. */
    private record Live(SearchIndex.Snapshot snap, Reading reading) {
    }

    Suggester(KnowledgeBase kb, Rules rules, LanguageDetector detector, Ranker.Tuning tuning) {
        this(kb, rules, null, detector, tuning, null, null);
    }

    /**
     * @param indexCache where the index is kept between starts, or null
     * @param ruleTexts  the rule files' text {@code rules} were read from (part of the cache's key)
     */
    private Suggester(KnowledgeBase kb, Rules rules, Path rulesDir, LanguageDetector detector, Ranker.Tuning tuning,
            IndexCache indexCache, String ruleTexts) {
        this.detector = detector;
        this.tuning = tuning;
        this.rulesDir = rulesDir;
        this.indexCache = indexCache;
        this.startProblems = rulesDir == null ? List.of() : rules.problems(rulesDir);
        Reading reading = Reading.of(rules, tuning);
        SearchIndex.Built built = indexCache == null || ruleTexts == null
                ? SearchIndex.build(kb, reading.analyzer(), 1)
                : SearchIndex.open(kb, reading.analyzer(), indexCache, () -> indexCache.key(ruleTexts, kb));
        this.index = built.index();
        this.indexFromCache = built.fromCache();
        this.pendingCacheWrite = built.toCache();
        this.current.set(new Live(built.snapshot(), reading));
    }

    /** Whether the index was read back from the index cache at start rather than built. */
    boolean indexFromCache() {
        return indexFromCache;
    }

    /**
     * Loads the knowledge base in {@code kbDir} (broken files skipped, see
     * {@link KnowledgeBase#problems()}) with the rule files of {@code config/knowledge/}, or the
     * built-in ones when that folder is missing.
     */
    public static Suggester open(Path kbDir, LanguageDetector detector) throws IOException {
        return open(kbDir, Rules.DEFAULT_DIR, detector);
    }

    /** As {@link #open(Path, LanguageDetector)}, with the rule files from {@code rulesDir}. */
    public static Suggester open(Path kbDir, Path rulesDir, LanguageDetector detector) throws IOException {
        return open(kbDir, Lang.DEFAULT, rulesDir, detector);
    }

    /**
     * As {@link #open(Path, Path, LanguageDetector)}, with {@code defaultLanguage}
     * ({@code knowledge-base.default-language}) as the language every entry must exist in and
     * suggestions fall back to.
     */
    public static Suggester open(Path kbDir, Lang defaultLanguage, Path rulesDir, LanguageDetector detector)
            throws IOException {
        return of(KnowledgeBase.load(kbDir, defaultLanguage), rulesDir, detector);
    }

    /**
     * As {@link #open(Path, Lang, Path, LanguageDetector)}, keeping the index in {@code indexCache}
     * (a file, e.g. beside the store) between starts: a restart with the same entries, rule files
     * and jar reads it back instead of indexing every entry. Outside a jar there is no cache.
     */
    public static Suggester open(Path kbDir, Lang defaultLanguage, Path rulesDir, LanguageDetector detector,
            Path indexCache) throws IOException {
        KnowledgeBase kb = KnowledgeBase.load(kbDir, defaultLanguage);
        return of(kb, rulesDir, detector, indexCache == null ? null : IndexCache.at(indexCache).orElse(null));
    }

    /** Suggestions for an already loaded knowledge base, with the given rule files. */
    public static Suggester of(KnowledgeBase kb, Path rulesDir, LanguageDetector detector) throws IOException {
        return of(kb, rulesDir, detector, null);
    }

    /** As {@link #of(KnowledgeBase, Path, LanguageDetector)}, with the index kept in {@code cache} (or null). */
    static Suggester of(KnowledgeBase kb, Path rulesDir, LanguageDetector detector, IndexCache cache) throws IOException {
        if (cache == null) {
            return new Suggester(kb, Rules.load(rulesDir), rulesDir, detector, Ranker.Tuning.DEFAULT, null, null);
        }
        // the key takes the rule files' text: read it around the rules, so a file saved meanwhile
        // can never leave a cache keyed by a text other than the one the index was built with
        String before = Rules.texts(rulesDir);
        Rules rules = Rules.load(rulesDir);
        String after = Rules.texts(rulesDir);
        return new Suggester(kb, rules, rulesDir, detector, Ranker.Tuning.DEFAULT, cache,
                before.equals(after) ? before : null);
    }

    /** The knowledge base searches currently use. */
    public KnowledgeBase knowledgeBase() {
        return current.get().snap().kb();
    }

    /** The folder of the rule files (synonyms and word lists), or null when built without one. */
    public Path rulesDir() {
        return rulesDir;
    }

    /** What was wrong with the rule files when this suggester was opened. */
    public List<Problem> ruleProblems() {
        return startProblems;
    }

    /** The language {@link #suggest} would take {@code text} to be in, without searching. */
    public Lang language(String text) {
        return detector.detect(text == null ? "" : text.strip());
    }

    /** Up to three answers for {@code text}, best first; none when nothing fits well enough. */
    public Suggestions suggest(String text) {
        String key = text == null ? "" : text.strip();
        Live live = acquire();
        try {
            return cache.get(new Key(live.snap().generation(), key), k -> compute(live, k.text()));
        } finally {
            live.snap().release();
        }
    }

    private Suggestions compute(Live live, String text) {
        SearchIndex.Snapshot snap = live.snap();
        Rules rules = live.reading().rules();
        Lang lang = detector.detect(text);
        if (isThanks(text, rules)) {
            return new Suggestions(lang, List.of());
        }
        Ranker.Ranking ranking = live.reading().ranker().rank(snap, text, lang);
        List<Ranker.Candidate> chosen = choose(ranking.candidates(), tuning);
        boolean wantsLink = asksForLink(text, rules);
        List<Suggestion> items = new ArrayList<>();
        for (Ranker.Candidate c : chosen) {
            Entry e = snap.kb().entry(c.id(), lang).orElse(null);
            if (e == null) {
                continue;
            }
            List<String> words = new ArrayList<>();
            for (Ranker.Match m : c.matches()) {
                words.add(m.word());
            }
            IndexedEntry.Version version = snap.entries().get(c.id()).versions().get(e.lang());
            items.add(new Suggestion(e.id(), round(c.score()), e.title(), version.preview(),
                    e.lang(), e.lang() != lang, e.answer(), wantsLink ? e.link() : null, words));
        }
        return new Suggestions(lang, items);
    }

    /** The ranking behind {@link #suggest(String)}, explained: scores and matched words. */
    public Explanation explain(String text) {
        String clean = text == null ? "" : text.strip();
        Live live = acquire();
        SearchIndex.Snapshot snap = live.snap();
        try {
            Lang lang = detector.detect(clean);
            boolean thanks = isThanks(clean, live.reading().rules());
            Ranker.Ranking ranking = live.reading().ranker().rank(snap, clean, lang);
            List<Ranker.Candidate> shown = thanks ? List.of() : choose(ranking.candidates(), tuning);
            List<Explanation.Item> items = new ArrayList<>();
            for (Ranker.Candidate c : ranking.candidates()) {
                if (items.size() == EXPLAINED) {
                    break;
                }
                Entry e = snap.kb().entry(c.id(), lang).orElse(null);
                if (e == null) {
                    continue;
                }
                List<Explanation.MatchedWord> words = new ArrayList<>();
                for (Ranker.Match m : c.matches()) {
                    words.add(new Explanation.MatchedWord(m.word(), m.how().label(), m.answerOnly()));
                }
                boolean isShown = shown.stream().anyMatch(x -> x.id().equals(c.id()));
                items.add(new Explanation.Item(c.id(), e.title(), round(c.score()), isShown, words));
            }
            List<String> words = ranking.query().words().stream().map(Analyzed.Word::surface).toList();
            return new Explanation(lang, words, tuning.minConfidence(), thanks, items);
        } finally {
            snap.release();
        }
    }

    /** A grouping of comments the knowledge base could not answer, with this suggester's analysis. */
    public GapGrouper gapGrouper() {
        return new GapGrouper(current.get().reading().analyzer(), detector);
    }

    private static final int EXPLAINED = 5;

    /**
     * The candidates worth showing. The best is shown when it is confident enough, or — a little
     * less confident — when it clearly stands out: well ahead of the runner-up and matched by a
     * telling word of the comment in its title or questions, not only by a typo guess, a weak word
     * or in its answer.
     * A comment that fits several entries about equally at that level is too vague to answer.
     * Further suggestions must be plausible on their own and not far behind the best; among
     * those, one that explains words of the comment the suggestions before it do not is
     * preferred to one that only repeats their evidence. Those shown are ordered best first.
     */
    static List<Ranker.Candidate> choose(List<Ranker.Candidate> ranked, Ranker.Tuning tuning) {
        if (ranked.isEmpty() || !confident(ranked, tuning)) {
            return List.of();
        }
        Ranker.Candidate best = ranked.get(0);
        double floor = Math.max(tuning.minConfidence(), best.score()) * RUNNER_UP;
        List<Ranker.Candidate> rest = new ArrayList<>();
        for (Ranker.Candidate c : ranked.subList(1, ranked.size())) {
            if (c.score() >= floor) {
                rest.add(c);
            }
        }
        List<Ranker.Candidate> out = new ArrayList<>();
        out.add(best);
        Set<String> explained = new HashSet<>(words(best));
        while (out.size() < Suggestions.MAX && !rest.isEmpty()) {
            Ranker.Candidate next = rest.get(0);
            for (Ranker.Candidate c : rest) {
                if (!explained.containsAll(words(c))) {
                    next = c;
                    break;
                }
            }
            rest.remove(next);
            out.add(next);
            explained.addAll(words(next));
        }
        out.sort(Comparator.comparingDouble(Ranker.Candidate::score).reversed());
        return out;
    }

    /** A runner-up must score at least this share of the best (or of the confidence threshold). */
    private static final double RUNNER_UP = 0.5;

    private static boolean confident(List<Ranker.Candidate> ranked, Ranker.Tuning tuning) {
        Ranker.Candidate best = ranked.get(0);
        if (best.score() >= tuning.minConfidence()) {
            return true;
        }
        double second = ranked.size() > 1 ? ranked.get(1).score() : 0;
        return best.score() >= tuning.standOutConfidence() && second <= best.score() * tuning.standOutMargin()
                && best.matches().stream().anyMatch(Suggester::direct);
    }

    /** A telling word itself, its synonym or translation found in the entry's title or questions. */
    private static boolean direct(Ranker.Match m) {
        return !m.answerOnly() && !m.weak() && (m.how() == Ranker.How.WORD || m.how() == Ranker.How.SYNONYM
                || m.how() == Ranker.How.CROSS_LANGUAGE);
    }

    private static Set<String> words(Ranker.Candidate c) {
        Set<String> out = new HashSet<>();
        for (Ranker.Match m : c.matches()) {
            out.add(m.word());
        }
        return out;
    }

    private static boolean asksForLink(String text, Rules rules) {
        return hasWordStarting(text, rules.linkWords()) || text.toLowerCase(Locale.ROOT).contains("http");
    }

    /** A plain thank-you: thanks, and neither a question nor a "but" or "not". */
    static boolean isThanks(String text, Rules rules) {
        if (text.indexOf('?') >= 0 || !hasWordStarting(text, rules.gratitude())) {
            return false;
        }
        var m = WORD.matcher(TextAnalyzer.fold(text));
        while (m.find()) {
            if (rules.contrast().contains(m.group())) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasWordStarting(String text, Set<String> starts) {
        var m = WORD.matcher(TextAnalyzer.fold(text));
        while (m.find()) {
            String w = m.group();
            for (String start : starts) {
                if (w.startsWith(start)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static double round(double score) {
        return Math.round(score * 1000) / 1000.0;
    }

    private Live acquire() {
        while (true) {
            Live live = current.get();
            if (live.snap().acquire()) {
                return live;
            }
        }
    }

    /** Ranking details for one comment, for explanations and tuning. */
    Ranker.Ranking ranking(String text) {
        return ranking(text, detector.detect(text));
    }

    /** Ranking details for one comment taken to be in {@code lang}. */
    Ranker.Ranking ranking(String text, Lang lang) {
        Live live = acquire();
        try {
            return live.reading().ranker().rank(live.snap(), text, lang);
        } finally {
            live.snap().release();
        }
    }

    /**
     * Re-reads one file that was saved, added or removed and makes the change searchable.
     * Returns the file's problems (empty when it is fine); a broken file keeps its last good entry.
     */
    List<Problem> reload(Path file) {
        return reload(List.of(file));
    }

    /**
     * Re-reads files that were saved, added or removed, all in one new snapshot. Returns the
     * problems of those files; a broken file keeps its last good entry.
     */
    List<Problem> reload(Collection<Path> files) {
        synchronized (writeLock) {
            Live live = current.get();
            SearchIndex.Snapshot snap = live.snap();
            KnowledgeBase before = snap.kb();
            KnowledgeBase after = before;
            for (Path file : files) {
                after = after.reloaded(file);
            }
            Set<Path> touched = new HashSet<>(files);
            Set<String> ids = new HashSet<>();
            // the ids the files had and have now: re-indexing by id also settles which of two
            // files with the same id wins
            before.entries().stream().filter(e -> touched.contains(e.file())).forEach(e -> ids.add(e.id()));
            after.entries().stream().filter(e -> touched.contains(e.file())).forEach(e -> ids.add(e.id()));
            swap(new Live(index.update(snap, after, ids), live.reading()));
            return after.problems().stream().filter(p -> touched.contains(p.file())).toList();
        }
    }

    /** Reloads the whole folder, e.g. after many changes at once; returns every problem. */
    public List<Problem> reloadAll() {
        synchronized (writeLock) {
            Live live = current.get();
            KnowledgeBase before = live.snap().kb();
            KnowledgeBase fresh = KnowledgeBase.load(before.dir(), before.defaultLanguage());
            rebuild(fresh, live.reading());
            return fresh.problems();
        }
    }

    /**
     * Re-reads the rule files after one was saved, added or removed, and re-indexes every entry
     * with them (synonyms and word lists shape the index too). A file that cannot be used keeps
     * its last good version; returns what is wrong with the files (empty when all is well).
     */
    List<Problem> reloadRules() {
        if (rulesDir == null) {
            return List.of();
        }
        synchronized (writeLock) {
            Live live = current.get();
            Rules.Loaded loaded = Rules.reload(rulesDir, live.reading().rules());
            if (!loaded.rules().equals(live.reading().rules())) {
                rebuild(live.snap().kb(), Reading.of(loaded.rules(), tuning));
            }
            return loaded.problems();
        }
    }

    /** Indexes {@code kb} afresh with {@code reading} and swaps it in; the caller holds the write lock. */
    private void rebuild(KnowledgeBase kb, Reading reading) {
        SearchIndex.Built built = SearchIndex.build(kb, reading.analyzer(), current.get().snap().generation() + 1);
        SearchIndex old = index;
        index = built.index();
        swap(new Live(built.snapshot(), reading));
        old.close();
    }

    private void swap(Live next) {
        Live old = current.getAndSet(next);
        cache.invalidateAll();
        if (indexCache != null) {
            // the cache's key no longer fits what runs; the next start indexes afresh and writes it again
            pendingCacheWrite = null;
            indexCache.drop();
        }
        if (old.snap() != next.snap()) {
            old.snap().release();
        }
    }

    /**
     * Writes the index built at start to its cache file, on a thread of its own, unless the index
     * was read from there, or has changed since (a reload). {@code run} calls it once polling has
     * started, so that a first start does not spend its time on a cache it does not need.
     */
    public void saveIndexCache() {
        synchronized (writeLock) {
            if (pendingCacheWrite != null) {
                pendingCacheWrite.run();
                pendingCacheWrite = null;
            }
        }
    }

    /** Waits until the index cache, if one is being written, is on disk. */
    void awaitIndexCache() {
        if (indexCache != null) {
            indexCache.awaitWrite();
        }
    }

    @Override
    public void close() {
        synchronized (writeLock) {
            index.close();
        }
        // a cache being written is let finish (it takes milliseconds): a restart then finds it
        awaitIndexCache();
    }
}
