package dev.replydesk.knowledge;

import dev.replydesk.language.Lang;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.BytesRefBuilder;
import org.apache.lucene.util.CharsRefBuilder;
import org.apache.lucene.util.StringHelper;

/**
 * Ranks entries for one comment: a weighted Lucene BM25 query over the index's fields finds the
 * candidates, then each candidate is scored by how much of the comment's informative words it
 * explains (its coverage), which is also the confidence used to abstain.
 */
final class Ranker {
    /** Every weight of the ranking in one place. */
    record Tuning(double questions, double answers, double cross, double prefix, double concept, double bigram,
            double fuzzy, int candidates, double unknownDf, double evidenceHalf, double minConfidence,
            double standOutConfidence, double standOutMargin) {
        static final Tuning DEFAULT = new Tuning(1.0, 0.3, 0.6, 0.4, 1.0, 0.5, 0.6, 10, 1.0, 0.9, 0.34, 0.255, 0.8);
    }

    /** How a word of the comment was found in an entry, strongest first. */
    enum How {
        WORD(1.0), SYNONYM(1.0), CROSS_LANGUAGE(0.9), TYPO(0.75), WORD_START(0.7);

        final double credit;

        How(double credit) {
            this.credit = credit;
        }

        /** For people: word, synonym, other language, typo, word start. */
        String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace("cross_language", "other language").replace('_', ' ');
        }
    }

    /**
     * A word of the comment that an entry matched, how, whether only in the answer, and whether
     * it is a weak word (one of almost any question).
     */
    record Match(String word, How how, boolean answerOnly, boolean weak, double weight) {
    }

    /** An entry considered for the comment. */
    record Candidate(String id, double score, double lucene, double coverage, double evidence, List<Match> matches) {
        Candidate {
            matches = List.copyOf(matches);
        }
    }

    /** The comment as analysed and the candidates, best first. */
    record Ranking(Lang lang, Analyzed query, List<Candidate> candidates) {
        Ranking {
            candidates = List.copyOf(candidates);
        }
    }

    private static final int MAX_WORDS = 64;

    private final TextAnalyzer analyzer;
    private final Tuning tuning;

    Ranker(TextAnalyzer analyzer, Tuning tuning) {
        this.analyzer = analyzer;
        this.tuning = tuning;
    }

    Tuning tuning() {
        return tuning;
    }

    Ranking rank(SearchIndex.Snapshot snap, String text, Lang lang) {
        Analyzed query = analyzer.analyze(text, lang);
        if (query.words().size() > MAX_WORDS) {
            query = new Analyzed(lang, query.words().subList(0, MAX_WORDS), query.concepts().stream()
                    .filter(c -> c.to() <= MAX_WORDS).toList());
        }
        // most entries exist only in Russian, so a Ukrainian comment is also read the Russian way;
        // a Russian comment needs no Ukrainian reading: every translation has a Russian original
        Lang otherLang = lang == Lang.UK ? Lang.RU : null;
        Analyzed other = otherLang == null ? null : analyzer.analyze(text, otherLang);
        if (query.isEmpty() || snap.entries().isEmpty()) {
            return new Ranking(lang, query, List.of());
        }
        try {
            DirectoryReader reader = snap.reader();
            Stats stats = new Stats(snap.searcher(), snap.memo());
            Map<String, List<String>> typos = typos(reader, stats, snap.memo(), query, lang);
            Map<Term, Double> clauses = new LinkedHashMap<>();
            String q = SearchIndex.questions(lang);
            String a = SearchIndex.answers(lang);
            for (Analyzed.Word w : query.words()) {
                double k = w.weak() ? WEAK : 1.0;
                for (String f : w.forms()) {
                    put(clauses, new Term(q, f), k * tuning.questions());
                    if (!w.weak()) {
                        put(clauses, new Term(a, f), tuning.answers());
                    }
                    for (String t : typos.getOrDefault(f, List.of())) {
                        put(clauses, new Term(q, t), k * tuning.questions() * tuning.fuzzy());
                        put(clauses, new Term(a, t), k * tuning.answers() * tuning.fuzzy());
                    }
                }
                for (String p : w.prefixes()) {
                    put(clauses, new Term(SearchIndex.QP, p), k * tuning.questions() * tuning.prefix());
                }
            }
            for (String b : query.bigrams()) {
                put(clauses, new Term(SearchIndex.bigrams(lang), b), tuning.questions() * tuning.bigram());
            }
            Set<String> groups = new LinkedHashSet<>(query.groups());
            if (other != null) {
                groups.addAll(other.groups());
                for (Analyzed.Word w : other.words()) {
                    for (String f : w.forms()) {
                        put(clauses, new Term(SearchIndex.questions(otherLang), f), tuning.questions() * tuning.cross());
                    }
                }
            }
            for (String g : groups) {
                put(clauses, new Term(SearchIndex.QC, g), tuning.questions() * tuning.concept());
                put(clauses, new Term(SearchIndex.AC, g), tuning.answers() * tuning.concept());
            }
            BooleanQuery.Builder builder = new BooleanQuery.Builder();
            int n = 0;
            for (Map.Entry<Term, Double> c : clauses.entrySet()) {
                if (n++ >= IndexLimits.MAX_CLAUSES) {
                    break;
                }
                TermStates states = stats.states(c.getKey());
                if (states.docFreq() == 0) {
                    continue;
                }
                builder.add(new BoostQuery(new TermQuery(c.getKey(), states), c.getValue().floatValue()),
                        BooleanClause.Occur.SHOULD);
            }
            TopDocs top = snap.searcher().search(builder.build(), tuning.candidates());
            List<WordChannels> words = channels(reader, stats, query, other, lang, otherLang, typos);
            List<Candidate> candidates = new ArrayList<>();
            for (ScoreDoc sd : top.scoreDocs) {
                String id = snap.id(sd.doc);
                IndexedEntry e = snap.entries().get(id);
                if (e == null) {
                    continue;
                }
                candidates.add(candidate(e, sd.score, words));
            }
            candidates = blend(candidates);
            candidates.sort(Comparator.comparingDouble(Candidate::score).reversed());
            return new Ranking(lang, query, candidates);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Lets BM25 settle close calls: a candidate's confidence is scaled by its Lucene score
     * relative to the best one's, a little ({@link #BM25_SHARE}), so the candidate BM25 likes
     * best keeps its confidence and the others lose at most that share.
     */
    private static List<Candidate> blend(List<Candidate> candidates) {
        double best = 0;
        for (Candidate c : candidates) {
            best = Math.max(best, c.lucene());
        }
        List<Candidate> out = new ArrayList<>();
        for (Candidate c : candidates) {
            double relative = best == 0 ? 1 : c.lucene() / best;
            double score = c.score() * (1 - BM25_SHARE + BM25_SHARE * relative);
            out.add(new Candidate(c.id(), score, c.lucene(), c.coverage(), c.evidence(), c.matches()));
        }
        return out;
    }

    private static final double BM25_SHARE = 0.2;

    private static void put(Map<Term, Double> clauses, Term term, double boost) {
        clauses.merge(term, boost, Math::max);
    }

    /** One way an entry can match a word of the comment: the terms to look for and how telling they are. */
    private record Channel(How how, Set<String> terms, double idf) {
    }

    /** A word of the comment, how much it can tell at most, and the channels it can be matched by. */
    private record WordChannels(Analyzed.Word word, double potential, double general, List<Channel> channels) {
    }

    private Candidate candidate(IndexedEntry e, double lucene, List<WordChannels> words) {
        double total = 0;
        double matched = 0;
        double evidence = 0;
        List<Match> matches = new ArrayList<>();
        for (WordChannels wc : words) {
            total += wc.potential();
            double best = 0;
            How bestHow = null;
            boolean bestAnswer = false;
            for (Channel c : wc.channels()) {
                for (int side = 0; side < 2; side++) {
                    boolean answer = side == 1;
                    if (!has(e, c.how(), answer, c.terms())) {
                        continue;
                    }
                    double ev = Math.min(c.idf(), wc.potential()) * c.how().credit * (answer ? ANSWER_CREDIT : 1.0);
                    if (ev > best) {
                        best = ev;
                        bestHow = c.how();
                        bestAnswer = answer;
                    }
                }
            }
            if (bestHow != null) {
                matched += best;
                evidence += wc.general() * bestHow.credit * (bestAnswer ? ANSWER_CREDIT : 1.0);
                matches.add(new Match(wc.word().surface(), bestHow, bestAnswer, wc.word().weak(), best));
            }
        }
        double coverage = total == 0 ? 0 : matched / total;
        double confidence = confidence(coverage, evidence);
        if (matches.stream().allMatch(Match::weak)) {
            // only words of almost any question (a product, a month, "how long") tie it to the comment
            confidence *= WEAK;
        }
        return new Candidate(e.id(), confidence, lucene, coverage, evidence, matches);
    }

    /**
     * How sure the ranker is that an entry answers the comment, in [0, 1]: the geometric mean of
     * the share of the comment it explains and the amount of telling evidence for it, which
     * saturates (half way at {@link Tuning#evidenceHalf()}, about one rare word).
     */
    double confidence(double coverage, double evidence) {
        return Math.sqrt(coverage * evidence / (evidence + tuning.evidenceHalf()));
    }

    /** How much a weak word (one of almost any question) counts. */
    private static final double WEAK = 0.5;

    /** A match found only in the answer, not the title or questions, counts this much. */
    private static final double ANSWER_CREDIT = 0.5;

    private static boolean has(IndexedEntry e, How how, boolean answer, Set<String> terms) {
        TermSet in = switch (how) {
            case WORD, TYPO, CROSS_LANGUAGE -> answer ? e.answerForms() : e.questionForms();
            case SYNONYM -> answer ? e.answerGroups() : e.questionGroups();
            case WORD_START -> answer ? e.answerPrefixes() : e.questionPrefixes();
        };
        for (String t : terms) {
            if (in.contains(t)) {
                return true;
            }
        }
        return false;
    }

    /**
     * For each word of the comment, the channels by which an entry may match it, each with BM25's
     * idf of its terms among the entries. A word's potential is its most telling known channel;
     * a word no entry knows in any way counts as if {@code unknownDf} entries had it.
     */
    private List<WordChannels> channels(DirectoryReader reader, Stats stats, Analyzed query, Analyzed other, Lang lang,
            Lang otherLang, Map<String, List<String>> typos) throws IOException {
        int n = Math.max(1, reader.numDocs());
        List<WordChannels> out = new ArrayList<>();
        for (int i = 0; i < query.words().size(); i++) {
            Analyzed.Word w = query.words().get(i);
            List<Channel> channels = new ArrayList<>();
            Set<String> forms = new LinkedHashSet<>(w.forms());
            channels.add(new Channel(How.WORD, forms, idf(n, maxDf(stats, forms, SearchIndex.questions(lang),
                    SearchIndex.answers(lang)))));
            Set<String> groups = new LinkedHashSet<>();
            for (Analyzed.Concept c : query.conceptsAt(i)) {
                groups.add(c.group());
            }
            Set<String> crossForms = new LinkedHashSet<>();
            if (other != null) {
                for (int j = 0; j < other.words().size(); j++) {
                    if (other.words().get(j).surface().equals(w.surface())) {
                        crossForms.addAll(other.words().get(j).forms());
                        for (Analyzed.Concept c : other.conceptsAt(j)) {
                            groups.add(c.group());
                        }
                    }
                }
                crossForms.removeAll(forms);
                if (!crossForms.isEmpty()) {
                    channels.add(new Channel(How.CROSS_LANGUAGE, crossForms, idf(n, maxDf(stats, crossForms,
                            SearchIndex.questions(otherLang), SearchIndex.answers(otherLang)))));
                }
            }
            if (!groups.isEmpty()) {
                channels.add(new Channel(How.SYNONYM, groups, idf(n, maxDf(stats, groups, SearchIndex.QC, SearchIndex.AC))));
            }
            Set<String> typoForms = new LinkedHashSet<>();
            for (String f : w.forms()) {
                typoForms.addAll(typos.getOrDefault(f, List.of()));
            }
            if (!typoForms.isEmpty()) {
                channels.add(new Channel(How.TYPO, typoForms, idf(n, maxDf(stats, typoForms,
                        SearchIndex.questions(lang), SearchIndex.answers(lang)))));
            }
            Set<String> prefixes = w.prefixes();
            channels.add(new Channel(How.WORD_START, prefixes, idf(n, maxDf(stats, prefixes, SearchIndex.QP))));
            double potential = 0;
            for (Channel c : channels) {
                if (!Double.isNaN(c.idf())) {
                    potential = Math.max(potential, c.idf());
                }
            }
            if (potential == 0) {
                potential = idf(n, tuning.unknownDf());
            }
            double scale = w.weak() ? WEAK : 1.0;
            double general = Double.NaN;
            for (Channel c : channels) {
                if (c.how() != How.WORD_START && c.how() != How.TYPO && !Double.isNaN(c.idf())) {
                    general = Double.isNaN(general) ? c.idf() : Math.min(general, c.idf());
                }
            }
            if (Double.isNaN(general)) {
                general = potential;
            }
            List<Channel> known = channels.stream().filter(c -> !Double.isNaN(c.idf()))
                    .map(c -> new Channel(c.how(), c.terms(), c.idf() * scale)).toList();
            out.add(new WordChannels(w, potential * scale, general * scale, known));
        }
        return out;
    }

    /**
     * BM25's idf relative to that of a term only one entry has, so 1 means "as telling as a word
     * can be" whatever the size of the knowledge base; NaN when no entry has the term, so the
     * channel cannot match.
     */
    private static double idf(int n, double df) {
        return df <= 0 ? Double.NaN : Math.log(1 + (n - df + 0.5) / (df + 0.5)) / Math.log(1 + (n - 0.5) / 1.5);
    }

    private static int maxDf(Stats stats, Set<String> terms, String... fields) throws IOException {
        int df = 0;
        for (String t : terms) {
            for (String f : fields) {
                df = Math.max(df, stats.states(new Term(f, t)).docFreq());
            }
        }
        return df;
    }

    /**
     * Term statistics looked up once per ranking and shared by the query and the scoring. One
     * terms enumeration per segment and field serves every lookup of the ranking: a fresh one per
     * term (as {@link TermStates#build} makes) costs more garbage than the lookup itself.
     */
    private static final class Stats {
        private final IndexSearcher searcher;
        private final SearchIndex.Memo memo;
        private final List<LeafReaderContext> leaves;
        private final Map<String, TermsEnum[]> enums = new HashMap<>();

        Stats(IndexSearcher searcher, SearchIndex.Memo memo) {
            this.searcher = searcher;
            this.memo = memo;
            this.leaves = searcher.getIndexReader().leaves();
        }

        TermStates states(Term term) throws IOException {
            TermStates s = memo.terms(term);
            if (s == null) {
                s = new TermStates(searcher.getTopReaderContext());
                TermsEnum[] perLeaf = enums.computeIfAbsent(term.field(), f -> new TermsEnum[leaves.size()]);
                for (int i = 0; i < leaves.size(); i++) {
                    TermsEnum te = perLeaf[i];
                    if (te == null) {
                        Terms terms = leaves.get(i).reader().terms(term.field());
                        te = terms == null ? TermsEnum.EMPTY : terms.iterator();
                        perLeaf[i] = te;
                    }
                    if (te != TermsEnum.EMPTY && te.seekExact(term.bytes())) {
                        s.register(te.termState(), leaves.get(i).ord, te.docFreq(), te.totalTermFreq());
                    }
                }
                memo.terms(term, s);
            }
            return s;
        }

        int df(Term term) throws IOException {
            return states(term).docFreq();
        }
    }

    /**
     * Likely intended forms for the comment's forms that no entry uses: index terms one edit
     * away (two for long words) that start with the same two letters — typos rarely hit the
     * start of a word, and scanning only those terms keeps this cheap on a large index. Forms
     * of fewer than five letters get none: one letter changed in those is mostly another real
     * word ("сдал", "сдан"), not a typo.
     */
    private static Map<String, List<String>> typos(DirectoryReader reader, Stats stats, SearchIndex.Memo memo,
            Analyzed query, Lang lang) throws IOException {
        Map<String, List<String>> out = new HashMap<>();
        String qf = SearchIndex.questions(lang);
        String af = SearchIndex.answers(lang);
        Terms q = MultiTerms.getTerms(reader, qf);
        Terms a = MultiTerms.getTerms(reader, af);
        Scan scan = null;
        for (Analyzed.Word w : query.words()) {
            for (String f : w.forms()) {
                if (f.length() < 5 || out.containsKey(f)
                        || stats.df(new Term(qf, f)) > 0 || stats.df(new Term(af, f)) > 0) {
                    continue;
                }
                String key = lang.code() + ":" + f;
                List<String> known = memo.typos(key);
                if (known == null) {
                    if (scan == null) {
                        scan = new Scan(q, a);
                    }
                    int edits = f.length() >= 8 ? 2 : 1;
                    Map<String, Integer> found = new HashMap<>();
                    scan.near(scan.questions, f, edits, found);
                    scan.near(scan.answers, f, edits, found);
                    known = found.entrySet().stream()
                            .sorted(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry::getKey))
                            .limit(2).map(Map.Entry::getKey).toList();
                    memo.typos(key, known);
                }
                if (!known.isEmpty()) {
                    out.put(f, known);
                }
            }
        }
        return out;
    }

    private static final int TYPO_SCAN = 400;

    /**
     * The typo scan of one ranking: one terms enumeration per field and scratch space for the
     * terms' characters and the distance rows, reused for every form, so that scanning a few
     * hundred terms per form makes no garbage but the matches.
     */
    private static final class Scan {
        final TermsEnum questions;
        final TermsEnum answers;
        private final CharsRefBuilder chars = new CharsRefBuilder();
        private final BytesRefBuilder start = new BytesRefBuilder();
        private int[] prev2 = new int[16];
        private int[] prev = new int[16];
        private int[] cur = new int[16];

        Scan(Terms questions, Terms answers) throws IOException {
            this.questions = questions == null ? null : questions.iterator();
            this.answers = answers == null ? null : answers.iterator();
        }

        void near(TermsEnum te, String form, int edits, Map<String, Integer> found) throws IOException {
            if (te == null) {
                return;
            }
            start.copyChars(form, 0, 2);
            BytesRef prefix = start.get();
            if (te.seekCeil(prefix) == TermsEnum.SeekStatus.END) {
                return;
            }
            int scanned = 0;
            do {
                BytesRef t = te.term();
                if (!StringHelper.startsWith(t, prefix) || scanned++ > TYPO_SCAN) {
                    return;
                }
                chars.copyUTF8Bytes(t);
                if (Math.abs(chars.length() - form.length()) <= edits) {
                    int d = distance(form, chars.chars(), chars.length(), edits);
                    if (d <= edits) {
                        found.merge(chars.toString(), d, Math::min);
                    }
                }
            } while (te.next() != null);
        }

        private int distance(String a, char[] b, int m, int max) {
            if (prev.length < m + 1) {
                prev2 = new int[m + 1];
                prev = new int[m + 1];
                cur = new int[m + 1];
            }
            return Ranker.distance(a, b, m, max, prev2, prev, cur);
        }
    }

    /** Optimal-string-alignment distance, or {@code max + 1} as soon as it must exceed {@code max}. */
    static int distance(String a, String b, int max) {
        int m = b.length();
        return distance(a, b.toCharArray(), m, max, new int[m + 1], new int[m + 1], new int[m + 1]);
    }

    /** As {@link #distance(String, String, int)}, on the first {@code m} chars of {@code b}, in the given rows. */
    private static int distance(String a, char[] b, int m, int max, int[] prev2, int[] prev, int[] cur) {
        int n = a.length();
        for (int j = 0; j <= m; j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= n; i++) {
            cur[0] = i;
            int rowMin = cur[0];
            for (int j = 1; j <= m; j++) {
                int cost = a.charAt(i - 1) == b[j - 1] ? 0 : 1;
                int v = Math.min(Math.min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b[j - 2] && a.charAt(i - 2) == b[j - 1]) {
                    v = Math.min(v, prev2[j - 2] + 1);
                }
                cur[j] = v;
                rowMin = Math.min(rowMin, v);
            }
            if (rowMin > max) {
                return max + 1;
            }
            int[] t = prev2;
            prev2 = prev;
            prev = cur;
            cur = t;
        }
        return prev[m];
    }

    /** Lucene's default limit on clauses, kept well under. */
    static final class IndexLimits {
        static final int MAX_CLAUSES = 900;

        private IndexLimits() {
        }
    }
}
