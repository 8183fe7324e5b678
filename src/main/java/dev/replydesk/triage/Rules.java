package dev.replydesk.triage;

import dev.replydesk.language.Lang;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The editable rule files of one rules folder, loaded and checked: {@code ru.txt},
 * {@code uk.txt}, {@code en.txt} (words and phrases per feature), {@code shared.txt} (regular
 * expressions per feature: order numbers, money, dates, links) and {@code weights.yml}.
 * Immutable once built, so one instance serves every thread.
 */
final class Rules {
    static final List<String> FILES = List.of("shared.txt", "weights.yml", "ru.txt", "uk.txt", "en.txt", "learned.tsv");
    /** Files a rules folder may leave out: without learned.tsv the learned feature is off. */
    static final Set<String> OPTIONAL = Set.of("learned.tsv");
    /** Features the reader computes itself rather than from a file. */
    static final Set<String> BUILT_IN = Set.of("shouting");

    /**
     * One regular expression of {@code shared.txt}.
     *
     * @param needs chars of which the comment must hold at least one for the pattern to be tried
     *              (empty: always tried); {@code 0} stands for any digit. A cheap test that spares
     *              most comments most patterns.
     */
    record PatternFeature(String feature, Pattern pattern, String needs) {
    }

    /** The chars any pattern needs, sorted, and per pattern the bit mask of the ones it needs. */
    private final char[] needChars;
    private final long[] needMasks;

    final Map<Lang, Lexicon> lexicons;
    final List<PatternFeature> patterns;
    final Model model;
    final Learned learned;

    private Rules(Map<Lang, Lexicon> lexicons, List<PatternFeature> patterns, Model model, Learned learned) {
        this.lexicons = lexicons;
        this.patterns = patterns;
        this.model = model;
        this.learned = learned;
        java.util.TreeSet<Character> all = new java.util.TreeSet<>();
        for (PatternFeature p : patterns) {
            p.needs.chars().forEach(c -> all.add((char) c));
        }
        if (all.size() > 63) {
            throw new IllegalArgumentException("shared.txt: the needs lines name more than 63 different chars");
        }
        needChars = new char[all.size()];
        int i = 0;
        for (char c : all) {
            needChars[i++] = c;
        }
        needMasks = new long[patterns.size()];
        for (int k = 0; k < patterns.size(); k++) {
            for (char c : patterns.get(k).needs.toCharArray()) {
                needMasks[k] |= 1L << java.util.Arrays.binarySearch(needChars, c);
            }
        }
    }

    /** Which of the needed chars the text holds, as a bit mask; digits count as '0'. */
    private long present(String norm) {
        long mask = 0;
        int zero = java.util.Arrays.binarySearch(needChars, '0');
        for (int i = 0; i < norm.length(); i++) {
            char c = norm.charAt(i);
            int at = c >= '0' && c <= '9' ? zero : java.util.Arrays.binarySearch(needChars, c);
            if (at >= 0) {
                mask |= 1L << at;
            }
        }
        return mask;
    }

    static Rules fromDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("triage rules folder not found: " + dir);
        }
        return load(name -> {
            Path file = dir.resolve(name);
            try {
                return Files.readString(file, StandardCharsets.UTF_8);
            } catch (java.nio.file.NoSuchFileException e) {
                if (OPTIONAL.contains(name)) {
                    return "";
                }
                throw new IllegalArgumentException("triage rules: " + file + " is missing");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }, dir.toString());
    }

    static Rules fromClasspath(String folder) {
        return load(name -> {
            String resource = folder + name;
            try (InputStream in = Rules.class.getResourceAsStream(resource)) {
                if (in == null && OPTIONAL.contains(name)) {
                    return "";
                }
                if (in == null) {
                    throw new IllegalStateException("triage rules: classpath resource " + resource + " is missing");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + resource, e);
            }
        }, "classpath:" + folder);
    }

    private static Rules load(Function<String, String> read, String where) {
        Map<String, Map<String, List<String>>> lexiconFiles = new LinkedHashMap<>();
        for (Lang lang : Lang.values()) {
            String name = lang.code() + ".txt";
            lexiconFiles.put(lang.code(), Sections.parse(where + "/" + name, read.apply(name)));
        }
        Map<String, List<String>> shared = Sections.parse(where + "/shared.txt", read.apply("shared.txt"));
        Model model = Model.parse(where + "/weights.yml", read.apply("weights.yml"));

        List<PatternFeature> patterns = new ArrayList<>();
        for (Map.Entry<String, List<String>> section : shared.entrySet()) {
            String needs = "";
            for (String regex : section.getValue()) {
                if (regex.startsWith("needs ")) {
                    needs = regex.substring("needs ".length()).replace(" ", "").replace("digit", "0");
                    continue;
                }
                try {
                    patterns.add(new PatternFeature(section.getKey(), compile(regex), needs));
                } catch (PatternSyntaxException e) {
                    throw new IllegalArgumentException(where + "/shared.txt: [" + section.getKey()
                            + "] bad regular expression '" + regex + "': " + e.getDescription());
                }
            }
        }

        Map<Lang, Lexicon> lexicons = new EnumMap<>(Lang.class);
        for (Lang lang : Lang.values()) {
            List<Map.Entry<String, Map<String, List<String>>>> files = new ArrayList<>();
            files.add(new SimpleEntry<>(lang.code() + ".txt", lexiconFiles.get(lang.code())));
            // commenters mix languages (surzhyk, English slang), so the others are read too, ranked lower
            for (Lang other : Lang.values()) {
                if (other != lang) {
                    files.add(new SimpleEntry<>(other.code() + ".txt", lexiconFiles.get(other.code())));
                }
            }
            lexicons.put(lang, new Lexicon(files));
        }

        check(where, model, lexiconFiles, shared);
        Learned learned = Learned.parse(where + "/learned.tsv", read.apply("learned.tsv"));
        return new Rules(lexicons, List.copyOf(patterns), model, learned);
    }

    /**
     * Compiles one pattern of {@code shared.txt}. Comments are matched lower-cased, so patterns
     * are written in lower case and need no case-insensitive flag (which costs much time); and
     * {@code \\w} is widened to letters of every alphabet, as Unicode classes would do, but cheaply.
     * So is {@code \\b}: Java's own sees no word boundary before a Cyrillic word ("заказ 50311"
     * was no order number, "30к" no sum of money).
     */
    static Pattern compile(String regex) {
        return Pattern.compile(regex.replace("\\b", BOUNDARY).replace("\\w", WORD));
    }

    private static final String WORD = "[\\p{javaLetterOrDigit}_]";
    private static final String BOUNDARY = "(?:(?<=" + WORD + ")(?!" + WORD + ")|(?<!" + WORD + ")(?=" + WORD + "))";

    /** Every feature the weights name must be defined somewhere, and every defined one used. */
    private static void check(String where, Model model, Map<String, Map<String, List<String>>> lexiconFiles,
            Map<String, List<String>> shared) {
        Set<String> defined = new HashSet<>(BUILT_IN);
        defined.addAll(shared.keySet());
        lexiconFiles.values().forEach(f -> f.keySet().stream()
                .filter(k -> !Lexicon.CONTROL.contains(k)).forEach(defined::add));
        for (String feature : model.mentionedFeatures()) {
            String base = feature.startsWith("not_") ? feature.substring(4) : feature;
            if (!defined.contains(base)) {
                throw new IllegalArgumentException(where + "/weights.yml: feature '" + feature
                        + "' is not defined in shared.txt or any language file");
            }
        }
        Set<String> used = model.mentionedFeatures();
        for (Map.Entry<String, Map<String, List<String>>> file : lexiconFiles.entrySet()) {
            for (String feature : file.getValue().keySet()) {
                if (!Lexicon.CONTROL.contains(feature) && !used.contains(feature)) {
                    throw new IllegalArgumentException(where + "/" + file.getKey() + ".txt: [" + feature
                            + "] is not used in weights.yml (a typo?)");
                }
            }
        }
        for (String feature : shared.keySet()) {
            if (!used.contains(feature)) {
                throw new IllegalArgumentException(where + "/shared.txt: [" + feature
                        + "] is not used in weights.yml (a typo?)");
            }
        }
    }

    /**
     * What the reader found in a comment.
     *
     * @param contrast char offset of the last "but" (но, але, однак...), or -1: what comes after
     *                 it is what the customer means ("хороший, но сломался")
     */
    record Reading(List<Hit> hits, int contrast, boolean questionMark, Learned.Evidence learned) {
    }

    /** Finds every feature in a comment. */
    Reading read(Text text, Lang lang) {
        List<Hit> hits = new ArrayList<>();
        readPatterns(text, hits);
        List<int[]> opaque = new ArrayList<>();
        Set<String> opaqueFeatures = model.signs().get("opaque");
        for (Hit h : hits) {
            if (opaqueFeatures.contains(h.feature())) {
                opaque.add(new int[] {h.start(), h.start() + h.surface().length()});
            }
        }
        List<Hit> words = new ArrayList<>();
        int contrast = readWords(text, lexicons.get(lang), words);
        for (Hit h : words) {
            // "super-sale.ru" is a link, not the word "sale"
            if (opaque.stream().noneMatch(o -> h.start() >= o[0] && h.start() < o[1])) {
                hits.add(h);
            }
        }
        if (shouting(text.original)) {
            hits.add(new Hit("shouting", "CAPS", 0, true, false));
        }
        Learned.Evidence evidence = model.learnedWeight() > 0
                ? learned.judge(text, model.learnedTemperature()) : Learned.Evidence.NONE;
        return new Reading(hits, contrast, text.original.indexOf('?') >= 0, evidence);
    }

    private void readPatterns(Text text, List<Hit> hits) {
        List<int[]> taken = new ArrayList<>();
        long present = present(text.norm);
        for (int k = 0; k < patterns.size(); k++) {
            PatternFeature p = patterns.get(k);
            if (needMasks[k] != 0 && (needMasks[k] & present) == 0) {
                continue;
            }
            Matcher m = p.pattern.matcher(text.norm);
            while (m.find()) {
                if (m.end() == m.start()) {
                    continue;
                }
                int s = m.start();
                int e = m.end();
                // an earlier match at least as long owns these chars: a phone is not an order number
                if (taken.stream().anyMatch(t -> s < t[1] && t[0] < e && t[1] - t[0] >= e - s)) {
                    continue;
                }
                taken.add(new int[] {s, e});
                hits.add(new Hit(p.feature, text.original.substring(s, e).strip(), s, true, false));
            }
        }
    }

    /** How many content words a negation reaches ("не сказал бы что доволен" still negates доволен). */
    private static final int NEGATION_REACH = 3;

    private int readWords(Text text, Lexicon lexicon, List<Hit> hits) {
        Map<String, double[]> weights = model.features();
        Set<String> carries = model.signs().get("carries_negation");
        Set<String> positive = model.signs().get("positive");
        int contrast = -1;
        int sentence = 0;
        int negation = 0;
        int negationStart = -1;
        int i = 0;
        int n = text.size();
        while (i < n) {
            String w = text.words[i];
            if (text.before[i] == Text.STOP) {
                sentence = i;
            }
            boolean opening = i == sentence || (text.before[i] != Text.NONE && i - sentence <= 3);
            if (text.before[i] == Text.STOP
                    || (text.before[i] == Text.COMMA && !lexicon.reachOver.contains(w))) {
                negation = 0;
            }
            if (lexicon.contrast.contains(w)) {
                contrast = text.starts[i];
                negation = 0;
                i++;
                continue;
            }
            List<Lexicon.Match> found = lexicon.longestAt(text, i);
            if (!found.isEmpty()) {
                int end = found.get(0).end();
                boolean ownNegation = lexicon.negators.contains(found.get(0).phrase().terms()[0].text());
                // "спасибо за "быструю" доставку": praise in quotation marks is said with a smirk
                boolean quoted = quoted(text, i, end);
                for (Lexicon.Match m : found) {
                    String feature = m.phrase().feature();
                    if (quoted && positive.contains(feature) && weights.containsKey("sarcasm_marker")) {
                        feature = "sarcasm_marker";
                    }
                    if (negation > 0 && !ownNegation && weights.containsKey("not_" + feature)) {
                        hits.add(new Hit("not_" + feature, text.surface(negationStart, end),
                                text.starts[negationStart], false, opening));
                    } else {
                        hits.add(new Hit(feature, text.surface(i, end), text.starts[i], false, opening));
                    }
                }
                // "не сказал бы, что доволен": a weak negated verb hands its "не" on to what follows
                negation = ownNegation && carries.contains(found.get(0).phrase().feature()) ? NEGATION_REACH : 0;
                negationStart = negation > 0 ? i : negationStart;
                i = end;
                continue;
            }
            if (lexicon.negators.contains(w)) {
                negation = NEGATION_REACH;
                negationStart = i;
            } else if (negation > 0 && !lexicon.reachOver.contains(w)) {
                negation--;
            }
            i++;
        }
        return contrast;
    }

    private static final String OPENING_QUOTES = "\"«“„'";
    private static final String CLOSING_QUOTES = "\"»”“'";

    /** Words {@code from} to {@code to} stand between quotation marks, alone or with a neighbour. */
    private static boolean quoted(Text text, int from, int to) {
        int s = text.starts[from];
        int e = text.ends[to - 1];
        boolean open = s > 0 && OPENING_QUOTES.indexOf(text.norm.charAt(s - 1)) >= 0;
        boolean close = e < text.norm.length() && CLOSING_QUOTES.indexOf(text.norm.charAt(e)) >= 0;
        return open && close;
    }

    /** Mostly capital letters over a fair length: shouting. */
    static boolean shouting(String s) {
        int upper = 0;
        int letters = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isLetter(c)) {
                letters++;
                if (Character.isUpperCase(c)) {
                    upper++;
                }
            }
        }
        return letters >= 12 && upper >= 0.7 * letters;
    }
}
