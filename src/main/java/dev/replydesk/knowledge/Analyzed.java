package dev.replydesk.knowledge;

import dev.replydesk.language.Lang;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A text as the index sees it: its words in order, each with the forms it was reduced to
 * (stems or lemmas — several for an ambiguous word), and the synonym groups it mentions.
 *
 * @param lang     the language whose analyzer produced it
 * @param words    the informative words in order (stop words, numbers and codes dropped)
 * @param concepts synonym groups found, each with the words it spans
 */
record Analyzed(Lang lang, List<Word> words, List<Concept> concepts) {
    /** Characters of a form kept in the word-start field: a crude, language-free stem. */
    static final int PREFIX = 5;

    Analyzed {
        words = List.copyOf(words);
        concepts = List.copyOf(concepts);
    }

    /**
     * One word of the text.
     *
     * @param surface the word as written
     * @param forms   what the language's analyzer reduced it to (at least one)
     * @param weak    a word of almost any question, which counts less
     */
    record Word(String surface, List<String> forms, boolean weak) {
        Word {
            forms = List.copyOf(forms);
        }

        Word(String surface, List<String> forms) {
            this(surface, forms, false);
        }

        /** The word starts used by the language-free field: the first letters of each form. */
        Set<String> prefixes() {
            Set<String> out = new LinkedHashSet<>();
            for (String f : forms) {
                out.add(prefix(f));
            }
            return out;
        }
    }

    /**
     * A synonym group mentioned by the text.
     *
     * @param group the group's token, the same in every language
     * @param name  the group's first phrase, for people
     * @param from  index of the first word it spans
     * @param to    index after the last word it spans
     */
    record Concept(String group, String name, int from, int to) {
    }

    static String prefix(String form) {
        return form.length() > PREFIX ? form.substring(0, PREFIX) : form;
    }

    /** Every form of every word, once. */
    Set<String> forms() {
        Set<String> out = new LinkedHashSet<>();
        for (Word w : words) {
            out.addAll(w.forms());
        }
        return out;
    }

    /** Every word start, once. */
    Set<String> prefixes() {
        Set<String> out = new LinkedHashSet<>();
        for (Word w : words) {
            out.addAll(w.prefixes());
        }
        return out;
    }

    /** Every synonym-group token, once. */
    Set<String> groups() {
        Set<String> out = new LinkedHashSet<>();
        for (Concept c : concepts) {
            out.add(c.group());
        }
        return out;
    }

    /** Pairs of neighbouring words, as "form form", every combination of their forms. */
    Set<String> bigrams() {
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i + 1 < words.size(); i++) {
            for (String a : words.get(i).forms()) {
                for (String b : words.get(i + 1).forms()) {
                    out.add(a + " " + b);
                }
            }
        }
        return out;
    }

    boolean isEmpty() {
        return words.isEmpty();
    }

    /** The concepts that span word {@code i}. */
    List<Concept> conceptsAt(int i) {
        List<Concept> out = new ArrayList<>();
        for (Concept c : concepts) {
            if (c.from() <= i && i < c.to()) {
                out.add(c);
            }
        }
        return out;
    }
}
