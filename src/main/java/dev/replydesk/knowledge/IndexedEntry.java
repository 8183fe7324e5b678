package dev.replydesk.knowledge;

import dev.replydesk.language.Lang;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One entry id with every translation analysed: what the index holds for it and what the ranker
 * compares a comment against. Immutable.
 */
final class IndexedEntry {
    /** One translation: the entry and its title + questions and answer, analysed. */
    record Version(Entry entry, List<Analyzed> questions, Analyzed answer, String preview) {
        Version {
            questions = List.copyOf(questions);
        }
    }

    /** Characters of the answer shown on a card. */
    static final int PREVIEW = 160;

    private final String id;
    private final Map<Lang, Version> versions;
    private final Set<String> questionForms = new LinkedHashSet<>();
    private final Set<String> questionPrefixes = new LinkedHashSet<>();
    private final Set<String> questionGroups = new LinkedHashSet<>();
    private final Set<String> questionBigrams = new LinkedHashSet<>();
    private final Set<String> answerForms = new LinkedHashSet<>();
    private final Set<String> answerPrefixes = new LinkedHashSet<>();
    private final Set<String> answerGroups = new LinkedHashSet<>();

    IndexedEntry(String id, Map<Lang, Version> versions) {
        this.id = id;
        this.versions = new EnumMap<>(versions);
        for (Version v : versions.values()) {
            for (Analyzed q : v.questions()) {
                questionForms.addAll(q.forms());
                questionPrefixes.addAll(q.prefixes());
                questionGroups.addAll(q.groups());
                questionBigrams.addAll(q.bigrams());
            }
            answerForms.addAll(v.answer().forms());
            answerPrefixes.addAll(v.answer().prefixes());
            answerGroups.addAll(v.answer().groups());
        }
    }

    static IndexedEntry of(String id, Map<Lang, Entry> translations, TextAnalyzer analyzer) {
        Map<Lang, Version> versions = new EnumMap<>(Lang.class);
        translations.forEach((lang, e) -> {
            List<Analyzed> questions = new ArrayList<>();
            questions.add(analyzer.analyze(e.title(), lang));
            for (String q : e.questions()) {
                questions.add(analyzer.analyze(q, lang));
            }
            versions.put(lang, new Version(e, questions, analyzer.analyze(Markdown.plain(e.answer()), lang),
                    Markdown.preview(e.answer(), PREVIEW)));
        });
        return new IndexedEntry(id, versions);
    }

    String id() {
        return id;
    }

    Map<Lang, Version> versions() {
        return versions;
    }

    Set<String> questionForms() {
        return questionForms;
    }

    Set<String> questionPrefixes() {
        return questionPrefixes;
    }

    Set<String> questionGroups() {
        return questionGroups;
    }

    Set<String> questionBigrams() {
        return questionBigrams;
    }

    Set<String> answerForms() {
        return answerForms;
    }

    Set<String> answerPrefixes() {
        return answerPrefixes;
    }

    Set<String> answerGroups() {
        return answerGroups;
    }
}
