package dev.replydesk.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.replydesk.config.ConfigLoader;
import dev.replydesk.config.ReplydeskConfig;
import dev.replydesk.inbox.Analysis;
import dev.replydesk.inbox.Event;
import dev.replydesk.outbox.Outbox;
import dev.replydesk.storage.Database;
import dev.replydesk.telegram.TelegramBotApi;
import dev.replydesk.telegram.UpdatePoller;
import dev.replydesk.testing.FakeBotApi;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The load benchmark behind {@code bench/load} (see BENCHMARKS.md). Prints, for one machine and
 * one run: the raw H2 insert rate and the full intake path (update over HTTP from a fake Bot API
 * server → durable store → triage → suggestions → card queued) side by side, comments/s and p99
 * latency; the heap after storing many comments; and the start-to-ready time with a large
 * knowledge base.
 *
 * <p>Options: {@code --comments N} (default 20000) comments through the intake path,
 * {@code --warmup N} (default 2000) comments through it first, unmeasured (the JIT compiles the
 * hot paths meanwhile: a bot that has been running a while is warm),
 * {@code --store N} (default 1000000) comments for the heap figure, {@code --kb N} (default 1000)
 * knowledge-base entries, {@code --skip-heap}, {@code --skip-start}, {@code --skip-throughput}.
 */
public final class LoadBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final long COMMUNITY = -1001234567890L;
    static final long MODS = -1009876543210L;

    private final Path work;
    private final int comments;
    private int warmup = 2_000;
    private final int store;
    private final int kbEntries;
    private final Path kb;

    private LoadBenchmark(Path work, int comments, int store, int kbEntries) throws IOException {
        this.work = work;
        this.comments = comments;
        this.store = store;
        this.kbEntries = kbEntries;
        this.kb = SyntheticData.knowledgeBase(work.resolve("kb"), kbEntries);
    }

    public static void main(String[] args) throws Exception {
        List<String> a = Arrays.asList(args);
        int comments = option(a, "--comments", 20_000);
        int store = option(a, "--store", 1_000_000);
        int kbEntries = option(a, "--kb", 1_000);
        Path work = Files.createTempDirectory("replydesk-bench");
        try {
            LoadBenchmark b = new LoadBenchmark(work, comments, store, kbEntries);
            b.warmup = option(a, "--warmup", 2_000);
            b.machine();
            if (!a.contains("--skip-start")) {
                b.startToReady();
            }
            if (!a.contains("--skip-throughput")) {
                b.throughput();
            }
            if (!a.contains("--skip-heap")) {
                b.heap();
            }
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        System.exit(0);
    }

    private static int option(List<String> args, String name, int fallback) {
        int i = args.indexOf(name);
        return i >= 0 && i + 1 < args.size() ? Integer.parseInt(args.get(i + 1).replace("_", "")) : fallback;
    }

    // ---- the machine --------------------------------------------------------------------------

    private void machine() throws IOException {
        String cpu = "?";
        Path info = Path.of("/proc/cpuinfo");
        if (Files.isReadable(info)) {
            cpu = Files.readAllLines(info).stream().filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("?");
        }
        System.out.printf("machine: %d cores (%s), %s %s, max heap %d MB, load average %.1f%n",
                Runtime.getRuntime().availableProcessors(), cpu, System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"), Runtime.getRuntime().maxMemory() >> 20,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    // ---- start to ready -----------------------------------------------------------------------

    /**
     * {@code java -jar target/replydesk.jar run} as a child process, from its launch to its first
     * getUpdates, three times: plainly, then with a class-data archive the JVM writes at the end of
     * a first start and maps at the next ({@code -XX:+AutoCreateSharedArchive}, JDK 19+, what the
     * Dockerfile uses), and on JDK 25+ with an AOT cache ({@code -XX:AOTCache}, JEP 483/515: classes
     * loaded and linked, and method profiles, from a training start). Plain starts also restart on the
     * store and knowledge-base index cache a first start left (the common case in production).
     */
    private void startToReady() throws Exception {
        Path jar = Path.of("target", "replydesk.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            System.out.println("start to ready: skipped, target/replydesk.jar is missing");
            return;
        }
        System.out.printf("start to ready (java -Xmx256m -jar target/replydesk.jar run: JVM launch to the first getUpdates, "
                + "%d knowledge-base entries, empty store; median of 3; goal <= 3000 ms):%n", kbEntries);
        startToReady("plain", jar, List.of());
        // the common case in production: a restart on a store (and knowledge-base index cache) a
        // first start left behind, same entries and jar
        startOnce(jar, List.of(), "restart");
        startToReady("plain restart (existing store and index cache)", jar, List.of(), "restart");
        // restarts wait for the stopped instance's polling lease to be free first: see awaitLeaseFree
        Path jsa = work.resolve("replydesk.jsa");
        List<String> cds = List.of("-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=" + jsa);
        startOnce(jar, cds, "cds-training"); // writes the archive when it stops
        startToReady("with a class-data archive (-XX:+AutoCreateSharedArchive)", jar, cds);
        if (Runtime.version().feature() >= 25) {
            Path aot = work.resolve("replydesk.aot");
            startOnce(jar, List.of("-XX:AOTCacheOutput=" + aot), "aot-training");
            if (Files.isRegularFile(aot)) {
                startToReady("with an AOT cache (-XX:AOTCache, JDK 25+)", jar, List.of("-XX:AOTCache=" + aot));
            }
        }
    }

    private void startToReady(String how, Path jar, List<String> jvmOptions) throws Exception {
        startToReady(how, jar, jvmOptions, null);
    }

    /** Three starts, each in a new folder, or all in folder {@code sameDir} (restarts) when it is not null. */
    private void startToReady(String how, Path jar, List<String> jvmOptions, String sameDir) throws Exception {
        List<long[]> runs = new ArrayList<>();
        for (int run = 0; run < 3; run++) {
            runs.add(startOnce(jar, jvmOptions, sameDir != null ? sameDir : how.split(" ")[0] + "-" + run));
        }
        long[] ms = runs.stream().mapToLong(r -> r[0]).sorted().toArray();
        long[] cpu = runs.stream().mapToLong(r -> r[1]).sorted().toArray();
        System.out.printf(Locale.ROOT, "  %-58s median %5d ms (runs %s ms); CPU used by then: median %5d ms; "
                + "load average %.1f%n", how, ms[1], runs.stream().map(r -> Long.toString(r[0])).toList(), cpu[1],
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /** One start: {wall ms to the first getUpdates, CPU ms of the child by then}; then SIGTERM and wait. */
    private long[] startOnce(Path jar, List<String> jvmOptions, String name) throws Exception {
        try (FakeBotApi fake = FakeBotApi.start()) {
            Path dir = Files.createDirectories(work.resolve("start-" + name));
            awaitLeaseFree(dir);
            Path config = dir.resolve("replydesk.yml");
            Files.writeString(config, yaml(fake, dir));
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("-Xmx256m");
            command.addAll(jvmOptions);
            command.addAll(List.of("-Dreplydesk.log.level=WARN", "-jar", jar.toString(), "run", "--config",
                    config.toString()));
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("out.log").toFile()).start();
            try {
                fake.awaitRequests(r -> r.method().equals("getupdates"), 1, Duration.ofSeconds(120));
                long ms = (System.nanoTime() - t0) / 1_000_000;
                long cpu = p.toHandle().info().totalCpuDuration().map(Duration::toMillis).orElse(-1L);
                return new long[] {ms, cpu};
            } finally {
                p.destroy();
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
    }

    /**
     * Before a restart on a store a stopped instance left: waits until that instance's polling
     * lease is free. A clean stop gives the lease up only from when the getUpdates it cut short
     * could have ended (one getUpdates at a time), and a new instance that finds it held stands by
     * until its next try; that hand-over is not the start's own work, so restarts are timed from
     * when it is due.
     */
    private void awaitLeaseFree(Path dir) throws Exception {
        if (!Files.exists(dir.resolve("replydesk.mv.db"))) {
            return;
        }
        String url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("replydesk").toString().replace('\\', '/');
        Instant free;
        try (Connection c = java.sql.DriverManager.getConnection(url);
                ResultSet rs = c.createStatement().executeQuery("SELECT expires_at FROM poll_lease")) {
            free = rs.next() ? rs.getObject(1, OffsetDateTime.class).toInstant() : Instant.EPOCH;
        }
        long waitMs = Duration.between(Instant.now(), free).toMillis();
        if (waitMs > 0) {
            Thread.sleep(waitMs + 100);
        }
    }

    private String yaml(FakeBotApi fake, Path dir) {
        return yaml(fake.uri(), fake.token(), dir);
    }

    private String yaml(java.net.URI api, String token, Path dir) {
        return """
                telegram:
                  token: "%s"
                  api-url: %s
                  poll-timeout: 1s
                communities:
                  - chat-id: %d
                    name: Brand chat
                moderators:
                  chat-id: %d
                  users: [111111, 222222]
                managers:
                  users: []
                storage:
                  url: "jdbc:h2:file:%s"
                knowledge-base:
                  dir: "%s"
                """.formatted(token, api, COMMUNITY, MODS,
                dir.toAbsolutePath().resolve("replydesk").toString().replace('\\', '/'),
                kb.toAbsolutePath().toString().replace('\\', '/'));
    }

    private ReplydeskConfig config(FakeBotApi fake, Path dir) throws Exception {
        // the rule files (triage, knowledge) come from the project's config/ when run from it
        return ConfigLoader.parse(yaml(fake, dir), Path.of("config", "bench.yml").toAbsolutePath().toString(), Map.of());
    }

    // ---- throughput ---------------------------------------------------------------------------

    private void throughput() throws Exception {
        Rate raw = rawInserts(comments, 1);
        Rate rawBatched = rawInserts(comments, 100);
        Rate full = fullIntake();
        System.out.println();
        System.out.printf("%-58s %12s %10s %10s%n", "", "comments/s", "p50 ms", "p99 ms");
        print("raw H2 insert, one row per transaction (commit each)", raw);
        print("raw H2 insert, 100 rows per transaction", rawBatched);
        print("full intake path (HTTP update -> store -> triage -> suggest -> card queued)", full);
        System.out.println("  (full path latency: from the getUpdates call that fetched the update to its commit)");
        System.out.printf(Locale.ROOT, "full intake path CPU per comment: %.2f ms in the poller and analysis "
                + "threads; %.2f ms in all threads of this process (JIT, GC and the fake server included)%n",
                botCpuPerComment, fullCpuPerComment);
        System.out.println("full intake path: " + batches);
        System.out.print("CPU per comment by thread:\n" + threadCpu);
        System.out.printf(Locale.ROOT, "allocated per comment: %.0f KB; collectors' time per comment: %.3f ms%n",
                allocPerComment, gcMsPerComment);
        System.out.println("goal: full intake path >= 2000 comments/s");
    }

    private static void print(String what, Rate r) {
        System.out.printf("%-58s %12.0f %10.2f %10.2f%n", what.length() > 58 ? what.substring(0, 55) + "..." : what,
                r.perSecond(), r.p50(), r.p99());
        if (what.length() > 58) {
            System.out.println("  " + what);
        }
    }

    record Rate(double perSecond, double p50, double p99) {
        static Rate of(int n, long nanos, long[] latencies) {
            long[] sorted = latencies.clone();
            Arrays.sort(sorted);
            return new Rate(n / (nanos / 1e9), sorted[sorted.length / 2] / 1e6,
                    sorted[(int) Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)] / 1e6);
        }
    }

    private double fullCpuPerComment;
    private double botCpuPerComment;

    /** CPU time of the threads that do the intake's work: the poller and the analysis workers. */
    static long botThreadsCpu() {
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (java.lang.management.ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (t != null && (t.getThreadName().equals("replydesk-poller")
                    || t.getThreadName().startsWith("replydesk-analysis")
                    || t.getThreadName().startsWith("ForkJoinPool.commonPool"))) {
                sum += Math.max(0, threads.getThreadCpuTime(t.getThreadId()));
            }
        }
        return sum;
    }

    private String threadCpu = "";
    private String batches = "";
    private double allocPerComment;
    private double gcMsPerComment;

    /** Bytes allocated so far by all live Java threads. */
    static long allocatedBytes() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (long id : threads.getAllThreadIds()) {
            sum += Math.max(0, threads.getThreadAllocatedBytes(id));
        }
        return sum;
    }

    /** Time the collectors report having spent so far (pauses and, for G1, concurrent cycles). */
    static long gcMillis() {
        long sum = 0;
        for (java.lang.management.GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            sum += Math.max(0, gc.getCollectionTime());
        }
        return sum;
    }

    /**
     * CPU time of each group of threads (digits in names folded), in nanoseconds: on Linux every
     * thread of the process from /proc, the JVM's own (GC, JIT compilers) included, under their
     * 15-character kernel names; elsewhere the Java threads only.
     */
    static Map<String, Long> cpuByThreadGroup() {
        Map<String, Long> out = new java.util.TreeMap<>();
        Path tasks = Path.of("/proc/self/task");
        if (Files.isDirectory(tasks)) {
            try (java.util.stream.Stream<Path> list = Files.list(tasks)) {
                for (Path t : list.toList()) {
                    try {
                        String stat = Files.readString(t.resolve("stat"));
                        String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
                        out.merge(name.replaceAll("[0-9]+", "N"), ticks * 10_000_000L, Long::sum); // USER_HZ 100
                    } catch (IOException | RuntimeException e) {
                        // the thread ended meanwhile
                    }
                }
                return out;
            } catch (IOException e) {
                out.clear();
            }
        }
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (java.lang.management.ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (t != null) {
                out.merge(t.getThreadName().replaceAll("[0-9]+", "N"),
                        Math.max(0, threads.getThreadCpuTime(t.getThreadId())), Long::sum);
            }
        }
        return out;
    }

    /** The CPU per comment of each thread group that used any, and the rest (GC, JIT: not Java threads). */
    private String perComment(Map<String, Long> before, Map<String, Long> after, double processPerComment) {
        StringBuilder sb = new StringBuilder();
        double java = 0;
        List<Map.Entry<String, Long>> deltas = new ArrayList<>();
        for (Map.Entry<String, Long> e : after.entrySet()) {
            deltas.add(Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)));
        }
        deltas.sort((a, b) -> Long.compare(b.getValue(), a.getValue()));
        for (Map.Entry<String, Long> e : deltas) {
            double ms = e.getValue() / 1e6 / comments;
            java += ms;
            if (ms >= 0.005) {
                sb.append(String.format(Locale.ROOT, "  %-40s %.3f ms%n", e.getKey(), ms));
            }
        }
        sb.append(String.format(Locale.ROOT, "  %-40s %.3f ms%n", "(threads that ended meanwhile, or not listed)",
                Math.max(0, processPerComment - java)));
        return sb.toString();
    }

    /** CPU time of this whole process (all threads, the fake server's included), in nanoseconds. */
    static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Comment rows straight into a fresh store migrated and set up as the bot's (WRITE_DELAY=0). */
    private Rate rawInserts(int n, int perTransaction) {
        Path dir = work.resolve("raw-" + perTransaction);
        try (Database db = Database.open("jdbc:h2:file:" + dir.toAbsolutePath().resolve("replydesk"))) {
            Random random = new Random(1);
            String[] texts = new String[n];
            for (int i = 0; i < n; i++) {
                texts[i] = SyntheticData.comment(i, random);
            }
            long[] latencies = new long[n / perTransaction];
            long t0 = System.nanoTime();
            db.withConnection(c -> {
                c.setAutoCommit(false);
                try (PreparedStatement ps = c.prepareStatement(RAW_INSERT)) {
                    for (int t = 0; t < n / perTransaction; t++) {
                        long s = System.nanoTime();
                        for (int k = 0; k < perTransaction; k++) {
                            int i = t * perTransaction + k;
                            bindRaw(ps, i, texts[i]);
                            ps.executeUpdate();
                        }
                        c.commit();
                        latencies[t] = System.nanoTime() - s;
                    }
                }
                c.setAutoCommit(true);
                return null;
            });
            return Rate.of(n / perTransaction * perTransaction, System.nanoTime() - t0, latencies);
        }
    }

    static final String RAW_INSERT = "INSERT INTO comment (chat_id, message_id, author_id, author_name, sent_at, "
            + "received_at, text, state) VALUES (?,?,?,?,?,?,?,?)";

    static void bindRaw(PreparedStatement ps, long i, String text) throws java.sql.SQLException {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        ps.setLong(1, COMMUNITY);
        ps.setLong(2, i + 1);
        ps.setLong(3, 1_000_000 + i % 50_000);
        ps.setString(4, "Customer " + i % 50_000);
        ps.setObject(5, now);
        ps.setObject(6, now);
        ps.setString(7, text);
        ps.setString(8, "OPEN");
    }

    /**
     * The bot's intake as {@code run} wires it (real poller over HTTP, real store, triage and
     * knowledge base), the outbox not started: the path ends when the card is queued.
     */
    private Rate fullIntake() throws Exception {
        Path dir = work.resolve("intake");
        try (FakeBotApi fake = FakeBotApi.start()) {
            ReplydeskConfig config = config(fake, dir);
            Database db = Database.open(config.storage().url());
            TelegramBotApi api = new TelegramBotApi(fake.token(), fake.uri());
            try (Wiring wiring = new Wiring(config, db, api, Clock.systemUTC(), Outbox.Settings.defaults())) {
                UpdatePoller poller = new UpdatePoller(wiring.intake, api, fake.token(), fake.uri(), Duration.ofSeconds(1));
                wiring.onClose(poller);
                wiring.onClose(api);
                poller.start();
                Random random = new Random(2);
                int warmup = Math.max(1, this.warmup);
                push(fake, 0, warmup, random);
                awaitOffset(wiring, warmup + 1);

                int requestsBefore = fake.requests("getUpdates").size();
                Map<String, Long> threads0 = cpuByThreadGroup();
                long alloc0 = allocatedBytes();
                long gc0 = gcMillis();
                long bot0 = botThreadsCpu();
                long cpu0 = processCpu();
                long t0 = System.nanoTime();
                push(fake, warmup, warmup + comments, random);
                awaitOffset(wiring, warmup + comments + 1);
                long nanos = System.nanoTime() - t0;
                fullCpuPerComment = (processCpu() - cpu0) / 1e6 / comments;
                botCpuPerComment = (botThreadsCpu() - bot0) / 1e6 / comments;
                allocPerComment = (allocatedBytes() - alloc0) / 1024.0 / comments;
                gcMsPerComment = (gcMillis() - gc0) / (double) comments;
                threadCpu = perComment(threads0, cpuByThreadGroup(), (processCpu() - cpu0) / 1e6 / comments);

                List<FakeBotApi.Request> polls = fake.requests("getUpdates").subList(requestsBefore,
                        fake.requests("getUpdates").size());
                long[] latencies = latencies(db, polls, warmup + 1, warmup + comments);
                batches = String.format(Locale.ROOT, "%d getUpdates calls, %.1f updates each on average",
                        polls.size(), comments / (double) Math.max(1, polls.size()));
                long queued = scalar(db, "SELECT COUNT(*) FROM outbox WHERE correlation LIKE 'card:%'");
                if (queued != warmup + comments) {
                    throw new IllegalStateException("expected " + (warmup + comments) + " cards queued, found " + queued);
                }
                breakdown(wiring, db);
                return Rate.of(comments, nanos, latencies);
            }
        }
    }

    private static void push(FakeBotApi fake, int from, int to, Random random) {
        for (int i = from; i < to; i++) {
            ObjectNode m = fake.newMessage(COMMUNITY, 1_000_000 + random.nextInt(50_000), "Customer",
                    SyntheticData.comment(i, random));
            ObjectNode u = JSON.createObjectNode();
            u.put("update_id", i + 1);
            u.set("message", m);
            fake.pushUpdate(u);
        }
    }

    private static void awaitOffset(Wiring wiring, long offset) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
        while (wiring.intake.nextOffset() < offset) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the intake did not reach offset " + offset);
            }
            Thread.sleep(20);
        }
    }

    /** Per update: from the getUpdates call that fetched it to the commit of its transaction. */
    private static long[] latencies(Database db, List<FakeBotApi.Request> polls, long first, long last) {
        List<long[]> fetches = new ArrayList<>(); // {offset, epoch nanos}
        for (FakeBotApi.Request r : polls) {
            fetches.add(new long[] {r.body().path("offset").asLong(0), nanos(r.at())});
        }
        return db.withConnection(c -> {
            long[] out = new long[(int) (last - first + 1)];
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT update_id, processed_at FROM processed_update WHERE update_id BETWEEN ? AND ? ORDER BY update_id")) {
                ps.setLong(1, first);
                ps.setLong(2, last);
                try (ResultSet rs = ps.executeQuery()) {
                    int i = 0;
                    while (rs.next()) {
                        long id = rs.getLong(1);
                        long done = nanos(rs.getObject(2, OffsetDateTime.class).toInstant());
                        long fetched = Long.MIN_VALUE;
                        for (long[] f : fetches) {
                            if (f[0] <= id && f[1] <= done) {
                                fetched = Math.max(fetched, f[1]);
                            }
                        }
                        out[i++] = fetched == Long.MIN_VALUE ? 0 : Math.max(0, done - fetched);
                    }
                }
            }
            return out;
        });
    }

    private static long nanos(Instant i) {
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    static long scalar(Database db, String sql) {
        return db.withConnection(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** Where the time of one update goes: the analysis alone, and one update handled without HTTP. */
    private void breakdown(Wiring wiring, Database db) {
        Random random = new Random(3);
        int n = Math.min(5_000, comments);
        String[] texts = new String[n];
        for (int i = 0; i < n; i++) {
            texts[i] = SyntheticData.comment(5_000_000 + i, random);
        }
        Analysis.Analyzer analyzer = wiring.features.analyzer();
        long[] analyze = new long[n];
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            long s = System.nanoTime();
            analyzer.analyze(texts[i] + " x" + i);
            analyze[i] = System.nanoTime() - s;
        }
        Rate a = Rate.of(n, System.nanoTime() - t0, analyze);
        long[] handle = new long[n];
        long base = 10_000_000;
        t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            Event.Message m = new Event.Message(base + i, false, COMMUNITY, "supergroup", "Brand chat", base + i, null,
                    false, null, null, new Event.Person(2_000_000 + i, "Customer", null, null, false, "ru"), null,
                    Instant.now(), null, texts[i], null, false, null, null, null, false, null);
            long s = System.nanoTime();
            wiring.intake.handle(m, null);
            handle[i] = System.nanoTime() - s;
        }
        Rate h = Rate.of(n, System.nanoTime() - t0, handle);
        System.out.println();
        System.out.printf("%-58s %12s %10s %10s%n", "where the time goes (one thread, no HTTP)", "per second",
                "p50 ms", "p99 ms");
        print("triage + suggestions alone (Analyzer.analyze)", a);
        print("Intake.handle: one update, one transaction", h);
    }

    // ---- heap ---------------------------------------------------------------------------------

    /**
     * The bot as {@code run} starts it, on an empty store, fed {@code store} comments over HTTP by
     * a server that makes them up on the fly (so that it keeps none of them in this heap); the heap
     * in use after a full GC at checkpoints. Run this JVM with the -Xmx the bot gets (bench/load: 256m).
     */
    private void heap() throws Exception {
        Path dir = work.resolve("heap");
        java.lang.management.MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        try (UpdateSource source = UpdateSource.start(store, COMMUNITY)) {
            ReplydeskConfig config = ConfigLoader.parse(yaml(source.uri(), FakeBotApi.TOKEN, dir),
                    Path.of("config", "bench.yml").toAbsolutePath().toString(), Map.of());
            RunCommand.Bot bot = RunCommand.Bot.start(config, Clock.systemUTC());
            try {
                System.out.println();
                System.out.printf("heap in use after a full GC, the bot running with -Xmx%d MB (goal: <= 256 MB "
                        + "after 1,000,000 comments):%n", Runtime.getRuntime().maxMemory() >> 20);
                long t0 = System.nanoTime();
                for (long checkpoint : checkpoints(store)) {
                    while (bot.wiring.intake.nextOffset() <= checkpoint) {
                        Thread.sleep(200);
                    }
                    System.gc();
                    System.gc();
                    long used = memory.getHeapMemoryUsage().getUsed();
                    System.out.printf(Locale.ROOT, "  %,9d comments stored: %s (%.0f comments/s so far)%n", checkpoint,
                            mb(used), checkpoint / ((System.nanoTime() - t0) / 1e9));
                }
                long rows = scalar(bot.wiring.db, "SELECT COUNT(*) FROM comment");
                if (rows != store) {
                    throw new IllegalStateException("expected " + store + " comments stored, found " + rows);
                }
            } finally {
                bot.close();
            }
        }
    }

    private static List<Long> checkpoints(long total) {
        List<Long> out = new ArrayList<>();
        for (long c : new long[] {total / 10, total / 4, total / 2, total}) {
            if (c > 0 && (out.isEmpty() || out.get(out.size() - 1) != c)) {
                out.add(c);
            }
        }
        return out;
    }

    static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.0f MB", bytes / 1048576.0);
    }
}
