package dev.replydesk.knowledge;

import dev.replydesk.language.Lang;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;

/**
 * The editors' synonyms file: one group per line of words or phrases that mean the same thing
 * to a customer, in any of the languages, separated by commas; {@code #} starts a comment.
 *
 * <pre>
 * стиральная машина, стиралка, пральна машина, пралка, washing machine, washer
 * </pre>
 *
 * Each phrase is reduced by every language's analyzer, so any form of it ("стиралку",
 * "стиральной машины") finds the group; a group is one token in the index, shared by all
 * languages, which is also how a Ukrainian comment reaches an entry written only in Russian.
 */
final class Synonyms {
    /** One group: its token, its name (first phrase) and the phrases that mean it, as written. */
    record Group(String token, String name, List<String> phrases, int line) {
        Group {
            phrases = List.copyOf(phrases);
        }
    }

    private final List<Group> groups;
    private final List<String> problems;

    private Synonyms(List<Group> groups, List<String> problems) {
        this.groups = List.copyOf(groups);
        this.problems = List.copyOf(problems);
    }

    static Synonyms none() {
        return new Synonyms(List.of(), List.of());
    }

    static Synonyms parse(String text) {
        List<Group> groups = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Map<String, Group> byPhrase = new HashMap<>();
        List<Integer> oneWay = new ArrayList<>();
        String[] lines = text.split("\r\n|\r|\n");
        for (int i = 0; i < lines.length; i++) {
            String line = content(lines[i]);
            if (line.isBlank()) {
                continue;
            }
            if (line.contains("=>")) {
                oneWay.add(i);
                continue;
            }
            List<String> phrases = phrases(line);
            if (phrases.size() < 2) {
                problems.add("line " + (i + 1) + ": synonyms.one_phrase");
                continue;
            }
            Group g = new Group("§" + groups.size(), phrases.get(0), phrases, i + 1);
            groups.add(g);
            for (String p : phrases) {
                byPhrase.putIfAbsent(key(p), g);
            }
        }
        for (int i : oneWay) {
            String line = content(lines[i]);
            int arrow = line.indexOf("=>");
            List<String> left = phrases(line.substring(0, arrow));
            List<String> right = phrases(line.substring(arrow + 2));
            if (left.isEmpty() || right.size() != 1) {
                problems.add("line " + (i + 1) + ": synonyms.bad_arrow");
                continue;
            }
            Group target = byPhrase.get(key(right.get(0)));
            if (target == null) {
                target = new Group("§" + groups.size(), right.get(0), right, i + 1);
                groups.add(target);
                byPhrase.put(key(right.get(0)), target);
            }
            groups.add(new Group(target.token(), target.name(), left, i + 1));
        }
        return new Synonyms(groups, problems);
    }

    private static String content(String line) {
        int hash = line.indexOf('#');
        return hash >= 0 ? line.substring(0, hash) : line;
    }

    private static List<String> phrases(String text) {
        List<String> phrases = new ArrayList<>();
        for (String p : text.split("[,;]")) {
            if (!p.isBlank()) {
                phrases.add(p.strip().replaceAll("\\s+", " "));
            }
        }
        return phrases;
    }

    private static String key(String phrase) {
        return TextAnalyzer.fold(phrase);
    }

    List<Group> groups() {
        return groups;
    }

    /**
     * Lines that could not be used, e.g. a group with a single phrase: {@code line N: key}, the
     * key of the sentence in {@code knowledge/problems*.properties}.
     */
    List<String> problems() {
        return problems;
    }

    /**
     * A word-sequence trie of every phrase as {@code lang}'s analyzer reduces it. Built by
     * {@link TextAnalyzer}, which owns the analyzers.
     */
    static final class Trie {
        static final int STEM = 6;
        private final Map<String, Trie> next = new HashMap<>();
        private final List<Group> ends = new ArrayList<>();

        void add(List<List<String>> phrase, int at, Group group) {
            if (at == phrase.size()) {
                if (!ends.contains(group)) {
                    ends.add(group);
                }
                return;
            }
            for (String key : keys(phrase.get(at))) {
                next.computeIfAbsent(key, k -> new Trie()).add(phrase, at + 1, group);
            }
        }

        /**
         * What a word is looked up by: its forms, and for forms of at least {@link #STEM} letters
         * their first {@link #STEM} letters, so that the derivations a stemmer keeps apart
         * ("повреждение", "повреждённый") still find one group.
         */
        static Set<String> keys(List<String> forms) {
            Set<String> keys = new LinkedHashSet<>(forms);
            for (String f : forms) {
                if (f.length() >= STEM) {
                    keys.add(f.substring(0, STEM) + "*");
                }
                String base = verbBase(f);
                if (base != null) {
                    keys.add(base + "~");
                }
            }
            return keys;
        }

        /** Endings of Cyrillic verb forms that the Russian stemmer leaves on: завезт, завезет, завезут. */
        private static final java.util.regex.Pattern VERB_ENDING =
                java.util.regex.Pattern.compile("([\\p{IsCyrillic}]{5,}?)(?:ут|ют|ат|ят|ет|ит|т)");

        /**
         * The part of a Cyrillic stem before a verb ending, at least five letters, or null: the
         * Russian stemmer reduces "завезти", "завезёте" and "завезут" to three stems, and this
         * joins them, so any person of a verb finds the group its infinitive is in.
         */
        static String verbBase(String form) {
            var m = VERB_ENDING.matcher(form);
            return m.matches() ? m.group(1) : null;
        }

        Trie step(String form) {
            return next.get(form);
        }

        List<Group> ends() {
            return ends;
        }
    }

    static Map<Lang, Trie> emptyTries() {
        Map<Lang, Trie> out = new EnumMap<>(Lang.class);
        for (Lang l : Lang.values()) {
            out.put(l, new Trie());
        }
        return out;
    }
}
