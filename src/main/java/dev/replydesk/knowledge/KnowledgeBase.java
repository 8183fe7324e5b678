package dev.replydesk.knowledge;

import dev.replydesk.language.Lang;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * An immutable, loaded knowledge base: the usable entries of a folder {@code <dir>/<lang>/<id>.md}
 * and every problem found in it. Broken files are skipped and reported, never thrown.
 *
 * <p>Reloading one file ({@link #reloaded(Path)}) gives a new instance; when the file has become
 * broken, the last good version of its entry stays in use and the problem is reported.
 */
public final class KnowledgeBase {
    /** The problem of a file that went away while it was read: not reported, the file is just gone. */
    private static final String REMOVED = "file.removed";
    private static final Comparator<Problem> ORDER =
            Comparator.comparing((Problem p) -> p.file().toString()).thenComparingInt(Problem::line);

    private final Path dir;
    /** The language every entry must exist in, and the one a suggestion falls back to. */
    private final Lang main;
    /** The entry each file contributes: its current version, or its last good one when broken. */
    private final Map<Path, Entry> used;
    /** What the latest read of each file (or folder) found wrong. */
    private final Map<Path, List<Problem>> fileProblems;
    private final Map<Lang, Map<String, Entry>> byLang = new EnumMap<>(Lang.class);
    private final List<Entry> entries;
    private final List<Problem> problems;

    private KnowledgeBase(Path dir, Lang main, Map<Path, Entry> used, Map<Path, List<Problem>> fileProblems) {
        this.dir = dir;
        this.main = main;
        this.used = Collections.unmodifiableMap(new TreeMap<>(used));
        this.fileProblems = Collections.unmodifiableMap(new TreeMap<>(fileProblems));
        List<Problem> all = new ArrayList<>();
        fileProblems.values().forEach(all::addAll);
        for (Lang lang : Lang.values()) {
            byLang.put(lang, new LinkedHashMap<>());
        }
        for (Entry e : this.used.values()) {
            Map<String, Entry> ids = byLang.get(e.lang());
            Entry earlier = ids.get(e.id());
            if (earlier != null) {
                all.add(Problem.of(e.file(), 1, "id.duplicate", e.id(), e.lang().code(), inside(dir, earlier.file())));
                continue;
            }
            ids.put(e.id(), e);
        }
        for (Lang lang : Lang.values()) {
            if (lang == main) {
                continue;
            }
            for (Entry e : byLang.get(lang).values()) {
                if (!byLang.get(main).containsKey(e.id())) {
                    all.add(Problem.of(e.file(), 1, "translation.orphan", main.code(), e.id()));
                }
            }
        }
        all.sort(ORDER);
        this.problems = List.copyOf(all);
        List<Entry> list = new ArrayList<>();
        byLang.values().forEach(m -> list.addAll(m.values()));
        this.entries = List.copyOf(list);
    }

    /**
     * {@code file} as an editor names it: relative to the knowledge-base folder ({@code ru/delivery.md}),
     * with {@code /} on every system; a file outside the folder keeps its path.
     */
    private static String inside(Path dir, Path file) {
        Path base = dir.toAbsolutePath().normalize();
        Path full = file.toAbsolutePath().normalize();
        return full.startsWith(base) ? base.relativize(full).toString().replace('\\', '/') : file.toString();
    }

    /** A knowledge base with no entries, e.g. before the folder exists. */
    public static KnowledgeBase empty(Path dir) {
        return new KnowledgeBase(dir, Lang.DEFAULT, Map.of(), Map.of());
    }

    /**
     * Loads every entry under {@code dir}. Never throws for a broken file or a missing folder:
     * those are reported in {@link #problems()}.
     */
    public static KnowledgeBase load(Path dir) {
        return load(dir, Lang.DEFAULT);
    }

    /**
     * As {@link #load(Path)}, with {@code main} as the default language
     * ({@code knowledge-base.default-language}): every entry must exist in it, and a suggestion
     * for a comment in a language the entry lacks falls back to it.
     */
    public static KnowledgeBase load(Path dir, Lang main) {
        Map<Path, Entry> used = new LinkedHashMap<>();
        Map<Path, List<Problem>> problems = new LinkedHashMap<>();
        if (!Files.isDirectory(dir)) {
            problems.put(dir, List.of(Problem.of(dir, 0, "folder.missing")));
            return new KnowledgeBase(dir, main, used, problems);
        }
        List<Path> files = new ArrayList<>();
        List<Lang> langs = new ArrayList<>();
        for (Path child : list(dir)) {
            String name = child.getFileName().toString();
            if (name.startsWith(".")) {
                continue;
            }
            if (Files.isDirectory(child)) {
                Optional<Lang> lang = langOfFolder(name);
                if (lang.isEmpty()) {
                    if (hasMarkdown(child)) {
                        problems.put(child, List.of(Problem.of(child, 0, "folder.unknown_language", name)));
                    }
                    continue;
                }
                for (Path file : list(child)) {
                    if (Files.isDirectory(file)) {
                        if (hasMarkdown(file)) {
                            problems.put(file, List.of(Problem.of(file, 0, "folder.nested", name)));
                        }
                    } else if (isMarkdown(file)) {
                        files.add(file);
                        langs.add(lang.get());
                    }
                }
            } else if (isMarkdown(child) && !name.equalsIgnoreCase("README.md")) {
                problems.put(child, List.of(Problem.of(child, 0, "folder.outside")));
            }
        }
        // reading and parsing is independent per file; the results are used in file order
        ThreadLocal<Yaml> yaml = ThreadLocal.withInitial(() -> new Yaml(new SafeConstructor(new LoaderOptions())));
        List<EntryFile.Parsed> parsed = IntStream.range(0, files.size()).parallel()
                .mapToObj(i -> read(files.get(i), langs.get(i), yaml.get())).toList();
        for (EntryFile.Parsed p : parsed) {
            if (!p.problems().isEmpty()) {
                problems.put(p.file(), p.problems());
            }
            if (p.usable()) {
                used.put(p.file(), p.entry());
            }
        }
        return new KnowledgeBase(dir, main, used, problems);
    }

    /**
     * This knowledge base after one file was saved, added or removed. A file that is now broken
     * keeps its last good entry in use; its problems are reported in {@link #problems()}.
     * Files outside a language folder are ignored.
     */
    KnowledgeBase reloaded(Path file) {
        Optional<Lang> lang = langOf(file);
        if (lang.isEmpty() || !isMarkdown(file)) {
            return this;
        }
        Map<Path, Entry> nextUsed = new LinkedHashMap<>(used);
        Map<Path, List<Problem>> nextProblems = new LinkedHashMap<>(fileProblems);
        nextProblems.remove(file);
        if (!Files.isRegularFile(file)) {
            nextUsed.remove(file);
        } else {
            EntryFile.Parsed parsed = read(file, lang.get(), new Yaml(new SafeConstructor(new LoaderOptions())));
            if (parsed.usable()) {
                nextUsed.put(file, parsed.entry());
            } else if (parsed.problems().stream().anyMatch(p -> p.key().equals(REMOVED))) {
                nextUsed.remove(file);
            }
            List<Problem> problems = parsed.problems().stream()
                    .filter(p -> !p.key().equals(REMOVED)).toList();
            if (!problems.isEmpty()) {
                nextProblems.put(file, problems);
            }
        }
        return new KnowledgeBase(dir, main, nextUsed, nextProblems);
    }

    /** The language a file under this knowledge base belongs to, by its folder. */
    Optional<Lang> langOf(Path file) {
        Path parent = file.getParent();
        if (parent == null || !dir.equals(parent.getParent())) {
            return Optional.empty();
        }
        return langOfFolder(parent.getFileName().toString());
    }

    public Path dir() {
        return dir;
    }

    /** The default language: every entry exists in it, and suggestions fall back to it. */
    public Lang defaultLanguage() {
        return main;
    }

    /**
     * The entry {@code id} in {@code lang}; when it has no translation there, in the default
     * language ({@link #defaultLanguage()}); failing that, in any language that has it.
     */
    public Optional<Entry> entry(String id, Lang lang) {
        Entry e = byLang.get(lang).get(id);
        if (e == null) {
            e = byLang.get(main).get(id);
        }
        if (e == null) {
            for (Lang other : Lang.values()) {
                e = byLang.get(other).get(id);
                if (e != null) {
                    break;
                }
            }
        }
        return Optional.ofNullable(e);
    }

    /** Every usable entry, each language's entries in file order. */
    public Collection<Entry> entries() {
        return entries;
    }

    /** The ids of all entries, in any language, in file order. */
    public Set<String> ids() {
        Set<String> ids = new LinkedHashSet<>();
        for (Entry e : entries) {
            ids.add(e.id());
        }
        return Collections.unmodifiableSet(ids);
    }

    /** Every translation of {@code id}, by language. */
    public Map<Lang, Entry> translations(String id) {
        Map<Lang, Entry> out = new EnumMap<>(Lang.class);
        for (Lang lang : Lang.values()) {
            Entry e = byLang.get(lang).get(id);
            if (e != null) {
                out.put(lang, e);
            }
        }
        return out;
    }

    /** Everything wrong in the folder, ordered by file and line; empty when all is well. */
    public List<Problem> problems() {
        return problems;
    }

    static Optional<Lang> langOfFolder(String name) {
        for (Lang lang : Lang.values()) {
            if (lang.code().equals(name)) {
                return Optional.of(lang);
            }
        }
        return Optional.empty();
    }

    static boolean isMarkdown(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".md");
    }

    private static EntryFile.Parsed read(Path file, Lang lang, Yaml yaml) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            return new EntryFile.Parsed(file, null, List.of(Problem.of(file, 0, "file.not_utf8")));
        } catch (NoSuchFileException e) {
            return new EntryFile.Parsed(file, null, List.of(Problem.of(file, 0, REMOVED)));
        } catch (IOException e) {
            return new EntryFile.Parsed(file, null, List.of(Problem.of(file, 0, "file.unreadable", e.getMessage())));
        }
        return EntryFile.parse(file, lang, text, yaml);
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static boolean hasMarkdown(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.anyMatch(p -> Files.isRegularFile(p) && isMarkdown(p));
        } catch (IOException e) {
            return false;
        }
    }
}
