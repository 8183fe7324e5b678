package dev.replydesk.review;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The amounts a draft can be held to — those of the knowledge-base entry and the brand's earlier
 * replies — and the judgement of each amount the draft states: matching one of them, wrong (a
 * different value for what looks like the same fact), or about something else.
 */
final class Facts {
    /** An amount and the content words of the sentence it stands in. */
    record Placed(Quantities.Quantity amount, Set<String> context, Text text, Set<String> names) {
    }

    enum Verdict {
        /** Equals or lies within a reference amount, or is worked out from them. */
        MATCHES,
        /** Only repeats an amount the customer gave. */
        ECHO,
        /** Differs from the reference amounts of its family, which seem to state the same fact. */
        WRONG,
        /** Differs, but is far off and in a sentence about something else: another fact. */
        UNRELATED,
        /** Equals a reference amount that the entry gives for another case (city, payment method). */
        OTHER_CASE,
        /** Nothing of its family to compare with. */
        UNCHECKED
    }

    private final Rules rules;
    private final List<Placed> reference = new ArrayList<>();
    private final List<Quantities.Quantity> allowed = new ArrayList<>();
    private final List<Quantities.Quantity> given = new ArrayList<>();
    private final List<Placed> stated;
    /** What the customer raised, in topic words: it may name the case the draft answers for. */
    private final Set<String> asked = new LinkedHashSet<>();
    private final Set<String> askedNames = new LinkedHashSet<>();
    private final Set<String> known = new LinkedHashSet<>();

    Facts(Draft d) {
        this.rules = d.rules();
        for (Text turn : d.raised()) {
            asked.addAll(LogicalCheck.topic(turn, rules));
            for (int i = 0; i < turn.size(); i++) {
                if (isName(turn, i, rules)) {
                    askedNames.add(turn.token(i).word());
                }
            }
        }
        // a name seen inside a sentence anywhere ("по Москве") is a name at a sentence's start too
        List<Text> all = new ArrayList<>(d.customer());
        all.addAll(d.brand());
        all.add(d.draft());
        all.add(d.kbAnswer());
        for (Text t : all) {
            for (int i = 0; i < t.size(); i++) {
                if (isName(t, i, rules)) {
                    known.add(t.token(i).word());
                }
            }
        }
        reference.addAll(placed(d.kbAnswer(), rules, known));
        reference.addAll(placed(d.kbTitle(), rules, known));
        for (Text turn : d.brand()) {
            for (Placed p : placed(turn, rules, known)) {
                // an hour promised earlier moves when the courier is late: not a fact to keep
                if (!p.amount().family().equals("clock")) {
                    reference.add(p);
                }
            }
        }
        for (Placed p : reference) {
            allowed.add(p.amount());
        }
        for (Text turn : d.customer()) {
            given.addAll(rules.quantities.find(turn));
        }
        // worked out from them: a price per floor times the customer's floors, two fees added up
        for (Placed ref : reference) {
            for (Quantities.Quantity g : given) {
                if (g.lo() == g.hi() && g.lo() > 1 && g.lo() <= 100 && !g.family().equals(Quantities.BARE)) {
                    allowed.add(ref.amount().times(g.lo()));
                }
                // what is left of a term or a sum once the customer's part has passed or been paid:
                // "within 10 days", "returned 4 days ago" — "at most 6 more days"
                Quantities.Quantity total = ref.amount();
                if (g.family().equals(total.family()) && !total.atLeast() && g.hi() < total.hi()) {
                    Quantities.Quantity left = total.minus(g);
                    allowed.add(new Quantities.Quantity(left.family(), Math.max(0, left.lo()), left.hi(),
                            left.quote(), left.at(), false, left.implicit()));
                }
            }
            for (Placed other : reference) {
                if (other != ref && other.amount().family().equals(ref.amount().family())) {
                    allowed.add(ref.amount().plus(other.amount()));
                }
            }
        }
        stated = placed(d.draft(), rules, known);
    }

    List<Placed> reference() {
        return reference;
    }

    /** The amounts the draft states. */
    List<Placed> stated() {
        return stated;
    }

    /** The reference amounts of the same family as {@code said}, as written. */
    List<String> sameFamily(Placed said) {
        Set<String> same = new LinkedHashSet<>();
        for (Placed ref : reference) {
            if (ref.amount().family().equals(said.amount().family())) {
                same.add(ref.amount().quote());
            }
        }
        return List.copyOf(same);
    }

    Verdict judge(Placed said) {
        Quantities.Quantity q = said.amount();
        double nearest = Double.POSITIVE_INFINITY;
        boolean related = false;
        boolean any = false;
        for (Placed ref : reference) {
            if (ref.amount().family().equals(q.family())) {
                any = true;
                nearest = Math.min(nearest, q.ratio(ref.amount()));
                // "в течение дня" is no restatement of "больше чем на 1 час", a condition
                if (!q.implicit() || !ref.amount().atLeast()) {
                    related |= LogicalCheck.shared(ref.context(), said.context()).size() >= rules.amountContextWords;
                }
            }
        }
        if (q.implicit() && stated.stream().anyMatch(other -> other != said && !other.amount().implicit()
                && other.amount().family().equals(q.family())
                && said.text().sentenceAt(other.amount().at()) == said.text().sentenceAt(q.at()))) {
            return Verdict.UNCHECKED;
        }
        if (given.stream().anyMatch(g -> q.within(g) || g.family().equals(Quantities.BARE) && q.sameValue(g))) {
            return Verdict.ECHO;
        }
        if (allowed.stream().anyMatch(q::within)) {
            return otherCase(said) == null ? Verdict.MATCHES : Verdict.OTHER_CASE;
        }
        if (!any) {
            return Verdict.UNCHECKED;
        }
        if (related || (nearest <= rules.maxAmountRatio && !q.implicit())) {
            return Verdict.WRONG;
        }
        return Verdict.UNRELATED;
    }

    /**
     * The reference amount whose case the draft's amount borrows: the draft names a case (a city,
     * a payment method) the entry gives another amount for, or the entry gives this amount only
     * for named cases and the draft names a different one. {@code null} when there is none.
     */
    Placed otherCase(Placed said) {
        if (said.names().isEmpty()) {
            return otherClause(said);
        }
        Quantities.Quantity q = said.amount();
        List<Placed> matched = new ArrayList<>();
        for (Placed ref : reference) {
            if (!ref.amount().family().equals(q.family()) || ref.text() == said.text()) {
                continue;
            }
            if (q.within(ref.amount())) {
                matched.add(ref);
            } else if (overlap(said.names(), ref.names())) {
                return ref;
            }
        }
        if (!matched.isEmpty() && matched.stream().allMatch(m -> !m.names().isEmpty() && !overlap(said.names(), m.names()))) {
            return matched.get(0);
        }
        return null;
    }

    /**
     * "Деньги вернутся на карту в течение 3 рабочих дней" where the entry says "на карту — 10 рабочих
     * дней, через СБП — 3 дня": the draft's amount is the entry's, but its clause is plainly the
     * clause of another amount (it shares {@code other_clause_words} more words with that one).
     */
    private Placed otherClause(Placed said) {
        Quantities.Quantity q = said.amount();
        if (!alone(said)) {
            return null;
        }
        Set<String> own = clauseTopic(said);
        Placed matched = null;
        int matchedShare = 0;
        Placed best = null;
        int bestShare = 0;
        for (Placed ref : reference) {
            if (!ref.amount().family().equals(q.family()) || ref.text() == said.text() || !alone(ref)) {
                continue;
            }
            int share = LogicalCheck.shared(own, clauseTopic(ref)).size();
            if (q.within(ref.amount())) {
                if (matched == null || share > matchedShare) {
                    matched = ref;
                    matchedShare = share;
                }
            } else if (share > bestShare) {
                best = ref;
                bestShare = share;
            }
        }
        if (matched == null || best == null || overlap(said.names(), matched.names())) {
            return null;
        }
        // "If I paid via SBP?" — "Up to 3 days": the question named the case
        Set<String> matchedWords = clauseTopic(matched);
        if (overlap(askedNames, matched.names())
                || LogicalCheck.shared(asked, matchedWords).size() > LogicalCheck.shared(asked, clauseTopic(best)).size()) {
            return null;
        }
        return bestShare >= matchedShare + rules.otherClauseWords && bestShare > rules.otherClauseWords ? best : null;
    }

    /** The only amount of its clause: a clause with two ("до 5 000 ₽ — 390 ₽") is a rule, not a case. */
    private boolean alone(Placed p) {
        Text t = p.text();
        Text.Span clause = Stances.clause(t, tokenAt(t, p.amount().at()), rules);
        int n = 0;
        for (Quantities.Quantity other : rules.quantities.find(t)) {
            int i = tokenAt(t, other.at());
            n += i >= clause.from() && i < clause.to() && !other.family().equals(Quantities.BARE) ? 1 : 0;
        }
        return n <= 1;
    }

    /**
     * The words an amount is said with: from the end of the previous amount's clause in its sentence
     * (or the sentence's start) to the end of its own clause — "на электронный кошелёк — в течение 2 дней".
     */
    private Set<String> clauseTopic(Placed p) {
        Text t = p.text();
        int at = tokenAt(t, p.amount().at());
        int sentence = t.token(at).sentence();
        int from = at;
        while (from > 0 && t.token(from - 1).sentence() == sentence) {
            from--;
        }
        for (Quantities.Quantity other : rules.quantities.find(t)) {
            int end = other.at() + other.quote().length();
            if (other.family().equals(Quantities.BARE) || end > p.amount().at()) {
                continue;
            }
            int last = tokenAt(t, end - 1);
            if (last < at && t.token(last).sentence() == sentence) {
                from = Math.max(from, Math.min(at, Stances.clause(t, last, rules).to()));
            }
        }
        Text.Span clause = Stances.clause(t, at, rules);
        return LogicalCheck.topic(t, new Text.Span(from, clause.to()), rules);
    }

    private static boolean overlap(Set<String> a, Set<String> b) {
        for (String x : a) {
            for (String y : b) {
                int common = 0;
                while (common < Math.min(x.length(), y.length()) && x.charAt(common) == y.charAt(common)) {
                    common++;
                }
                if (x.equals(y) || common >= 4) {
                    return true;
                }
            }
        }
        return false;
    }

    static List<Placed> placed(Text t, Rules r) {
        return placed(t, r, Set.of());
    }

    static List<Placed> placed(Text t, Rules r, Set<String> known) {
        List<Quantities.Quantity> amounts = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (Quantities.Quantity q : r.quantities.find(t)) {
            if (!q.family().equals(Quantities.BARE)) {
                amounts.add(q);
                positions.add(tokenAt(t, q.at()));
            }
        }
        // each proper name (Москва, СБП) goes to the nearest amount of its clause, else of its sentence
        List<Set<String>> names = new ArrayList<>();
        for (int i = 0; i < amounts.size(); i++) {
            names.add(new LinkedHashSet<>());
        }
        for (int i = 0; i < t.size(); i++) {
            boolean name = isName(t, i, r) || Character.isUpperCase(t.raw().charAt(t.token(i).start()))
                    && overlap(Set.of(t.token(i).word()), known);
            if (!name || excluded(t, i, r)) {
                continue;
            }
            int best = -1;
            Text.Span clause = Stances.clause(t, i, r);
            for (int a = 0; a < amounts.size(); a++) {
                int p = positions.get(a);
                if (p >= clause.from() && p < clause.to()
                        && (best < 0 || Math.abs(p - i) < Math.abs(positions.get(best) - i))) {
                    best = a;
                }
            }
            for (int a = 0; a < amounts.size() && best < 0; a++) {
                if (t.token(positions.get(a)).sentence() == t.token(i).sentence()) {
                    best = a;
                }
            }
            for (int a = 0; a < amounts.size(); a++) {
                int p = positions.get(a);
                boolean inClause = best >= 0 && positions.get(best) >= clause.from() && positions.get(best) < clause.to();
                if (!inClause && t.token(p).sentence() == t.token(i).sentence()
                        && Math.abs(p - i) < Math.abs(positions.get(best) - i)) {
                    best = a;
                }
            }
            if (best >= 0) {
                names.get(best).add(t.token(i).word());
            }
        }
        List<Placed> out = new ArrayList<>();
        for (int a = 0; a < amounts.size(); a++) {
            Quantities.Quantity q = amounts.get(a);
            out.add(new Placed(q, sentenceContent(t, t.sentenceAt(q.at()), r), t, Set.copyOf(names.get(a))));
        }
        return out;
    }

    /** "кроме Москвы", "other than Moscow": a name the sentence sets apart. */
    private static boolean excluded(Text t, int i, Rules r) {
        for (int j = Math.max(0, i - 6); j < i; j++) {
            for (Phrase p : r.exclusions) {
                int end = p.matchAt(t, j);
                if (end > j && end <= i && i - end <= 3 && t.token(j).sentence() == t.token(i).sentence()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int tokenAt(Text t, int offset) {
        for (int i = 0; i < t.size(); i++) {
            if (t.token(i).end() > offset) {
                return i;
            }
        }
        return Math.max(0, t.size() - 1);
    }

    /** A capitalised word inside a sentence, or an acronym: a city, a bank, a payment system. */
    private static boolean isName(Text t, int i, Rules r) {
        Text.Token token = t.token(i);
        String raw = t.raw().substring(token.start(), token.end());
        if (token.isNumber() || raw.length() < 2 || !Character.isUpperCase(raw.charAt(0))) {
            return false;
        }
        boolean acronym = raw.chars().filter(Character::isLetter).allMatch(Character::isUpperCase);
        boolean first = i == 0 || t.token(i - 1).sentence() != token.sentence()
                || t.raw().substring(t.token(i - 1).end(), token.start()).matches(".*[:«\"(—–-].*");
        if (first && !acronym) {
            return false;
        }
        for (Phrase p : r.formalAddress) {
            if (p.matchAt(t, i) == i + 1) {
                return false;
            }
        }
        return !r.stopwords.contains(token.word());
    }

    static Set<String> sentenceContent(Text t, int sentence, Rules r) {
        Set<String> all = LogicalCheck.content(t, r);
        Set<String> out = new LinkedHashSet<>();
        for (Text.Token token : t.tokens()) {
            if (token.sentence() == sentence) {
                for (String f : token.forms()) {
                    if (all.contains(f)) {
                        out.add(f);
                    }
                }
            }
        }
        return out;
    }
}
