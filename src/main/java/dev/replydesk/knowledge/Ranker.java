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
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.BytesRef;

/**
 * Ranks entries for one comment: a weighted Lucene BM25 query over the index's fields finds the
 * candidates, then each candidate is scored by how much of the comment's informative words it
 * explains (its coverage), which is also the confidence used to abstain.
 */
final class Ranker {
    /** Every weight of the ranking in one place. */
    record Tuning(double questions, double answers, double cross, double prefix, double concept, double bigram,
            double fuzzy, int candidates, double unknownDf, double minConfidence, double minMargin) {
        static final Tuning DEFAULT = new Tuning(1.0, 0.3, 0.6, 0.4, 1.0, 0.5, 0.6, 10, 1.0, 0.5, 0.0);
    }

    /** How a word of the comment was found in an entry, strongest first. */
    enum How {
        WORD(1.0), SYNONYM(1.0), CROSS_LANGUAGE(0.9), TYPO(0.75), WORD_START(0.7);

        final double credit;

        How(double credit) {
            this.credit = credit;
        }
    }

    /** A word of the comment that an entry matched, how, and whether only in the answer. */
    record Match(String word, How how, boolean answerOnly, double weight) {
    }

    /** An entry considered for the comment. */
    record Candidate(String id, double score, double lucene, double coverage, List<Match> matches) {
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
        Lang otherLang = lang == Lang.RU ? Lang.UK : lang == Lang.UK ? Lang.RU : null;
        Analyzed other = otherLang == null ? null : analyzer.analyze(text, otherLang);
        if (query.isEmpty() || snap.entries().isEmpty()) {
            return new Ranking(lang, query, List.of());
        }
        try {
            DirectoryReader reader = snap.reader();
            Map<String, List<String>> typos = typos(reader, query, lang);
            Map<Term, Double> clauses = new LinkedHashMap<>();
            String q = SearchIndex.questions(lang);
            String a = SearchIndex.answers(lang);
            for (Analyzed.Word w : query.words()) {
                for (String f : w.forms()) {
                    put(clauses, new Term(q, f), tuning.questions());
                    put(clauses, new Term(a, f), tuning.answers());
                    for (String t : typos.getOrDefault(f, List.of())) {
                        put(clauses, new Term(q, t), tuning.questions() * tuning.fuzzy());
                        put(clauses, new Term(a, t), tuning.answers() * tuning.fuzzy());
                    }
                }
                for (String p : w.prefixes()) {
                    put(clauses, new Term(SearchIndex.QP, p), tuning.questions() * tuning.prefix());
                    put(clauses, new Term(SearchIndex.AP, p), tuning.answers() * tuning.prefix());
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
                        put(clauses, new Term(SearchIndex.answers(otherLang), f), tuning.answers() * tuning.cross());
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
                builder.add(new BoostQuery(new TermQuery(c.getKey()), c.getValue().floatValue()), BooleanClause.Occur.SHOULD);
            }
            TopDocs top = snap.searcher().search(builder.build(), tuning.candidates());
            Map<String, Double> weights = weights(reader, query, lang, typos);
            List<Candidate> candidates = new ArrayList<>();
            for (ScoreDoc sd : top.scoreDocs) {
                String id = snap.searcher().storedFields().document(sd.doc).get(SearchIndex.ID);
                IndexedEntry e = snap.entries().get(id);
                if (e == null) {
                    continue;
                }
                candidates.add(candidate(e, sd.score, query, other, typos, weights));
            }
            candidates.sort(Comparator.comparingDouble(Candidate::score).reversed());
            return new Ranking(lang, query, candidates);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void put(Map<Term, Double> clauses, Term term, double boost) {
        clauses.merge(term, boost, Math::max);
    }

    private Candidate candidate(IndexedEntry e, double lucene, Analyzed query, Analyzed other,
            Map<String, List<String>> typos, Map<String, Double> weights) {
        double total = 0;
        double matched = 0;
        List<Match> matches = new ArrayList<>();
        for (int i = 0; i < query.words().size(); i++) {
            Analyzed.Word w = query.words().get(i);
            double weight = weights.getOrDefault(w.surface(), 0.0);
            total += weight;
            How best = null;
            boolean answerOnly = false;
            for (int side = 0; side < 2 && best == null; side++) {
                boolean answer = side == 1;
                best = how(e, w, i, query, other, typos, answer);
                answerOnly = answer;
            }
            if (best != null) {
                double credit = best.credit * (answerOnly ? 0.5 : 1.0);
                matched += weight * credit;
                matches.add(new Match(w.surface(), best, answerOnly, weight));
            }
        }
        double coverage = total == 0 ? 0 : matched / total;
        return new Candidate(e.id(), Boolean.getBoolean("rank.lucene") ? lucene : coverage, lucene, coverage, matches);
    }

    private static How how(IndexedEntry e, Analyzed.Word w, int i, Analyzed query, Analyzed other,
            Map<String, List<String>> typos, boolean answer) {
        Set<String> forms = answer ? e.answerForms() : e.questionForms();
        Set<String> groups = answer ? e.answerGroups() : e.questionGroups();
        Set<String> prefixes = answer ? e.answerPrefixes() : e.questionPrefixes();
        for (String f : w.forms()) {
            if (forms.contains(f)) {
                return How.WORD;
            }
        }
        for (Analyzed.Concept c : query.conceptsAt(i)) {
            if (groups.contains(c.group())) {
                return How.SYNONYM;
            }
        }
        if (other != null) {
            for (int j = 0; j < other.words().size(); j++) {
                Analyzed.Word ow = other.words().get(j);
                if (!ow.surface().equals(w.surface())) {
                    continue;
                }
                for (String f : ow.forms()) {
                    if (forms.contains(f)) {
                        return How.CROSS_LANGUAGE;
                    }
                }
                for (Analyzed.Concept c : other.conceptsAt(j)) {
                    if (groups.contains(c.group())) {
                        return How.CROSS_LANGUAGE;
                    }
                }
            }
        }
        for (String f : w.forms()) {
            for (String t : typos.getOrDefault(f, List.of())) {
                if (forms.contains(t)) {
                    return How.TYPO;
                }
            }
        }
        for (String p : w.prefixes()) {
            if (prefixes.contains(p)) {
                return How.WORD_START;
            }
        }
        return null;
    }

    /**
     * How informative each word of the comment is: BM25's idf of its rarest known form among
     * the entries; a word no entry uses counts as if one entry in {@code 1/unknownDf} did.
     */
    private Map<String, Double> weights(DirectoryReader reader, Analyzed query, Lang lang,
            Map<String, List<String>> typos) throws IOException {
        int n = Math.max(1, reader.numDocs());
        Map<String, Double> out = new HashMap<>();
        for (Analyzed.Word w : query.words()) {
            int df = 0;
            for (String f : w.forms()) {
                df = Math.max(df, docFreq(reader, lang, f));
                for (String t : typos.getOrDefault(f, List.of())) {
                    df = Math.max(df, docFreq(reader, lang, t));
                }
            }
            if (df == 0) {
                for (String p : w.prefixes()) {
                    df = Math.max(df, reader.docFreq(new Term(SearchIndex.QP, p)));
                    df = Math.max(df, reader.docFreq(new Term(SearchIndex.AP, p)));
                }
            }
            double d = df == 0 ? tuning.unknownDf() : df;
            double idf = Math.log(1 + (n - d + 0.5) / (d + 0.5));
            out.merge(w.surface(), idf, Math::max);
        }
        return out;
    }

    private static int docFreq(DirectoryReader reader, Lang lang, String form) throws IOException {
        return Math.max(reader.docFreq(new Term(SearchIndex.questions(lang), form)),
                reader.docFreq(new Term(SearchIndex.answers(lang), form)));
    }

    /**
     * Likely intended forms for the comment's forms that no entry uses: index terms one edit
     * away (two for long words), keeping the first letter.
     */
    private static Map<String, List<String>> typos(DirectoryReader reader, Analyzed query, Lang lang)
            throws IOException {
        Map<String, List<String>> out = new HashMap<>();
        Terms q = MultiTerms.getTerms(reader, SearchIndex.questions(lang));
        Terms a = MultiTerms.getTerms(reader, SearchIndex.answers(lang));
        for (Analyzed.Word w : query.words()) {
            for (String f : w.forms()) {
                if (f.length() < 4 || out.containsKey(f) || docFreq(reader, lang, f) > 0) {
                    continue;
                }
                int edits = f.length() >= 8 ? 2 : 1;
                Set<String> found = new LinkedHashSet<>();
                for (Terms terms : new Terms[] {q, a}) {
                    if (terms == null) {
                        continue;
                    }
                    FuzzyQuery fq = new FuzzyQuery(new Term("x", f), edits, 1, 8, true);
                    TermsEnum te = fq.getTermsEnum(terms);
                    BytesRef br;
                    int seen = 0;
                    while ((br = te.next()) != null && seen++ < 16) {
                        found.add(br.utf8ToString());
                    }
                }
                if (!found.isEmpty()) {
                    out.put(f, List.copyOf(found).subList(0, Math.min(3, found.size())));
                }
            }
        }
        return out;
    }

    /** Lucene's default limit on clauses, kept well under. */
    static final class IndexLimits {
        static final int MAX_CLAUSES = 900;

        private IndexLimits() {
        }
    }
}
