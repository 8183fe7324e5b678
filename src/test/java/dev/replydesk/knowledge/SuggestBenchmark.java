package dev.replydesk.knowledge;

import dev.replydesk.language.Lang;
import dev.replydesk.language.LanguageDetector;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ru.RussianAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * The knowledge-base benchmark: generates knowledge bases of 100, 1,000 and 10,000 Russian entries
 * (files on disk, in the real format) and prints, side by side with plain Lucene BM25 (one field,
 * RussianAnalyzer, no abstention) measured in the same run: suggestion latency p50/p99, full
 * reindex time of 10,000 files, and save-to-searchable time of one edited file under the
 * {@link KnowledgeWatcher}. Run it with {@code bench/suggest} (see BENCHMARKS.md).
 */
public final class SuggestBenchmark {
    private static final int QUERIES = 3000;
    private static final int WARMUP = 3000;
    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();
    private static final com.sun.management.ThreadMXBean ALLOCATION =
            (com.sun.management.ThreadMXBean) THREADS;

    private SuggestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int[] sizes = args.length > 0 ? Arrays.stream(args).mapToInt(Integer::parseInt).toArray()
                : new int[] {100, 1_000, 10_000};
        Path rules = Path.of("config/knowledge");
        Path root = Files.createTempDirectory("replydesk-bench");
        try {
            System.out.printf(Locale.ROOT, "Knowledge-base benchmark (JDK %s, %d cores, load average %.1f at start)%n",
                    Runtime.version(), Runtime.getRuntime().availableProcessors(),
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            System.out.printf(Locale.ROOT, "Suggestion latency over %d distinct comments after %d for warm-up; wall clock,%n"
                    + "and in brackets the CPU time of the searching thread (what it costs without other load).%n%n",
                    QUERIES, WARMUP);
            System.out.printf(Locale.ROOT, "%-8s | %-45s | %-45s%n", "", "replydesk Suggester", "plain BM25 baseline");
            System.out.printf(Locale.ROOT, "%-8s | %16s %17s %10s | %16s %17s %10s%n", "entries", "p50 ms (cpu)", "p99 ms (cpu)",
                    "KB/comment",
                    "p50 ms (cpu)", "p99 ms (cpu)", "KB/comment");
            Path largest = null;
            for (int size : sizes) {
                Path dir = root.resolve("kb-" + size);
                Generator.write(dir, size, new Random(size));
                List<String> queries = Generator.queries(dir, QUERIES + WARMUP, new Random(7 * size));
                double[][] ours;
                try (Suggester s = Suggester.of(KnowledgeBase.load(dir), rules, new LanguageDetector())) {
                    ours = latencies(queries, q -> s.suggest(q));
                }
                Baseline base = Baseline.build(dir);
                double[][] plain = latencies(queries, base::search);
                System.out.printf(Locale.ROOT,
                        "%-8d | %7.3f (%6.3f) %8.3f (%6.3f) %10.0f | %7.3f (%6.3f) %8.3f (%6.3f) %10.0f%n", size,
                        pct(ours[0], 50), pct(ours[1], 50), pct(ours[0], 99), pct(ours[1], 99), ours[2][0],
                        pct(plain[0], 50), pct(plain[1], 50), pct(plain[0], 99), pct(plain[1], 99), plain[2][0]);
                largest = dir;
            }
            int n = sizes[sizes.length - 1];
            System.out.printf(Locale.ROOT, "%nFull reindex of %,d files (read, parse, analyse, index; best of 3):%n", n);
            double oursReindex = Double.MAX_VALUE;
            double plainReindex = Double.MAX_VALUE;
            for (int i = 0; i < 3; i++) {
                try (Suggester s = Suggester.of(KnowledgeBase.load(largest), rules, new LanguageDetector())) {
                    long t = System.nanoTime();
                    s.reloadAll();
                    oursReindex = Math.min(oursReindex, ms(t));
                }
                long t = System.nanoTime();
                Baseline.build(largest);
                plainReindex = Math.min(plainReindex, ms(t));
            }
            System.out.printf(Locale.ROOT, "  replydesk Suggester   %8.0f ms%n  plain BM25 baseline   %8.0f ms%n",
                    oursReindex, plainReindex);

            System.out.printf(Locale.ROOT, "%nSave-to-searchable, one edited file in %,d (file written -> first suggestion of it):%n", n);
            List<Double> reloads = new ArrayList<>();
            try (Suggester s = Suggester.of(KnowledgeBase.load(largest), rules, new LanguageDetector());
                    KnowledgeWatcher w = new KnowledgeWatcher(s, problems -> { })) {
                w.start();
                Thread.sleep(200);
                for (int i = 0; i < 10; i++) {
                    Path file = largest.resolve("ru/e" + (i * 37 % n) + ".md");
                    String marker = "квазиредкослово" + Generator.word(new Random(i), 3);
                    String text = Files.readString(file).replace("# ", "# " + marker + " ");
                    long t = System.nanoTime();
                    Files.writeString(file, text, StandardCharsets.UTF_8);
                    while (s.suggest(marker + " " + i).isEmpty()) {
                        if (ms(t) > 10_000) {
                            throw new IllegalStateException("edit not searchable after 10 s");
                        }
                        Thread.onSpinWait();
                    }
                    reloads.add(ms(t));
                    Thread.sleep(100);
                }
            }
            reloads.sort(Comparator.naturalOrder());
            System.out.printf(Locale.ROOT, "  replydesk (watcher + incremental update)  median %6.0f ms, max %6.0f ms%n",
                    reloads.get(reloads.size() / 2), reloads.get(reloads.size() - 1));
            System.out.printf(Locale.ROOT, "  plain BM25 baseline (no watcher: a full reindex) %6.0f ms%n", plainReindex);
        } finally {
            try (Stream<Path> walk = Files.walk(root)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private interface Search {
        Object run(String q) throws Exception;
    }

    /**
     * Wall-clock and thread-CPU milliseconds per search, each sorted, and the kilobytes the
     * searching thread allocated per search (the garbage that makes the collector pause).
     */
    private static double[][] latencies(List<String> queries, Search search) throws Exception {
        for (int i = 0; i < WARMUP; i++) {
            search.run(queries.get(i));
        }
        double[] wall = new double[QUERIES];
        double[] cpu = new double[QUERIES];
        long thread = Thread.currentThread().threadId();
        long allocated = ALLOCATION.getThreadAllocatedBytes(thread);
        for (int i = 0; i < QUERIES; i++) {
            String q = queries.get(WARMUP + i);
            long c = THREADS.getCurrentThreadCpuTime();
            long t = System.nanoTime();
            search.run(q);
            wall[i] = (System.nanoTime() - t) / 1e6;
            cpu[i] = (THREADS.getCurrentThreadCpuTime() - c) / 1e6;
        }
        double perSearch = (ALLOCATION.getThreadAllocatedBytes(thread) - allocated) / 1024.0 / QUERIES;
        Arrays.sort(wall);
        Arrays.sort(cpu);
        return new double[][] {wall, cpu, {perSearch}};
    }

    private static double pct(double[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static double ms(long start) {
        return (System.nanoTime() - start) / 1e6;
    }

    /** Plain Lucene: one field with title, questions and answer, RussianAnalyzer, BM25, top 3. */
    private static final class Baseline {
        private final Analyzer analyzer = new RussianAnalyzer();
        private IndexSearcher searcher;

        static Baseline build(Path dir) throws IOException {
            Baseline b = new Baseline();
            KnowledgeBase kb = KnowledgeBase.load(dir);
            IndexWriter writer = new IndexWriter(new ByteBuffersDirectory(), new IndexWriterConfig(b.analyzer));
            List<Document> docs = new ArrayList<>();
            for (Entry e : kb.entries()) {
                Document d = new Document();
                d.add(new StringField("id", e.id(), Field.Store.YES));
                d.add(new TextField("text", e.title() + "\n" + String.join("\n", e.questions()) + "\n" + e.answer(),
                        Field.Store.NO));
                docs.add(d);
            }
            writer.addDocuments(docs);
            b.searcher = new IndexSearcher(DirectoryReader.open(writer));
            return b;
        }

        Object search(String text) throws IOException {
            BooleanQuery.Builder q = new BooleanQuery.Builder();
            try (TokenStream ts = analyzer.tokenStream("text", text)) {
                CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
                ts.reset();
                while (ts.incrementToken()) {
                    q.add(new TermQuery(new Term("text", term.toString())), BooleanClause.Occur.SHOULD);
                }
                ts.end();
            }
            var top = searcher.search(q.build(), 3);
            List<String> ids = new ArrayList<>();
            for (var sd : top.scoreDocs) {
                ids.add(searcher.storedFields().document(sd.doc).get("id"));
            }
            return ids;
        }
    }

    /** Synthetic entries: domain words mixed with made-up words, so vocabulary grows with size. */
    static final class Generator {
        private static final String[] DOMAIN = ("доставка заказ курьер оплата карта возврат деньги гарантия ремонт "
                + "сервис холодильник стиральная машина пылесос чайник телевизор кондиционер промокод скидка бонусы "
                + "баллы адрес склад самовывоз пункт выдачи чек счёт рассрочка кредит установка подключение "
                + "упаковка коробка брак поломка замена обмен отмена статус трек приложение аккаунт пароль сайт "
                + "поддержка телефон почта отзыв сертификат акция распродажа подарок магазин график время срок "
                + "стоимость цена бесплатно платно город регион область страна").split(" ");
        private static final String[] STARTS = {"Как", "Когда", "Сколько", "Где", "Почему", "Можно ли", "Что делать, если"};
        private static final String[] SYLLABLES = ("ка ро ми на ле то ва ре ни ло су ты па де зо ру ки ма ве бо "
                + "га ди ля се хо чу жа фе ку ны").split(" ");

        static String word(Random r, int syllables) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < syllables; i++) {
                sb.append(SYLLABLES[r.nextInt(SYLLABLES.length)]);
            }
            return sb.toString();
        }

        private static String words(Random r, int n) {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                out.add(r.nextInt(3) == 0 ? DOMAIN[r.nextInt(DOMAIN.length)] : word(r, 2 + r.nextInt(3)));
            }
            return String.join(" ", out);
        }

        static void write(Path dir, int n, Random r) throws IOException {
            Path ru = Files.createDirectories(dir.resolve(Lang.RU.code()));
            for (int i = 0; i < n; i++) {
                StringBuilder sb = new StringBuilder("---\nquestions:\n");
                for (int q = 0; q < 3; q++) {
                    sb.append("  - ").append(STARTS[r.nextInt(STARTS.length)]).append(' ').append(words(r, 4)).append("?\n");
                }
                sb.append("tags: [t").append(i % 20).append("]\n---\n# ")
                        .append(STARTS[r.nextInt(STARTS.length)]).append(' ').append(words(r, 5)).append("?\n\n")
                        .append(Character.toUpperCase(words(r, 1).charAt(0))).append(words(r, 40).substring(1)).append(".\n");
                Files.writeString(ru.resolve("e" + i + ".md"), sb.toString(), StandardCharsets.UTF_8);
            }
        }

        /** Comments made of a few words of a random entry's question, a little noise and the odd typo. */
        static List<String> queries(Path dir, int n, Random r) throws IOException {
            KnowledgeBase kb = KnowledgeBase.load(dir);
            List<Entry> entries = new ArrayList<>(kb.entries());
            List<String> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Entry e = entries.get(r.nextInt(entries.size()));
                List<String> ws = new ArrayList<>(Arrays.asList(e.questions().get(r.nextInt(e.questions().size()))
                        .replace("?", "").split(" ")));
                List<String> q = new ArrayList<>();
                for (int k = 0; k < 3 && !ws.isEmpty(); k++) {
                    String w = ws.remove(r.nextInt(ws.size()));
                    if (r.nextInt(5) == 0 && w.length() > 5) {
                        w = w.substring(0, 2) + w.substring(3);
                    }
                    q.add(w);
                }
                q.add(word(r, 3));
                if (r.nextBoolean()) {
                    q.add(DOMAIN[r.nextInt(DOMAIN.length)]);
                }
                q.add(Integer.toString(i));
                out.add(String.join(" ", q) + "?");
            }
            return out;
        }
    }
}
