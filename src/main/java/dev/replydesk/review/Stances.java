package dev.replydesk.review;

import java.util.ArrayList;
import java.util.List;

/**
 * The positions a text takes: for each kind of position in the rules (refund, replacement, call
 * back, ...) whether a clause mentioning it affirms it ("мы вернём деньги") or refuses it ("вернуть
 * деньги не можем"). Questions take no position.
 */
final class Stances {
    enum Stance {
        AFFIRM, REFUSE
    }

    record Stand(String position, Stance stance, String quote, int sentence) {
    }

    private Stances() {
    }

    static List<Stand> of(Text t, Rules r) {
        List<Stand> out = new ArrayList<>();
        for (Rules.Position p : r.positions) {
            for (Text.Span span : t.findAny(p.words())) {
                if (t.inQuestion(span.from())) {
                    continue;
                }
                Text.Span clause = clause(t, span.from(), r);
                boolean refused = negatedAt(t, span.from(), r) || containsIn(t, clause, r.refusals);
                if (refused && isPast(t.token(span.from()).word(), r)) {
                    continue; // "простите, что не перезвонили": owning up to the past, no stance
                }
                out.add(new Stand(p.name(), refused ? Stance.REFUSE : Stance.AFFIRM, t.quote(clause),
                        t.token(span.from()).sentence()));
            }
        }
        return out;
    }

    private static boolean isPast(String word, Rules r) {
        for (String ending : r.pastEndings) {
            if (word.endsWith(ending) && word.length() > ending.length() + 3) {
                return true;
            }
        }
        return false;
    }

    /** A negation word right before token {@code i}: "не вернём", "no refund". */
    static boolean negatedAt(Text t, int i, Rules r) {
        for (int j = Math.max(0, i - 3); j < i; j++) {
            for (Phrase n : r.negations) {
                if (n.matchAt(t, j) == i && !answerParticle(t, i)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** "Нет, бонусами можно оплатить…": a "no" set off by a comma answers; it negates nothing after it. */
    private static boolean answerParticle(Text t, int next) {
        String between = t.raw().substring(t.token(next - 1).end(), t.token(next).start());
        return between.indexOf(',') >= 0 || between.indexOf('—') >= 0 || between.indexOf(':') >= 0
                || between.indexOf('–') >= 0;
    }

    static boolean containsIn(Text t, Text.Span span, List<Phrase> phrases) {
        for (int i = span.from(); i < span.to(); i++) {
            for (Phrase p : phrases) {
                int end = p.matchAt(t, i);
                if (end > i && end <= span.to()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** All clauses of a text, in order. */
    static List<Text.Span> clauses(Text t, Rules r) {
        List<Text.Span> out = new ArrayList<>();
        int i = 0;
        while (i < t.size()) {
            Text.Span c = clause(t, i, r);
            out.add(c);
            i = c.to();
        }
        return out;
    }

    /** The clause holding token {@code i}: bounded by the sentence, by , ; : — and by "но", "but". */
    static Text.Span clause(Text t, int i, Rules r) {
        int from = i;
        while (from > 0 && sameClause(t, from - 1, from, r)) {
            from--;
        }
        int to = i + 1;
        while (to < t.size() && sameClause(t, to - 1, to, r)) {
            to++;
        }
        return new Text.Span(from, to);
    }

    private static boolean sameClause(Text t, int a, int b, Rules r) {
        Text.Token left = t.token(a);
        Text.Token right = t.token(b);
        if (left.sentence() != right.sentence()) {
            return false;
        }
        String between = t.raw().substring(left.end(), right.start());
        if (between.matches(".*[,;:—–()].*")) {
            return false;
        }
        return !r.clauseBreaks.contains(right.word());
    }
}
