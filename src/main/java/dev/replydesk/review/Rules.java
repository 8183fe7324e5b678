package dev.replydesk.review;

import dev.replydesk.language.Lang;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** The checklist's word lists and thresholds for one language, compiled from its rule file. */
final class Rules {
    /** Something the customer can give (an order number, a phone): how it is asked for and how it looks. */
    record Fact(String name, List<Phrase> ask, Pattern given) {
    }

    /** A kind of question (price, time, ...): how it is asked and what counts as an answer. */
    record QuestionKind(String name, List<Phrase> ask, List<Phrase> answers, Set<String> families,
            boolean atStart, boolean steps) {
    }

    /** A kind of position the brand can take in a thread (refund, replacement, call back, ...). */
    record Position(String name, List<Phrase> words) {
    }

    final Lang lang;

    // polite
    final List<Phrase> insults;
    final List<Phrase> blame;
    final List<Phrase> sarcasm;
    final List<Phrase> condescension;
    final List<Phrase> apologies;
    final int maxApologies;
    final List<Phrase> diminutives;
    final List<Phrase> gushing;
    final int maxEmoji;
    final int maxExclamationRun;
    final int maxExclamations;
    final int capsMinLetters;
    final Set<String> capsAllowed;
    final List<Phrase> formalAddress;
    final List<Phrase> informalAddress;
    final List<Phrase> dismissive;
    final int maxDismissiveWords;

    // logical
    final List<Phrase> requests;
    final List<Fact> facts;
    final List<Phrase> vague;
    final List<Phrase> nextSteps;
    /** Word endings of a verb telling the reader to act ("напишите"), after a reflexive ending is cut. */
    final List<String> imperativeEndings;
    final List<String> reflexiveEndings;
    /** Verbs of that form that ask for no action: waiting, understanding, apologising. */
    final List<Phrase> notSteps;
    /** Verbs telling the reader to act where no ending shows it (English): at a sentence's start. */
    final List<Phrase> imperativeWords;
    /** Words for one thing ("доставка", "привезти", "курьер"): the same topic when comparing. */
    final List<List<Phrase>> synonyms;
    final List<QuestionKind> questionKinds;
    final List<List<Phrase>> selfContradictions;
    final Set<String> stopwords;
    final List<Phrase> conditions;
    final List<List<Phrase>> progress;
    final List<Phrase> already;
    final List<Phrase> notYet;
    final List<Phrase> stillNow;
    final List<Phrase> free;
    final Set<String> commitments;
    final List<Phrase> demands;
    final List<Phrase> praise;
    final List<Phrase> declines;
    final int minContentWords;
    final int topicalWords;
    final List<Phrase> subordinateWords;
    final List<Phrase> subordinateOpeners;
    final List<Phrase> indirect;
    final List<Phrase> yes;
    final int entryWords;

    // consistent
    final List<Phrase> negations;
    final List<Phrase> refusals;
    final List<Position> positions;
    final List<Phrase> agreement;
    final List<Phrase> blameBack;
    final List<Phrase> retractions;
    final List<List<Phrase>> antonyms;
    final List<Phrase> granting;
    final List<Phrase> absolutes;
    final List<Phrase> limits;
    final int deniedWords;
    final List<Phrase> exclusions;
    final List<Phrase> reasons;
    final List<String> pastEndings;
    final int absoluteWords;
    final List<Phrase> only;
    final List<Phrase> alternatives;
    final Set<String> clauseBreaks;
    final double maxAmountRatio;
    final int amountContextWords;
    /** How many more words a draft clause must share with another amount's clause to be its case. */
    final int otherClauseWords;
    final List<Set<String>> kindredPositions;

    // links
    final List<Phrase> linkAsked;
    final Pattern bareDomain;

    final Quantities quantities;

    /** Two kinds of position that grant the same thing in other ways (a refund, a compensation). */
    boolean kindred(String a, String b) {
        return kindredPositions.stream().anyMatch(g -> g.contains(a) && g.contains(b));
    }

    Rules(Lang lang, RuleFile f) {
        this.lang = lang;
        insults = f.phrases("polite.insults");
        blame = f.phrases("polite.blame");
        sarcasm = f.phrases("polite.sarcasm");
        condescension = f.phrases("polite.condescension");
        apologies = f.phrases("polite.apologies");
        maxApologies = f.integer("polite.max_apologies");
        diminutives = f.phrases("polite.diminutives");
        gushing = f.phrases("polite.gushing");
        maxEmoji = f.integer("polite.max_emoji");
        maxExclamationRun = f.integer("polite.max_exclamation_run");
        maxExclamations = f.integer("polite.max_exclamations");
        capsMinLetters = f.integer("polite.caps_min_letters");
        capsAllowed = new TreeSet<>(f.strings("polite.caps_allowed"));
        formalAddress = f.phrases("polite.formal_address");
        informalAddress = f.phrases("polite.informal_address");
        dismissive = f.has("polite.dismissive") ? f.phrases("polite.dismissive") : List.of();
        maxDismissiveWords = f.has("polite.max_dismissive_words") ? f.integer("polite.max_dismissive_words") : 0;

        requests = f.phrases("logical.requests");
        List<Fact> fs = new ArrayList<>();
        for (String name : f.keys("logical.given_facts")) {
            String path = "logical.given_facts." + name;
            fs.add(new Fact(name, f.phrases(path + ".ask"), f.regex(path + ".given")));
        }
        facts = List.copyOf(fs);
        vague = f.phrases("logical.vague");
        nextSteps = f.phrases("logical.next_steps");
        imperativeEndings = f.has("logical.imperative.endings") ? normalised(f.strings("logical.imperative.endings"))
                : List.of();
        reflexiveEndings = f.has("logical.imperative.reflexive") ? normalised(f.strings("logical.imperative.reflexive"))
                : List.of();
        notSteps = f.has("logical.imperative.not_steps") ? f.phrases("logical.imperative.not_steps") : List.of();
        imperativeWords = f.has("logical.imperative.words") ? f.phrases("logical.imperative.words") : List.of();
        synonyms = f.groups("logical.synonyms");
        List<QuestionKind> kinds = new ArrayList<>();
        for (String name : f.keys("logical.question_kinds")) {
            String path = "logical.question_kinds." + name;
            kinds.add(new QuestionKind(name, f.phrases(path + ".ask"), f.phrases(path + ".answers"),
                    Set.copyOf(f.strings(path + ".families")), f.has(path + ".at_start") && f.flag(path + ".at_start"),
                    f.has(path + ".answered_by_steps") && f.flag(path + ".answered_by_steps")));
        }
        questionKinds = List.copyOf(kinds);
        selfContradictions = f.pairs("logical.self_contradictions");
        Set<String> stop = new TreeSet<>();
        for (String s : f.strings("logical.stopwords")) {
            stop.add(Text.normalise(s));
        }
        stopwords = stop;
        minContentWords = f.integer("logical.min_content_words");
        topicalWords = f.integer("logical.topical_words");
        subordinateWords = f.has("logical.subordinate.words") ? f.phrases("logical.subordinate.words") : List.of();
        subordinateOpeners = f.has("logical.subordinate.openers") ? f.phrases("logical.subordinate.openers") : List.of();
        indirect = f.has("logical.subordinate.indirect") ? f.phrases("logical.subordinate.indirect") : List.of();
        yes = f.has("logical.affirmative") ? f.phrases("logical.affirmative") : List.of();
        entryWords = f.has("logical.entry_words") ? f.integer("logical.entry_words") : Integer.MAX_VALUE;
        conditions = f.phrases("logical.conditions");
        List<List<Phrase>> stages = new ArrayList<>();
        for (String stage : f.keys("logical.progress.stages")) {
            stages.add(f.phrases("logical.progress.stages." + stage));
        }
        progress = List.copyOf(stages);
        already = f.phrases("logical.progress.already");
        notYet = f.phrases("logical.progress.not_yet");
        stillNow = f.phrases("logical.progress.now");
        free = f.phrases("logical.free");
        commitments = Set.copyOf(f.strings("logical.commitments"));
        demands = f.phrases("logical.demands");
        praise = f.phrases("logical.praise");
        declines = f.phrases("logical.declines");

        negations = f.phrases("consistent.negations");
        refusals = f.phrases("consistent.refusals");
        List<Position> ps = new ArrayList<>();
        for (String name : f.keys("consistent.positions")) {
            ps.add(new Position(name, f.phrases("consistent.positions." + name)));
        }
        positions = List.copyOf(ps);
        List<Set<String>> kin = new ArrayList<>();
        if (f.has("consistent.kindred_positions")) {
            for (List<Phrase> group : f.pairs("consistent.kindred_positions")) {
                Set<String> names = new TreeSet<>();
                for (Phrase ph : group) {
                    names.add(ph.source().replace("=", "").strip());
                }
                kin.add(names);
            }
        }
        kindredPositions = List.copyOf(kin);
        agreement = f.phrases("consistent.agreement");
        blameBack = f.phrases("consistent.blame_back");
        retractions = f.phrases("consistent.retractions");
        antonyms = f.pairs("consistent.antonyms");
        granting = f.phrases("consistent.granting");
        absolutes = f.phrases("consistent.absolutes");
        limits = f.phrases("consistent.limits");
        deniedWords = f.integer("consistent.denied_words");
        exclusions = f.phrases("consistent.exclusions");
        reasons = f.phrases("consistent.reasons");
        pastEndings = f.strings("consistent.past_endings");
        absoluteWords = f.integer("consistent.absolute_words");
        only = f.phrases("consistent.only");
        alternatives = f.phrases("consistent.alternatives");
        Set<String> breaks = new TreeSet<>();
        for (String s : f.strings("consistent.clause_breaks")) {
            breaks.add(Text.normalise(s));
        }
        clauseBreaks = breaks;
        maxAmountRatio = f.number("consistent.max_amount_ratio");
        amountContextWords = f.integer("consistent.amount_context_words");
        otherClauseWords = f.has("consistent.other_clause_words") ? f.integer("consistent.other_clause_words") : 2;

        linkAsked = f.phrases("links.asked");
        List<String> tlds = f.strings("links.tlds");
        if (tlds.isEmpty()) {
            throw f.bad("links.tlds", "is empty");
        }
        bareDomain = Pattern.compile("(?<![\\p{L}\\d@.\\-/])(?:[\\p{L}\\d][\\p{L}\\d\\-]*\\.)+(?:"
                + String.join("|", tlds.stream().map(Pattern::quote).toList())
                + ")(?![\\p{L}\\d\\-])(?:/[^\\s]*)?", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

        quantities = new Quantities(f);
    }

    private static List<String> normalised(List<String> words) {
        List<String> out = new ArrayList<>();
        for (String w : words) {
            out.add(Text.normalise(w));
        }
        return List.copyOf(out);
    }
}
