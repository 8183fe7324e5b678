package dev.replydesk.knowledge;

import dev.replydesk.language.Lang;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The knowledge-base index kept on disk between starts (beside the H2 store), so that a restart
 * with the same entries, rule files and code reads the analysed entries back instead of analysing
 * and indexing every entry again (most of the knowledge base's share of a start).
 *
 * <p>The file holds a key and what indexing produced: the Lucene index files and each entry's word
 * sets. The key is a SHA-256 of a format version, the Lucene version, the code version (the jar's
 * name, size and time), the text of every rule file and the analysed fields of every entry (id,
 * language, title, questions, answer): any change to any of them misses, and the index is built
 * as without a cache, then written again. A file that cannot be read, is cut short or does not
 * match its checksum is logged and ignored the same way. The file is written whole to a temporary
 * name and moved into place; a reload of entries or rule files while the bot runs deletes it (the
 * next start builds and writes it again).
 */
final class IndexCache {
    private static final Logger LOG = LoggerFactory.getLogger(IndexCache.class);
    /** Bump when what is stored, or how entries are analysed or indexed, changes. */
    static final int FORMAT = 1;
    private static final int MAGIC = 0x52444B49; // "RDKI"

    private final Path file;
    private final String codeVersion;

    IndexCache(Path file, String codeVersion) {
        this.file = file;
        this.codeVersion = codeVersion;
    }

    /**
     * The cache at {@code file} for the running code, or empty when the code does not run from a
     * jar (a build's class folders change without telling): then every start builds the index.
     */
    static Optional<IndexCache> at(Path file) {
        return codeVersion().map(v -> new IndexCache(file, v));
    }

    /** The jar this code runs from, as name, size and modification time; empty outside a jar. */
    static Optional<String> codeVersion() {
        try {
            CodeSource source = IndexCache.class.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) {
                return Optional.empty();
            }
            Path jar = Path.of(source.getLocation().toURI());
            if (!Files.isRegularFile(jar)) {
                return Optional.empty();
            }
            return Optional.of(jar.getFileName() + ":" + Files.size(jar) + ":" + Files.getLastModifiedTime(jar).toMillis());
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    Path file() {
        return file;
    }

    /** What the index of {@code kb} depends on, as a key: see the class comment. */
    byte[] key(String ruleTexts, KnowledgeBase kb) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            DataOutputStream out = new DataOutputStream(new java.security.DigestOutputStream(
                    java.io.OutputStream.nullOutputStream(), sha));
            out.writeInt(FORMAT);
            text(out, org.apache.lucene.util.Version.LATEST.toString());
            text(out, codeVersion);
            text(out, ruleTexts);
            for (String id : new TreeSet<>(kb.ids())) {
                text(out, id);
                Map<Lang, Entry> translations = kb.translations(id);
                for (Lang lang : Lang.values()) {
                    Entry e = translations.get(lang);
                    if (e == null) {
                        continue;
                    }
                    text(out, lang.code());
                    text(out, e.title());
                    out.writeInt(e.questions().size());
                    for (String q : e.questions()) {
                        text(out, q);
                    }
                    text(out, e.answer());
                }
                out.writeInt(-1);
            }
            out.flush();
            return sha.digest();
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot compute the index cache key", e);
        }
    }

    private static void text(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    /** What a cache file holds: each entry's word sets, by id, and the index files, by name. */
    record Stored(Map<String, List<TermSet>> wordSets, Map<String, byte[]> files) {
    }

    /**
     * The stored index when the file is there, whole and made for {@code key}; empty otherwise
     * (a missing file quietly, a broken or outdated one with a log line).
     */
    Optional<Stored> read(byte[] key) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            LOG.warn("knowledge base: cannot read the index cache {} ({}); indexing every entry", file, e.toString());
            return Optional.empty();
        }
        try {
            if (bytes.length < 8) {
                throw new IOException("cut short");
            }
            CRC32 crc = new CRC32();
            crc.update(bytes, 0, bytes.length - 8);
            long stored = new DataInputStream(new ByteArrayInputStream(bytes, bytes.length - 8, 8)).readLong();
            if (stored != crc.getValue()) {
                throw new IOException("checksum mismatch (cut short or damaged)");
            }
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 0, bytes.length - 8));
            if (in.readInt() != MAGIC) {
                throw new IOException("not an index cache");
            }
            int format = in.readInt();
            byte[] fileKey = in.readNBytes(32);
            if (format != FORMAT || !Arrays.equals(fileKey, key)) {
                LOG.info("knowledge base: entries, rule files or code changed since the index cache was written; "
                        + "indexing every entry");
                return Optional.empty();
            }
            int entries = in.readInt();
            Map<String, List<TermSet>> wordSets = new LinkedHashMap<>();
            for (int i = 0; i < entries; i++) {
                String id = in.readUTF();
                List<TermSet> sets = new ArrayList<>(6);
                for (int k = 0; k < 6; k++) {
                    long[] hashes = new long[in.readInt()];
                    for (int h = 0; h < hashes.length; h++) {
                        hashes[h] = in.readLong();
                    }
                    sets.add(TermSet.ofHashes(hashes));
                }
                wordSets.put(id, List.copyOf(sets));
            }
            int count = in.readInt();
            Map<String, byte[]> files = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                int length = in.readInt();
                byte[] data = in.readNBytes(length);
                if (data.length != length) {
                    throw new IOException("cut short");
                }
                files.put(name, data);
            }
            if (in.available() != 0) {
                throw new IOException("trailing bytes");
            }
            return Optional.of(new Stored(wordSets, files));
        } catch (IOException | RuntimeException e) {
            LOG.warn("knowledge base: the index cache {} is unusable ({}); indexing every entry", file, e.toString());
            return Optional.empty();
        }
    }

    private Thread writing;

    /** Whether there is a cache file to try. */
    boolean exists() {
        return Files.isRegularFile(file);
    }

    /**
     * Writes the cache on a thread of its own ({@code replydesk-kb-cache}), the key computed
     * there too: a first start does not wait for it. {@link #drop()} and {@link #awaitWrite()}
     * wait for it to finish.
     */
    synchronized void writeLater(java.util.function.Supplier<byte[]> key, Map<String, List<TermSet>> wordSets,
            Map<String, byte[]> files) {
        awaitWrite();
        Thread t = new Thread(() -> write(key.get(), wordSets, files), "replydesk-kb-cache");
        t.setDaemon(true);
        writing = t;
        t.start();
    }

    /** Waits until a write under way is done. */
    synchronized void awaitWrite() {
        Thread t = writing;
        if (t == null) {
            return;
        }
        boolean interrupted = false;
        while (t.isAlive()) {
            try {
                t.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        writing = null;
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Writes the cache for {@code key}; a failure is logged, never thrown (the cache is an optimisation). */
    void write(byte[] key, Map<String, List<TermSet>> wordSets, Map<String, byte[]> files) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 20);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(MAGIC);
            out.writeInt(FORMAT);
            out.write(key);
            out.writeInt(wordSets.size());
            for (Map.Entry<String, List<TermSet>> e : wordSets.entrySet()) {
                out.writeUTF(e.getKey());
                for (TermSet set : e.getValue()) {
                    long[] hashes = set.hashes();
                    out.writeInt(hashes.length);
                    for (long h : hashes) {
                        out.writeLong(h);
                    }
                }
            }
            out.writeInt(files.size());
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                out.writeUTF(f.getKey());
                out.writeInt(f.getValue().length);
                out.write(f.getValue());
            }
            out.flush();
            CRC32 crc = new CRC32();
            byte[] body = bytes.toByteArray();
            crc.update(body);
            out.writeLong(crc.getValue());
            out.flush();
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(tmp, bytes.toByteArray());
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("knowledge base: cannot write the index cache {} ({}); the next start indexes every entry again",
                    file, e.toString());
        }
    }

    /** Deletes the cache: the index changed while the bot ran (an entry or rule file was saved). */
    void drop() {
        awaitWrite();
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("knowledge base: cannot delete the outdated index cache {} ({})", file, e.toString());
        }
    }
}
