package dev.replydesk.knowledge;

import dev.replydesk.language.Lang;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One entry id with every translation analysed: what the index holds for it and what the ranker
 * compares a comment against. Immutable. Snapshots keep the {@link #light()} form, without the
 * analysed texts, which are needed only while indexing.
 */
final class IndexedEntry {
    /** Characters of the answer shown on a card. */
    static final int PREVIEW = 160;

    /** One translation: the entry, its title + questions and answer analysed, and the card preview. */
    record Version(Entry entry, List<Analyzed> questions, Analyzed answer, String preview) {
        Version {
            questions = List.copyOf(questions);
        }
    }

    /** The words of all translations, split by where they occur: what ranking looks up. */
    private record Words(TermSet questionForms, TermSet questionPrefixes, TermSet questionGroups,
            TermSet answerForms, TermSet answerPrefixes, TermSet answerGroups) {
    }

    private static final Analyzed NOTHING = new Analyzed(Lang.DEFAULT, List.of(), List.of());

    private final String id;
    private final Map<Lang, Version> versions;
    private final Words words;

    private IndexedEntry(String id, Map<Lang, Version> versions, Words words) {
        this.id = id;
        this.versions = versions;
        this.words = words;
    }

    static IndexedEntry of(String id, Map<Lang, Entry> translations, TextAnalyzer analyzer) {
        Map<Lang, Version> versions = new EnumMap<>(Lang.class);
        translations.forEach((lang, e) -> {
            List<Analyzed> questions = new ArrayList<>();
            questions.add(analyzer.analyze(e.title(), lang));
            for (String q : e.questions()) {
                questions.add(analyzer.analyze(q, lang));
            }
            String plain = Markdown.plain(e.answer());
            versions.put(lang, new Version(e, questions, analyzer.analyze(plain, lang), Markdown.cut(plain, PREVIEW)));
        });
        List<String> qf = new ArrayList<>();
        List<String> qp = new ArrayList<>();
        List<String> qg = new ArrayList<>();
        List<String> af = new ArrayList<>();
        List<String> ap = new ArrayList<>();
        List<String> ag = new ArrayList<>();
        for (Version v : versions.values()) {
            for (Analyzed q : v.questions()) {
                qf.addAll(q.forms());
                qp.addAll(q.prefixes());
                qg.addAll(q.groups());
            }
            af.addAll(v.answer().forms());
            ap.addAll(v.answer().prefixes());
            ag.addAll(v.answer().groups());
        }
        return new IndexedEntry(id, versions, new Words(TermSet.of(qf), TermSet.of(qp), TermSet.of(qg),
                TermSet.of(af), TermSet.of(ap), TermSet.of(ag)));
    }

    /**
     * The light form of an entry as the index cache gives it back: its translations and the word
     * sets computed when it was last analysed, in the order of {@link #wordSets()}.
     */
    static IndexedEntry restored(String id, Map<Lang, Entry> translations, List<TermSet> wordSets) {
        if (wordSets.size() != 6) {
            throw new IllegalArgumentException("an entry has 6 word sets, not " + wordSets.size());
        }
        Map<Lang, Version> light = new EnumMap<>(Lang.class);
        translations.forEach((lang, e) -> light.put(lang, new Version(e, List.of(), NOTHING,
                Markdown.cut(Markdown.plain(e.answer()), PREVIEW))));
        return new IndexedEntry(id, light, new Words(wordSets.get(0), wordSets.get(1), wordSets.get(2),
                wordSets.get(3), wordSets.get(4), wordSets.get(5)));
    }

    /** The six word sets, as {@link #restored} takes them. */
    List<TermSet> wordSets() {
        return List.of(words.questionForms(), words.questionPrefixes(), words.questionGroups(), words.answerForms(),
                words.answerPrefixes(), words.answerGroups());
    }

    /** This entry without the analysed texts (kept: word sets, entries, previews). */
    IndexedEntry light() {
        Map<Lang, Version> light = new EnumMap<>(Lang.class);
        versions.forEach((lang, v) -> light.put(lang, new Version(v.entry(), List.of(), NOTHING, v.preview())));
        return new IndexedEntry(id, light, words);
    }

    String id() {
        return id;
    }

    Map<Lang, Version> versions() {
        return versions;
    }

    TermSet questionForms() {
        return words.questionForms();
    }

    TermSet questionPrefixes() {
        return words.questionPrefixes();
    }

    TermSet questionGroups() {
        return words.questionGroups();
    }

    TermSet answerForms() {
        return words.answerForms();
    }

    TermSet answerPrefixes() {
        return words.answerPrefixes();
    }

    TermSet answerGroups() {
        return words.answerGroups();
    }
}
