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
     * repeated.
     */
    private static void amounts(Draft d, List<String> problems) {
        Quantities q = d.rules().quantities;
        List<Quantities.Quantity> reference = new ArrayList<>(q.find(d.kbAnswer()));
        reference.addAll(q.find(d.kbTitle()));
        for (Text turn : d.brand()) {
            reference.addAll(q.find(turn));
        }
        List<Quantities.Quantity> allowed = new ArrayList<>(reference);
        for (Text turn : d.customer()) {
            allowed.addAll(q.find(turn));
        }
        for (Quantities.Quantity said : q.find(d.draft())) {
            List<String> same = new ArrayList<>();
            for (Quantities.Quantity ref : reference) {
                if (ref.family().equals(said.family())) {
                    same.add(ref.quote());
                }
            }
            if (same.isEmpty()) {
                continue;
            }
            boolean ok = allowed.stream().anyMatch(said::within);
            if (!ok) {
                Messages m = d.messages();
                problems.add(m.get("consistent.amount", m.quote(said.quote()),
                        m.quote(List.copyOf(new LinkedHashSet<>(same)))));
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
