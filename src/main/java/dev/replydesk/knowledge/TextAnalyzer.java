package dev.replydesk.knowledge;

import dev.replydesk.language.Lang;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.ru.RussianAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.uk.UkrainianMorfologikAnalyzer;

/**
 * Reduces a text to {@link Analyzed} words with each language's Lucene analyzer — Russian
 * (Snowball stemmer), Ukrainian (morfologik dictionary lemmas), English (Porter) — and marks
 * the synonym groups it mentions. Thread-safe; immutable once built.
 */
final class TextAnalyzer {
    private final Map<Lang, Analyzer> analyzers = new EnumMap<>(Lang.class);
    private final Map<Lang, Synonyms.Trie> tries = Synonyms.emptyTries();
    private final Set<String> ignored;
    private final Map<Lang, Set<String>> weak = new EnumMap<>(Lang.class);
    private final Synonyms synonyms;

    /**
     * @param synonyms the editors' synonym groups
     * @param ignored  words (as written, lower case) that say nothing about the question:
     *                 greetings, politeness, filler
     */
    TextAnalyzer(Synonyms synonyms, Set<String> ignored) {
        this(synonyms, ignored, Set.of());
    }

    /**
     * @param weak words (as written, lower case) of almost any question, which count less
     */
    TextAnalyzer(Synonyms synonyms, Set<String> ignored, Set<String> weak) {
        this.synonyms = synonyms;
        this.ignored = Set.copyOf(ignored.stream().map(TextAnalyzer::fold).toList());
        analyzers.put(Lang.RU, new RussianAnalyzer(withoutNegation(RussianAnalyzer.getDefaultStopSet())));
        analyzers.put(Lang.UK, new UkrainianMorfologikAnalyzer(withoutNegation(UkrainianMorfologikAnalyzer.getDefaultStopwords())));
        analyzers.put(Lang.EN, new EnglishAnalyzer(withoutNegation(EnglishAnalyzer.getDefaultStopSet()), CharArraySet.EMPTY_SET));
        for (Lang lang : Lang.values()) {
            Set<String> forms = new java.util.HashSet<>();
            for (String w : weak) {
                words(w, lang, true).forEach(x -> forms.addAll(x.forms()));
            }
            this.weak.put(lang, Set.copyOf(forms));
        }
        for (Synonyms.Group group : synonyms.groups()) {
            for (String phrase : group.phrases()) {
                for (Lang lang : Lang.values()) {
                    List<List<String>> forms = new ArrayList<>();
                    for (Analyzed.Word w : words(phrase, lang, true)) {
                        forms.add(w.forms());
                    }
                    if (!forms.isEmpty()) {
                        tries.get(lang).add(forms, 0, group);
                    }
                }
            }
        }
    }

    /**
     * Negation particles are kept out of the stop lists so that a phrase like "не включается"
     * can be told from "включается": the particle is not a word of its own but marks the next
     * word with an extra {@code не_} form.
     */
    private static final Set<String> NEGATIONS = Set.of("не", "нет", "ні", "немає", "not", "no", "don't", "doesn't", "won't", "can't",
            "cannot", "isn't", "didn't", "wasn't", "aren't");
    private static final String NEGATED = "не_";

    private static CharArraySet withoutNegation(CharArraySet stop) {
        CharArraySet out = new CharArraySet(stop.size(), true);
        for (Object o : stop) {
            String w = o instanceof char[] chars ? new String(chars) : o.toString();
            if (!NEGATIONS.contains(w)) {
                out.add(w);
            }
        }
        return CharArraySet.unmodifiableSet(out);
    }

    Synonyms synonyms() {
        return synonyms;
    }

    /** The Lucene analyzer of {@code lang}, for the plain baseline and tests. */
    Analyzer lucene(Lang lang) {
        return analyzers.get(lang);
    }

    Analyzed analyze(String text, Lang lang) {
        List<Analyzed.Word> words = words(text, lang, false);
        List<Analyzed.Concept> concepts = new ArrayList<>();
        Synonyms.Trie root = tries.get(lang);
        List<Set<String>> keys = new ArrayList<>(words.size());
        for (Analyzed.Word w : words) {
            keys.add(Synonyms.Trie.keys(w.forms()));
        }
        for (int i = 0; i < words.size(); i++) {
            collect(root, keys, i, i, concepts);
        }
        return new Analyzed(lang, words, concepts);
    }

    private static void collect(Synonyms.Trie node, List<Set<String>> words, int from, int at,
            List<Analyzed.Concept> out) {
        if (at > from) {
            for (Synonyms.Group g : node.ends()) {
                Analyzed.Concept c = new Analyzed.Concept(g.token(), g.name(), from, at);
                if (!out.contains(c)) {
                    out.add(c);
                }
            }
        }
        if (at == words.size()) {
            return;
        }
        for (String key : words.get(at)) {
            Synonyms.Trie next = node.step(key);
            if (next != null) {
                collect(next, words, from, at + 1, out);
            }
        }
    }

    /**
     * A text's words. In a synonym {@code phrase}, a negated word has only its negated forms,
     * so "не греет" does not match "греет"; in a comment or entry it has both.
     */
    private List<Analyzed.Word> words(String text, Lang lang, boolean phrase) {
        List<Analyzed.Word> words = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return words;
        }
        try (TokenStream ts = analyzers.get(lang).tokenStream("text", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
            PositionIncrementAttribute inc = ts.addAttribute(PositionIncrementAttribute.class);
            ts.reset();
            String surface = null;
            Set<String> forms = null;
            boolean skip = false;
            boolean negated = false;
            boolean negateNext = false;
            while (ts.incrementToken()) {
                String form = fold(term.toString());
                if (inc.getPositionIncrement() == 0 && forms != null) {
                    if (!skip && usable(form)) {
                        forms.add(form);
                    }
                    continue;
                }
                add(words, surface, forms, negated, phrase, weakForms(lang));
                surface = text.substring(offset.startOffset(), Math.min(text.length(), offset.endOffset()));
                forms = new LinkedHashSet<>();
                negated = negateNext;
                negateNext = false;
                if (NEGATIONS.contains(fold(surface))) {
                    negateNext = true;
                    skip = true;
                    continue;
                }
                skip = hasDigit(surface) || (!phrase && ignored.contains(fold(surface)));
                if (!skip && usable(form) && !(form.length() <= 2 && surface.length() > 3)) {
                    forms.add(form);
                }
            }
            add(words, surface, forms, negated, phrase, weakForms(lang));
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return words;
    }

    private static void add(List<Analyzed.Word> words, String surface, Set<String> forms, boolean negated,
            boolean phrase, Set<String> weak) {
        if (forms == null || forms.isEmpty()) {
            return;
        }
        boolean isWeak = false;
        if (!phrase) {
            for (String f : forms) {
                isWeak |= weak.contains(f);
            }
        }
        if (!negated) {
            words.add(new Analyzed.Word(surface, List.copyOf(forms), isWeak));
            return;
        }
        List<String> out = new ArrayList<>();
        if (!phrase) {
            out.addAll(forms);
        }
        for (String f : forms) {
            out.add(NEGATED + f);
        }
        words.add(new Analyzed.Word(surface, out, isWeak));
    }

    private Set<String> weakForms(Lang lang) {
        // the weak forms are being built while the constructor analyses the weak words
        return weak.getOrDefault(lang, Set.of());
    }

    private static boolean usable(String form) {
        return form.length() > 1 && !hasDigit(form);
    }

    private static boolean hasDigit(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isDigit(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** Lower case, ё as е, one kind of apostrophe: how words are compared everywhere here. */
    static String fold(String s) {
        return s.toLowerCase(Locale.ROOT).replace('ё', 'е').replace('’', '\'').replace('ʼ', '\'');
    }
}
