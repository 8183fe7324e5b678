package dev.replydesk.triage;

import dev.replydesk.language.Lang;
import dev.replydesk.language.LanguageDetector;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * Labels a community comment (complaint, troll, question, praise, spam, other) and says why.
 * Pure and offline: reads the rule files once, then {@link #classify} only computes. Immutable,
 * so one instance may serve every thread.
 *
 * <pre>{@code
 * Triage triage = Triage.load(Path.of("config/triage"));
 * Verdict v = triage.classify("Заказ 123456 третью неделю не могут доставить");
 * v.label();    // COMPLAINT
 * v.reasons();  // ["order number + 'не могут' → complaint", "a long wait behind a real order...", ...]
 * }</pre>
 */
public final class Triage {
    /** Where the jar keeps the shipped rules, used when no rules folder is at hand. */
    public static final String DEFAULTS = "/defaults/triage/";

    private final Rules rules;
    private final Scorer scorer;
    private final LanguageDetector detector = new LanguageDetector();
    private final String empty;

    private Triage(Rules rules, Lang reasonsLanguage) {
        this.rules = rules;
        // reasons_ru / reasons_uk, English in the base file; never the JVM's default locale
        ResourceBundle texts = ResourceBundle.getBundle("dev.replydesk.triage.reasons",
                Locale.forLanguageTag(reasonsLanguage.code()),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        this.scorer = new Scorer(rules.model, texts);
        this.empty = texts.getString("reason.empty");
    }

    /**
     * Loads the rules from a folder holding {@code ru.txt}, {@code uk.txt}, {@code en.txt},
     * {@code shared.txt} and {@code weights.yml}.
     *
     * @throws IllegalArgumentException when a file is missing or wrong, naming the file and entry
     */
    public static Triage load(Path rulesDir) {
        return load(rulesDir, Lang.EN);
    }

    /** Like {@link #load(Path)}, with the reasons written in {@code reasonsLanguage} (the card's). */
    public static Triage load(Path rulesDir, Lang reasonsLanguage) {
        return new Triage(Rules.fromDirectory(rulesDir), reasonsLanguage);
    }

    /** The rules shipped inside the jar ({@value #DEFAULTS}), reasons in English. */
    public static Triage defaults() {
        return defaults(Lang.EN);
    }

    /** The rules shipped inside the jar, with the reasons written in {@code reasonsLanguage}. */
    public static Triage defaults(Lang reasonsLanguage) {
        return new Triage(Rules.fromClasspath(DEFAULTS), reasonsLanguage);
    }

    /** Labels one comment. Blank or null text is {@link Label#OTHER}. */
    public Verdict classify(String text) {
        if (text == null || text.isBlank()) {
            return new Verdict(Label.OTHER, List.of(empty));
        }
        Lang lang = detector.detect(text);
        return scorer.score(rules.read(Text.of(text), lang));
    }
}
