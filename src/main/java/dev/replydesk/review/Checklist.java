package dev.replydesk.review;

import dev.replydesk.language.Lang;
import dev.replydesk.language.LanguageDetector;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import morfologik.stemming.Dictionary;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The reply checklist: judges a moderator's draft against the thread it answers, the matching
 * knowledge-base entry and the per-language rules, and says per {@link Check} whether it passes
 * and, if not, why. A pure function of its inputs; safe to share between threads.
 *
 * <pre>{@code
 * Checklist checklist = Checklist.load(Path.of("config/review"));
 * Review review = checklist.check(List.of(Turn.customer("Сколько идёт возврат?")), draft, Optional.of(ref));
 * if (!review.allPassed()) { review.reasons() ... }
 * }</pre>
 */
public final class Checklist {
    private static final String DEFAULTS = "/defaults/review/";

    private final Map<Lang, Rules> rules;
    private final Dictionary ukrainian;
    private final LanguageDetector detector = new LanguageDetector();
    private final PoliteCheck polite = new PoliteCheck();
    private final LogicalCheck logical = new LogicalCheck();
    private final ConsistentCheck consistent = new ConsistentCheck();
    private final LinksCheck links = new LinksCheck();

    private Checklist(Map<Lang, Rules> rules, Dictionary ukrainian) {
        this.rules = rules;
        this.ukrainian = ukrainian;
    }

    /**
     * Loads the rule files {@code <lang>.yml} (ru, uk, en) from {@code rulesDir}; a language whose
     * file is not there falls back to the built-in default.
     *
     * @throws IllegalArgumentException naming the file and key when a rule file is malformed
     */
    public static Checklist load(Path rulesDir) {
        Objects.requireNonNull(rulesDir, "rulesDir");
        Dictionary uk = Morphology.loadUkrainian();
        Map<Lang, Rules> rules = new EnumMap<>(Lang.class);
        for (Lang lang : Lang.values()) {
            Path file = rulesDir.resolve(lang.code() + ".yml");
            Map<String, Object> yaml;
            String name;
            if (Files.isRegularFile(file)) {
                name = file.toString();
                try (InputStream in = Files.newInputStream(file)) {
                    yaml = parse(in, name);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + file, e);
                }
            } else {
                name = "classpath:" + DEFAULTS + lang.code() + ".yml";
                yaml = defaultYaml(lang);
            }
            Morphology morphology = Morphology.of(lang, () -> uk);
            rules.put(lang, new Rules(lang, new RuleFile(name, yaml, morphology)));
        }
        return new Checklist(rules, uk);
    }

    /** The built-in rules packed into the jar from the project's {@code config/review/}. */
    public static Checklist defaults() {
        Dictionary uk = Morphology.loadUkrainian();
        Map<Lang, Rules> rules = new EnumMap<>(Lang.class);
        for (Lang lang : Lang.values()) {
            Morphology morphology = Morphology.of(lang, () -> uk);
            rules.put(lang, new Rules(lang, new RuleFile("classpath:" + DEFAULTS + lang.code() + ".yml",
                    defaultYaml(lang), morphology)));
        }
        return new Checklist(rules, uk);
    }

    private static Map<String, Object> defaultYaml(Lang lang) {
        String resource = DEFAULTS + lang.code() + ".yml";
        try (InputStream in = Checklist.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("built-in rule file " + resource + " is missing from the jar");
            }
            return parse(in, "classpath:" + resource);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(InputStream in, String name) {
        Object root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(name + ": not valid YAML: " + e.getMessage(), e);
        }
        if (!(root instanceof Map)) {
            throw new IllegalArgumentException(name + ": must be a YAML map of sections");
        }
        return (Map<String, Object>) root;
    }

    /**
     * Checks a draft reply.
     *
     * @param thread the comment thread the draft answers, oldest first; the draft replies to the
     *               last customer turn
     * @param draft  the moderator's draft
     * @param kb     the facts of the knowledge-base entry the draft should agree with, if any
     */
    public Review check(List<Turn> thread, String draft, Optional<Reference> kb) {
        return check(thread, draft, kb, null);
    }

    /**
     * Checks a draft reply as {@link #check(List, String, Optional)} does, with the reasons written
     * in {@code reader}'s language (the moderator's) instead of the draft's. The judgement is the
     * same whatever the reader: the draft is always read by its own language's rules.
     *
     * @param reader the language to write the reasons in; null for the draft's own
     */
    public Review check(List<Turn> thread, String draft, Optional<Reference> kb, Lang reader) {
        Objects.requireNonNull(thread, "thread");
        Objects.requireNonNull(kb, "kb");
        String text = draft == null ? "" : draft;
        Lang lang = language(thread, text);
        Rules r = rules.get(lang);
        Morphology morphology = Morphology.of(lang, () -> ukrainian);
        Draft d = Draft.of(r, new Messages(reader == null ? lang : reader), morphology, thread, text, kb);
        Map<Check, Boolean> passed = new EnumMap<>(Check.class);
        Map<Check, String> reasons = new EnumMap<>(Check.class);
        record(Check.POLITE, polite.check(d), passed, reasons);
        record(Check.LOGICAL, logical.check(d), passed, reasons);
        record(Check.CONSISTENT, consistent.check(d), passed, reasons);
        record(Check.LINKS, links.check(d), passed, reasons);
        return new Review(passed, reasons);
    }

    /**
     * The language a draft is checked in — and the one to pick its knowledge-base entry in. A reply
     * is in its customer's language, so the customer's turns back up a short draft; links and
     * addresses are Latin whatever the language and do not count.
     */
    public Lang language(List<Turn> thread, String draft) {
        StringBuilder words = new StringBuilder(draft == null ? "" : draft);
        for (Turn t : thread) {
            if (t.role() == Turn.Role.CUSTOMER) {
                words.append('\n').append(t.text());
            }
        }
        return detector.detect(LinksCheck.withoutLinks(words.toString(), rules.get(Lang.EN).bareDomain));
    }

    private static void record(Check check, Optional<String> failure, Map<Check, Boolean> passed,
            Map<Check, String> reasons) {
        passed.put(check, failure.isEmpty());
        failure.ifPresent(reason -> reasons.put(check, reason));
    }
}
