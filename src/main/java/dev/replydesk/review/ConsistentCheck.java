package dev.replydesk.review;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Consistent: the draft keeps every position the brand took earlier in the thread (a promise, an
 * agreement that the customer is right, a refusal) and agrees with the knowledge-base entry's
 * facts — amounts (terms, prices, thresholds) and opposed terms ("бесплатно" vs "платно").
 */
final class ConsistentCheck {

    Optional<String> check(Draft d) {
        Rules r = d.rules();
        Messages m = d.messages();
        Text draft = d.draft();
        List<String> problems = new ArrayList<>();

        Map<String, Stances.Stand> earlier = new LinkedHashMap<>();
        for (Text turn : d.brand()) {
            for (Stances.Stand s : Stances.of(turn, r)) {
                earlier.put(s.position(), s);
            }
        }
        Set<String> reported = new LinkedHashSet<>();
        for (Stances.Stand now : Stances.of(draft, r)) {
            Stances.Stand before = earlier.get(now.position());
            if (before != null && before.stance() != now.stance() && reported.add(now.position())) {
                problems.add(m.get("consistent.position." + now.stance().name().toLowerCase(java.util.Locale.ROOT),
                        m.quote(before.quote()), m.quote(now.quote())));
            }
        }

        List<Text.Span> blameBack = draft.findAny(r.blameBack);
        if (!blameBack.isEmpty()) {
            for (Text turn : d.brand()) {
                List<Text.Span> agreed = turn.findAny(r.agreement);
                if (!agreed.isEmpty()) {
                    problems.add(m.get("consistent.agreement", m.quote(turn.quote(agreed.get(0))),
                            m.quote(draft.quote(blameBack.get(0)))));
                    break;
                }
            }
        }

        if (!d.brand().isEmpty()) {
            List<Text.Span> retracted = draft.findAny(r.retractions);
            if (!retracted.isEmpty()) {
                problems.add(m.get("consistent.retraction", m.quote(draft.quote(retracted.get(0)))));
            }
        }

        amounts(d, problems);
        antonyms(d, problems);
        return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
    }

    /**
     * Every amount in the draft must match one of the same family (a term, a price, ...) in the
     * entry or the brand's earlier replies, when those name any; amounts the customer gave may be
     * repeated. An amount far from every reference one (more than {@code max_amount_ratio} apart)
     * in a sentence about something else is taken for a different fact, not a wrong one.
     */
    private static void amounts(Draft d, List<String> problems) {
        Facts facts = new Facts(d);
        for (Facts.Placed said : facts.stated()) {
            if (facts.judge(said) == Facts.Verdict.WRONG) {
                Messages m = d.messages();
                problems.add(m.get("consistent.amount", m.quote(said.amount().quote()),
                        m.quote(facts.sameFamily(said))));
            }
        }
        thresholds(d, facts.reference(), problems);
    }

    /**
     * The entry grants something from an amount on ("бесплатно от 5 000 ₽"); the customer's amount
     * is below it, yet the draft grants it (or above it, yet the draft withholds it).
     */
    private static void thresholds(Draft d, List<Facts.Placed> reference, List<String> problems) {
        Rules r = d.rules();
        List<Quantities.Quantity> customer = new ArrayList<>();
        for (Text turn : d.customer()) {
            customer.addAll(r.quantities.find(turn));
        }
        for (Facts.Placed ref : reference) {
            Quantities.Quantity limit = ref.amount();
            if (!limit.atLeast() || ref.text() != d.kbAnswer()) {
                continue;
            }
            String sentence = ref.text().sentence(ref.text().sentenceAt(limit.at()));
            Text kbSentence = Text.of(sentence, d.draft().morphology());
            for (Quantities.Quantity amount : customer) {
                if (!amount.family().equals(limit.family())) {
                    continue;
                }
                boolean below = amount.hi() < limit.lo();
                for (List<Phrase> pair : r.antonyms) {
                    if (kbSentence.find(pair.get(0)).isEmpty() || !kbSentence.find(pair.get(1)).isEmpty()) {
                        continue;
                    }
                    Phrase wrong = below ? pair.get(0) : pair.get(1);
                    for (Text.Span span : affirmed(d.draft(), wrong, r)) {
                        int s = d.draft().token(span.from()).sentence();
                        boolean states = false;
                        for (Quantities.Quantity own : r.quantities.find(d.draft())) {
                            states |= own.family().equals(limit.family()) && d.draft().sentenceAt(own.at()) == s;
                        }
                        if (!states) {
                            Messages m = d.messages();
                            problems.add(m.get(below ? "consistent.below_threshold" : "consistent.above_threshold",
                                    m.quote(d.draft().quote(span)), m.quote(limit.quote()),
                                    m.quote(amount.quote())));
                            return;
                        }
                    }
                }
            }
        }
    }

    /** The draft says one of an opposed pair where the entry says only the other. */
    private static void antonyms(Draft d, List<String> problems) {
        if (d.kb().isEmpty()) {
            return;
        }
        Messages m = d.messages();
        for (List<Phrase> pair : d.rules().antonyms) {
            for (int side = 0; side < 2; side++) {
                Phrase said = pair.get(side);
                Phrase other = pair.get(1 - side);
                List<Text.Span> inDraft = affirmed(d.draft(), said, d.rules());
                if (inDraft.isEmpty() || !d.draft().find(other).isEmpty()) {
                    continue;
                }
                List<Text.Span> inKb = d.kbAnswer().find(other);
                if (!inKb.isEmpty() && d.kbAnswer().find(said).isEmpty()) {
                    problems.add(m.get("consistent.term", m.quote(d.draft().quote(inDraft.get(0))),
                            m.quote(d.kbAnswer().quote(inKb.get(0)))));
                }
            }
        }
    }

    private static List<Text.Span> affirmed(Text t, Phrase p, Rules r) {
        List<Text.Span> out = new ArrayList<>();
        for (Text.Span s : t.find(p)) {
            if (!Stances.negatedAt(t, s.from(), r)) {
                out.add(s);
            }
        }
        return out;
    }
}
