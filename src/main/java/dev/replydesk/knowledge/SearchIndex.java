package dev.replydesk.knowledge;

import dev.replydesk.language.Lang;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.search.similarities.PerFieldSimilarityWrapper;
import org.apache.lucene.search.similarities.Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;

/**
 * The in-memory Lucene index of a knowledge base: one document per entry id, holding every
 * translation in per-language fields plus language-free fields (word starts, synonym groups).
 * Updated in place, one entry at a time, on reload; every change yields a new immutable
 * {@link Snapshot} that searches use without locks.
 */
final class SearchIndex {
    static final String ID = "id";
    /** Word starts of titles and questions, all languages. */
    static final String QP = "qp";
    /** Synonym groups of titles and questions, all languages. */
    static final String QC = "qc";
    /** Synonym groups of answers, all languages. */
    static final String AC = "ac";
    private static final int GAP = 100;

    private static final FieldType TERMS = new FieldType();

    static {
        TERMS.setIndexOptions(IndexOptions.DOCS_AND_FREQS);
        TERMS.setTokenized(true);
        TERMS.freeze();
    }

    /** Titles and questions of one language, as that language's analyzer reduced them. */
    static String questions(Lang lang) {
        return "q." + lang.code();
    }

    /** Answers of one language. */
    static String answers(Lang lang) {
        return "a." + lang.code();
    }

    /** Neighbouring word pairs of titles and questions of one language. */
    static String bigrams(Lang lang) {
        return "qb." + lang.code();
    }

    /**
     * What searches see: a knowledge base, its analysed entries and a point-in-time reader.
     * The reader is reference-counted: {@link #acquire()} before searching, {@link #release()} after.
     */
    record Snapshot(long generation, KnowledgeBase kb, Map<String, IndexedEntry> entries, DirectoryReader reader,
            IndexSearcher searcher, String[] ids, Memo memo) {
        /** The entry id of document {@code doc} of the reader, or null when it has none. */
        String id(int doc) {
            return doc < ids.length ? ids[doc] : null;
        }

        boolean acquire() {
            return reader.tryIncRef();
        }

        void release() {
            try {
                reader.decRef();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * What searches on one snapshot learn about its terms and may reuse: each term's statistics
     * (a dictionary lookup per term and segment, which makes garbage on every search) and the
     * likely intended index terms for a misspelt form (a scan of the dictionary). Comments share
     * most of their words, so later searches mostly find them here. Valid for the snapshot's
     * reader only, so a reload starts afresh; bounded, emptied when full. Thread-safe.
     */
    static final class Memo {
        static final int MAX = 50_000;
        private final Map<Term, TermStates> terms = new ConcurrentHashMap<>();
        private final Map<String, List<String>> typos = new ConcurrentHashMap<>();

        TermStates terms(Term term) {
            return terms.get(term);
        }

        void terms(Term term, TermStates states) {
            if (terms.size() >= MAX) {
                terms.clear();
            }
            terms.put(term, states);
        }

        /** Likely intended terms for {@code key} (field and form), or null when not known yet. */
        List<String> typos(String key) {
            return typos.get(key);
        }

        void typos(String key, List<String> found) {
            if (typos.size() >= MAX) {
                typos.clear();
            }
            typos.put(key, List.copyOf(found));
        }
    }

    private final TextAnalyzer analyzer;
    private final ByteBuffersDirectory directory;
    private final IndexWriter writer;

    private SearchIndex(TextAnalyzer analyzer) {
        this(analyzer, newDirectory(), IndexWriterConfig.OpenMode.CREATE);
    }

    /**
     * An in-memory directory whose files are each read back as one buffer: a search clones an
     * input per term it looks up, and a file of many blocks makes every clone duplicate all of
     * them (most of a search's garbage).
     */
    private static ByteBuffersDirectory newDirectory() {
        return new ByteBuffersDirectory(new org.apache.lucene.store.SingleInstanceLockFactory(),
                org.apache.lucene.store.ByteBuffersDataOutput::new, ByteBuffersDirectory.OUTPUT_AS_ONE_BUFFER);
    }

    private SearchIndex(TextAnalyzer analyzer, ByteBuffersDirectory directory, IndexWriterConfig.OpenMode mode) {
        this.analyzer = analyzer;
        this.directory = directory;
        try {
            IndexWriterConfig config = new IndexWriterConfig(new KeywordAnalyzer());
            config.setOpenMode(mode);
            config.setSimilarity(similarity());
            config.setRAMBufferSizeMB(256);
            config.setCommitOnClose(false);
            // a reload must not wait for merges of tiny segments (Lucene waits up to 500 ms by default)
            config.setMaxFullFlushMergeWaitMillis(0);
            this.writer = new IndexWriter(directory, config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The index of {@code kb} as {@code cache} holds it when it was made for {@code key} (the same
     * entries, rule files and code), else built as {@link #build} does and written to the cache.
     */
    static Built open(KnowledgeBase kb, TextAnalyzer analyzer, IndexCache cache,
            java.util.function.Supplier<byte[]> keyOf) {
        // no file (a first start): the key is computed later, by the thread that writes the cache
        byte[] key = cache.exists() ? keyOf.get() : null;
        java.util.Optional<IndexCache.Stored> stored = key == null ? java.util.Optional.empty() : cache.read(key);
        if (stored.isPresent()) {
            try {
                Built restored = restore(kb, analyzer, stored.get());
                org.slf4j.LoggerFactory.getLogger(SearchIndex.class).info(
                        "knowledge base: {} entries' index read from the cache {}", kb.ids().size(), cache.file());
                return restored;
            } catch (IOException | RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(SearchIndex.class).warn(
                        "knowledge base: the index cache {} is unusable ({}); indexing every entry", cache.file(), e.toString());
            }
        }
        Built built = build(kb, analyzer, 1);
        Runnable toCache = built.index().copyFor(cache, key != null ? () -> key : keyOf, built.snapshot());
        return new Built(built.index(), built.snapshot(), false, toCache);
    }

    /** The index and first snapshot from a cache made for the same entries, rules and code. */
    private static Built restore(KnowledgeBase kb, TextAnalyzer analyzer, IndexCache.Stored stored) throws IOException {
        if (!stored.wordSets().keySet().equals(kb.ids())) {
            throw new IOException("the cache holds other entries");
        }
        ByteBuffersDirectory directory = newDirectory();
        for (Map.Entry<String, byte[]> f : stored.files().entrySet()) {
            try (org.apache.lucene.store.IndexOutput out = directory.createOutput(f.getKey(),
                    org.apache.lucene.store.IOContext.DEFAULT)) {
                out.writeBytes(f.getValue(), f.getValue().length);
            }
        }
        SearchIndex index = new SearchIndex(analyzer, directory, IndexWriterConfig.OpenMode.APPEND);
        try {
            Map<String, IndexedEntry> entries = new HashMap<>();
            for (String id : kb.ids()) {
                entries.put(id, IndexedEntry.restored(id, kb.translations(id), stored.wordSets().get(id)));
            }
            DirectoryReader reader = DirectoryReader.open(index.writer);
            Snapshot snapshot = snapshot(1, kb, entries, reader);
            java.util.Set<String> indexed = new java.util.HashSet<>(java.util.Arrays.asList(snapshot.ids()));
            if (reader.numDocs() != entries.size() || !indexed.equals(entries.keySet())) {
                reader.close();
                throw new IOException("the cached index holds other documents than its entries");
            }
            return new Built(index, snapshot, true, null);
        } catch (IOException | RuntimeException e) {
            index.close();
            throw e;
        }
    }

    /**
     * This freshly built index and its entries' word sets, copied now; the task returned writes
     * them to {@code cache} on the cache's own thread (null when they could not be copied).
     */
    private Runnable copyFor(IndexCache cache, java.util.function.Supplier<byte[]> key, Snapshot snapshot) {
        try {
            writer.commit();
            Map<String, byte[]> files = new java.util.TreeMap<>();
            for (String name : directory.listAll()) {
                try (org.apache.lucene.store.IndexInput in = directory.openInput(name,
                        org.apache.lucene.store.IOContext.READONCE)) {
                    byte[] b = new byte[Math.toIntExact(in.length())];
                    in.readBytes(b, 0, b.length);
                    files.put(name, b);
                }
            }
            Map<String, java.util.List<TermSet>> wordSets = new java.util.TreeMap<>();
            snapshot.entries().forEach((id, e) -> wordSets.put(id, e.wordSets()));
            return () -> cache.writeLater(key, wordSets, files);
        } catch (IOException | RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(SearchIndex.class).warn(
                    "knowledge base: cannot write the index cache {} ({})", cache.file(), e.toString());
            return null;
        }
    }

    /** BM25 everywhere; titles and questions are short, so their length matters less. */
    static Similarity similarity() {
        BM25Similarity questions = new BM25Similarity(1.2f, 0.3f);
        BM25Similarity answers = new BM25Similarity(1.2f, 0.75f);
        return new PerFieldSimilarityWrapper() {
            @Override
            public Similarity get(String field) {
                return field.startsWith("q") ? questions : answers;
            }
        };
    }

    /** Indexes every entry of {@code kb}; the first snapshot has generation {@code generation}. */
    static Built build(KnowledgeBase kb, TextAnalyzer analyzer, long generation) {
        SearchIndex index = new SearchIndex(analyzer);
        Map<String, IndexedEntry> entries = new HashMap<>();
        try {
            // analysing is independent per entry: spread it over the cores; indexing from one
            // thread keeps the index in one segment, so a search looks each term up once
            List<IndexedEntry> analysed = kb.ids().parallelStream()
                    .map(id -> IndexedEntry.of(id, kb.translations(id), analyzer)).toList();
            for (IndexedEntry e : analysed) {
                index.writer.addDocument(document(e));
                entries.put(e.id(), e.light());
            }
            DirectoryReader reader = DirectoryReader.open(index.writer);
            return new Built(index, snapshot(generation, kb, entries, reader));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A freshly built (or, {@code fromCache}, read back) index and its first snapshot; with a cache
     * that lacked it, {@code toCache} writes it there (null otherwise).
     */
    record Built(SearchIndex index, Snapshot snapshot, boolean fromCache, Runnable toCache) {
        Built(SearchIndex index, Snapshot snapshot) {
            this(index, snapshot, false, null);
        }
    }

    /**
     * Re-indexes the entries {@code ids} as {@code kb} now has them (deleting those it no longer
     * has) and returns the next snapshot. The current snapshot stays valid for searches under way.
     */
    Snapshot update(Snapshot current, KnowledgeBase kb, Collection<String> ids) {
        Map<String, IndexedEntry> entries = new HashMap<>(current.entries());
        try {
            for (String id : ids) {
                Map<Lang, Entry> translations = kb.translations(id);
                if (translations.isEmpty()) {
                    entries.remove(id);
                    writer.deleteDocuments(new Term(ID, id));
                } else {
                    IndexedEntry e = IndexedEntry.of(id, translations, analyzer);
                    entries.put(id, e.light());
                    writer.updateDocument(new Term(ID, id), document(e));
                }
            }
            DirectoryReader reader = DirectoryReader.openIfChanged(current.reader(), writer);
            if (reader == null) {
                current.reader().incRef();
                reader = current.reader();
            }
            return snapshot(current.generation() + 1, kb, entries, reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void close() {
        try {
            writer.rollback();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The entry id of every document of {@code reader}, by document number, read once per
     * snapshot from doc values: looking them up per hit would make garbage on every search.
     */
    private static String[] ids(DirectoryReader reader) throws IOException {
        String[] ids = new String[reader.maxDoc()];
        for (LeafReaderContext leaf : reader.leaves()) {
            SortedDocValues values = leaf.reader().getSortedDocValues(ID);
            if (values == null) {
                continue;
            }
            String[] byOrd = new String[values.getValueCount()];
            for (int doc = values.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = values.nextDoc()) {
                int ord = values.ordValue();
                if (byOrd[ord] == null) {
                    byOrd[ord] = values.lookupOrd(ord).utf8ToString();
                }
                ids[leaf.docBase + doc] = byOrd[ord];
            }
        }
        return ids;
    }

    private static Snapshot snapshot(long generation, KnowledgeBase kb, Map<String, IndexedEntry> entries,
            DirectoryReader reader) throws IOException {
        IndexSearcher searcher = new IndexSearcher(reader);
        searcher.setSimilarity(similarity());
        searcher.setQueryCache(null);
        return new Snapshot(generation, kb, Map.copyOf(entries), reader, searcher, ids(reader), new Memo());
    }

    private static Document document(IndexedEntry e) {
        Document doc = new Document();
        doc.add(new StringField(ID, e.id(), Field.Store.NO));
        // read back per hit from doc values: a stored field would decompress a whole block per hit
        doc.add(new SortedDocValuesField(ID, new BytesRef(e.id())));
        List<TermStream.Term> qp = new ArrayList<>();
        List<TermStream.Term> qc = new ArrayList<>();
        List<TermStream.Term> ac = new ArrayList<>();
        e.versions().forEach((lang, v) -> {
            List<TermStream.Term> q = new ArrayList<>();
            List<TermStream.Term> qb = new ArrayList<>();
            for (Analyzed question : v.questions()) {
                forms(question, q);
                prefixes(question, qp);
                groups(question, qc);
                for (String b : question.bigrams()) {
                    qb.add(new TermStream.Term(b, 1));
                }
            }
            List<TermStream.Term> a = new ArrayList<>();
            forms(v.answer(), a);
            groups(v.answer(), ac);
            doc.add(new Field(questions(lang), new TermStream(q), TERMS));
            doc.add(new Field(bigrams(lang), new TermStream(qb), TERMS));
            doc.add(new Field(answers(lang), new TermStream(a), TERMS));
        });
        doc.add(new Field(QP, new TermStream(qp), TERMS));
        doc.add(new Field(QC, new TermStream(qc), TERMS));
        doc.add(new Field(AC, new TermStream(ac), TERMS));
        return doc;
    }

    private static void forms(Analyzed text, List<TermStream.Term> out) {
        int gap = out.isEmpty() ? 1 : GAP;
        for (Analyzed.Word w : text.words()) {
            int inc = gap;
            for (String f : w.forms()) {
                out.add(new TermStream.Term(f, inc));
                inc = 0;
            }
            gap = 1;
        }
    }

    private static void prefixes(Analyzed text, List<TermStream.Term> out) {
        int gap = out.isEmpty() ? 1 : GAP;
        for (Analyzed.Word w : text.words()) {
            int inc = gap;
            for (String p : w.prefixes()) {
                out.add(new TermStream.Term(p, inc));
                inc = 0;
            }
            gap = 1;
        }
    }

    private static void groups(Analyzed text, List<TermStream.Term> out) {
        for (Analyzed.Concept c : text.concepts()) {
            out.add(new TermStream.Term(c.group(), 1));
        }
    }


}
