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
    record Placed(Quantities.Quantity amount, Set<String> context, Text text) {
    }

    enum Verdict {
        /** Equals or lies within a reference amount, or repeats one the customer gave. */
        MATCHES,
        /** Differs from the reference amounts of its family, which seem to state the same fact. */
        WRONG,
        /** Differs, but is far off and in a sentence about something else: another fact. */
        UNRELATED,
        /** Nothing of its family to compare with. */
        UNCHECKED
    }

    private final Rules rules;
    private final List<Placed> reference = new ArrayList<>();
    private final List<Quantities.Quantity> allowed = new ArrayList<>();
    private final List<Placed> stated;

    Facts(Draft d) {
        this.rules = d.rules();
        reference.addAll(placed(d.kbAnswer(), rules));
        reference.addAll(placed(d.kbTitle(), rules));
        for (Text turn : d.brand()) {
            reference.addAll(placed(turn, rules));
        }
        for (Placed p : reference) {
            allowed.add(p.amount());
        }
        for (Text turn : d.customer()) {
            allowed.addAll(rules.quantities.find(turn));
        }
        stated = placed(d.draft(), rules);
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
                related |= LogicalCheck.shared(ref.context(), said.context()).size() >= rules.amountContextWords;
            }
        }
        if (allowed.stream().anyMatch(q::within)) {
            return Verdict.MATCHES;
        }
        if (!any) {
            return Verdict.UNCHECKED;
        }
        return nearest <= rules.maxAmountRatio || related ? Verdict.WRONG : Verdict.UNRELATED;
    }

    static List<Placed> placed(Text t, Rules r) {
        List<Placed> out = new ArrayList<>();
        for (Quantities.Quantity q : r.quantities.find(t)) {
            out.add(new Placed(q, sentenceContent(t, t.sentenceAt(q.at()), r), t));
        }
        return out;
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
