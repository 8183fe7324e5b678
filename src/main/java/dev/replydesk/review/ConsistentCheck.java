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

        kindred(d, problems, reported);

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
        kbRefusals(d, problems);
        kbNegations(d, problems);
        kbAffirmations(d, problems);
        kbFree(d, problems);
        absolutes(d, problems);
        narrowed(d, problems);
        draftFree(d, problems);
        return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
    }

    /**
     * A refusal kept in other words: the brand refused one way of paying out ("разницу не
     * компенсируем") and the draft grants a kindred one for the same thing ("вернём разницу").
     */
    private static void kindred(Draft d, List<String> problems, Set<String> reported) {
        Rules r = d.rules();
        Messages m = d.messages();
        List<Stances.Stand> now = Stances.of(d.draft(), r);
        for (Text turn : d.brand()) {
            for (Stances.Stand before : Stances.of(turn, r)) {
                if (before.stance() != Stances.Stance.REFUSE) {
                    continue;
                }
                // the sentence, not only the clause: "Разницу, к сожалению, не компенсируем"
                Set<String> object = Facts.sentenceContent(turn, before.sentence(), r);
                for (Stances.Stand granted : now) {
                    if (granted.stance() != Stances.Stance.AFFIRM || granted.position().equals(before.position())
                            || !r.kindred(granted.position(), before.position())
                            || now.stream().anyMatch(s -> s.stance() == Stances.Stance.REFUSE
                                    && s.position().equals(before.position()))) {
                        continue;
                    }
                    Set<String> said = Facts.sentenceContent(d.draft(), granted.sentence(), r);
                    if (!LogicalCheck.shared(said, object).isEmpty() && reported.add(before.position())) {
                        problems.add(m.get("consistent.position.affirm", m.quote(before.quote()),
                                m.quote(granted.quote())));
                        return;
                    }
                }
            }
        }
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
            Facts.Verdict verdict = facts.judge(said);
            Messages m = d.messages();
            if (verdict == Facts.Verdict.WRONG) {
                problems.add(m.get("consistent.amount", m.quote(said.amount().quote()),
                        m.quote(facts.sameFamily(said))));
            } else if (verdict == Facts.Verdict.OTHER_CASE) {
                Facts.Placed ref = facts.otherCase(said);
                problems.add(m.get("consistent.other_case", m.quote(said.amount().quote()),
                        m.quote(ref.text().sentence(ref.text().sentenceAt(ref.amount().at())))));
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
            boolean told = customer.stream().anyMatch(a -> a.family().equals(limit.family())
                    || a.family().equals(Quantities.BARE));
            if (!told && droppedCondition(d, kbSentence, limit, problems)) {
                return;
            }
            for (Quantities.Quantity amount : customer) {
                if (!amount.family().equals(limit.family()) && !amount.family().equals(Quantities.BARE)) {
                    continue;
                }
                boolean below = amount.hi() < limit.lo();
                if (!below) {
                    for (Quantities.Quantity charged : r.quantities.find(d.draft())) {
                        for (Quantities.Quantity other : r.quantities.find(kbSentence)) {
                            if (!other.atLeast() && other.family().equals(limit.family()) && charged.within(other)
                                    && !charged.within(limit)) {
                                Messages m = d.messages();
                                problems.add(m.get("consistent.above_threshold", m.quote(charged.quote()),
                                        m.quote(limit.quote()), m.quote(amount.quote())));
                                return;
                            }
                        }
                    }
                }
                for (Phrase granted : r.granting) {
                    if (kbSentence.find(granted).isEmpty() || Stances.containsIn(kbSentence,
                            new Text.Span(0, kbSentence.size()), r.negations)) {
                        continue;
                    }
                    List<Text.Span> said = below ? affirmed(d.draft(), granted, r) : negated(d.draft(), granted, r);
                    for (Text.Span span : said) {
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

    /**
     * The entry refuses something outright ("обменять карту на наличные нельзя") and the draft
     * grants it without refusing it anywhere.
     */
    private static void kbRefusals(Draft d, List<String> problems) {
        Rules r = d.rules();
        List<Stances.Stand> kb = Stances.of(d.kbAnswer(), r);
        List<Stances.Stand> draft = Stances.of(d.draft(), r);
        for (Stances.Stand refusal : kb) {
            String p = refusal.position();
            if (refusal.stance() != Stances.Stance.REFUSE
                    || kb.stream().anyMatch(s -> s.position().equals(p) && s.stance() == Stances.Stance.AFFIRM)
                    || Text.of(refusal.quote(), d.draft().morphology()).contains(r.conditions)
                    || draft.stream().anyMatch(s -> s.position().equals(p) && s.stance() == Stances.Stance.REFUSE)) {
                continue;
            }
            for (Stances.Stand granted : draft) {
                if (granted.position().equals(p)) {
                    Messages m = d.messages();
                    problems.add(m.get("consistent.kb_refusal", m.quote(granted.quote()), m.quote(refusal.quote())));
                    return;
                }
            }
        }
    }

    /**
     * The entry grants something outright (a refund, a replacement) and the draft refuses it as a
     * rule — without a condition or a reason that would make this case an exception.
     */
    private static void kbAffirmations(Draft d, List<String> problems) {
        Rules r = d.rules();
        List<Stances.Stand> kb = Stances.of(d.kbAnswer(), r);
        List<Stances.Stand> draft = Stances.of(d.draft(), r);
        for (Stances.Stand refused : draft) {
            String p = refused.position();
            if (refused.stance() != Stances.Stance.REFUSE
                    || draft.stream().anyMatch(s -> s.position().equals(p) && s.stance() == Stances.Stance.AFFIRM)
                    || kb.stream().anyMatch(s -> s.position().equals(p) && s.stance() == Stances.Stance.REFUSE)) {
                continue;
            }
            Text sentence = Text.of(d.draft().sentence(refused.sentence()), d.draft().morphology());
            if (sentence.contains(r.conditions) || sentence.contains(r.reasons)) {
                continue;
            }
            for (Stances.Stand granted : kb) {
                if (granted.position().equals(p) && !Text.of(d.kbAnswer().sentence(granted.sentence()),
                        d.draft().morphology()).contains(r.conditions)) {
                    Messages m = d.messages();
                    problems.add(m.get("consistent.kb_granted", m.quote(refused.quote()), m.quote(granted.quote())));
                    return;
                }
            }
        }
    }

    /** The entry says something is free; the draft puts a price on the same thing. */
    private static void kbFree(Draft d, List<String> problems) {
        Rules r = d.rules();
        Text kb = d.kbAnswer();
        Text draft = d.draft();
        List<Quantities.Quantity> prices = new ArrayList<>();
        for (Quantities.Quantity q : r.quantities.find(draft)) {
            if (q.family().equals("money")) {
                prices.add(q);
            }
        }
        if (prices.isEmpty()) {
            return;
        }
        List<Quantities.Quantity> kbAmounts = r.quantities.find(kb);
        for (Text.Span free : kb.findAny(r.free)) {
            int s = kb.token(free.from()).sentence();
            // a price in the same sentence is a threshold ("от 5 000 ₽ — бесплатно"); a count is not
            if (Stances.negatedAt(kb, free.from(), r) || kbAmounts.stream()
                    .anyMatch(q -> q.family().equals("money") && kb.sentenceAt(q.at()) == s)) {
                continue;
            }
            Set<String> about = Facts.sentenceContent(kb, s, r);
            for (Quantities.Quantity price : prices) {
                int ds = draft.sentenceAt(price.at());
                if (!LogicalCheck.shared(about, Facts.sentenceContent(draft, ds, r)).isEmpty()) {
                    Messages m = d.messages();
                    problems.add(m.get("consistent.kb_free", m.quote(price.quote()), m.quote(kb.sentence(s))));
                    return;
                }
            }
        }
    }

    /**
     * The entry denies something ("we do not offer international shipping", "разницу не
     * компенсируем") and a clause of the draft says the same words without any negation.
     */
    private static void kbNegations(Draft d, List<String> problems) {
        Rules r = d.rules();
        Text kb = d.kbAnswer();
        Text draft = d.draft();
        for (Text.Span denied : Stances.clauses(kb, r)) {
            if (!Stances.containsIn(kb, denied, r.negations) && !Stances.containsIn(kb, denied, r.refusals)
                    || Stances.containsIn(kb, denied, r.conditions)) {
                continue;
            }
            // the words that say what is denied, not what the whole entry is about
            Set<String> words = new LinkedHashSet<>(LogicalCheck.content(kb, denied, r));
            Set<String> elsewhere = new LinkedHashSet<>();
            elsewhere.addAll(LogicalCheck.content(kb, new Text.Span(0, denied.from()), r));
            elsewhere.addAll(LogicalCheck.content(kb, new Text.Span(denied.to(), kb.size()), r));
            words.removeAll(LogicalCheck.shared(words, elsewhere));
            for (Text.Span said : Stances.clauses(draft, r)) {
                Text.Span sentence = sentenceOf(draft, said.from());
                if (Stances.containsIn(draft, sentence, r.negations) || Stances.containsIn(draft, sentence, r.refusals)
                        || draft.inQuestion(said.from()) || Stances.containsIn(draft, sentence, r.conditions)) {
                    continue;
                }
                if (LogicalCheck.shared(words, LogicalCheck.content(draft, said, r)).size() >= r.deniedWords) {
                    Messages m = d.messages();
                    problems.add(m.get("consistent.kb_denied", m.quote(draft.quote(said)), m.quote(kb.quote(denied))));
                    return;
                }
            }
        }
    }

    /**
     * The draft makes absolute ("полностью", "always", "на все товары") what the entry limits
     * ("до 30%", "только", "кроме") in a sentence about the same thing.
     */
    private static void absolutes(Draft d, List<String> problems) {
        Rules r = d.rules();
        Text kb = d.kbAnswer();
        Text draft = d.draft();
        for (Text.Span absolute : draft.findAny(r.absolutes)) {
            // "баллы не покрывают весь заказ": a clause that denies the absolute keeps the limit
            Text.Span before = new Text.Span(Stances.clause(draft, absolute.from(), r).from(), absolute.from());
            if (Stances.negatedAt(draft, absolute.from(), r) || Stances.containsIn(draft, before, r.negations)
                    || !kb.find(phraseAt(draft, absolute, r)).isEmpty()) {
                continue;
            }
            int s = draft.token(absolute.from()).sentence();
            Set<String> about = Facts.sentenceContent(draft, s, r);
            List<Quantities.Quantity> kbAmounts = r.quantities.find(kb);
            for (int k = 0; k <= lastSentence(kb); k++) {
                Text sentence = Text.of(kb.sentence(k), draft.morphology());
                int sk = k;
                boolean threshold = kbAmounts.stream().anyMatch(q -> q.atLeast() && kb.sentenceAt(q.at()) == sk);
                if ((threshold || sentence.contains(r.limits) || sentence.contains(r.conditions))
                        && LogicalCheck.shared(Facts.sentenceContent(kb, k, r), about).size() >= r.absoluteWords) {
                    Messages m = d.messages();
                    problems.add(m.get("consistent.absolute", m.quote(draft.quote(absolute)), m.quote(kb.sentence(k))));
                    return;
                }
            }
        }
    }

    /**
     * The draft says "only" ("только картой") about what the entry offers several ways ("картой,
     * через СБП или наличными"), in a sentence about the same thing.
     */
    private static void narrowed(Draft d, List<String> problems) {
        Rules r = d.rules();
        Text kb = d.kbAnswer();
        Text draft = d.draft();
        List<Quantities.Quantity> amounts = r.quantities.find(draft);
        for (Text.Span only : draft.findAny(r.only)) {
            int s = draft.token(only.from()).sentence();
            if (amounts.stream().anyMatch(q -> draft.sentenceAt(q.at()) == s)) {
                continue; // "only from 5 000 ₽": a condition restated, not an offer narrowed
            }
            Set<String> about = Facts.sentenceContent(draft, s, r);
            for (int k = 0; k <= lastSentence(kb); k++) {
                Text sentence = Text.of(kb.sentence(k), draft.morphology());
                if (!sentence.contains(r.only) && sentence.contains(r.alternatives)
                        && LogicalCheck.shared(Facts.sentenceContent(kb, k, r), about).size() >= r.deniedWords) {
                    Messages m = d.messages();
                    problems.add(m.get("consistent.narrowed", m.quote(draft.sentence(draft.token(only.from()).sentence())),
                            m.quote(kb.sentence(k))));
                    return;
                }
            }
        }
    }

    /** The draft says free what the entry puts a price on. */
    private static void draftFree(Draft d, List<String> problems) {
        Rules r = d.rules();
        Text kb = d.kbAnswer();
        Text draft = d.draft();
        List<Quantities.Quantity> kbPrices = new ArrayList<>();
        for (Quantities.Quantity q : r.quantities.find(kb)) {
            if (q.family().equals("money") && !q.atLeast()) {
                kbPrices.add(q);
            }
        }
        List<Quantities.Quantity> ownPrices = r.quantities.find(draft);
        for (Text.Span free : draft.findAny(r.free)) {
            int s = draft.token(free.from()).sentence();
            if (Stances.negatedAt(draft, free.from(), r) || draft.inQuestion(free.from())
                    || ownPrices.stream().anyMatch(q -> q.family().equals("money") && draft.sentenceAt(q.at()) == s)) {
                continue;
            }
            Set<String> about = Facts.sentenceContent(draft, s, r);
            about.removeAll(LogicalCheck.content(Text.of(draft.quote(free), draft.morphology()), r));
            // "Подъём бесплатный.": a short sentence names its thing in one word
            int needed = Math.max(1, Math.min(r.deniedWords, about.size()));
            for (Quantities.Quantity price : kbPrices) {
                int k = kb.sentenceAt(price.at());
                Text sentence = Text.of(kb.sentence(k), draft.morphology());
                if (!sentence.contains(r.free)
                        && LogicalCheck.shared(Facts.sentenceContent(kb, k, r), about).size() >= needed) {
                    Messages m = d.messages();
                    problems.add(m.get("consistent.draft_free", m.quote(draft.quote(free)), m.quote(kb.sentence(k))));
                    return;
                }
            }
        }
    }

    private static Text.Span sentenceOf(Text t, int i) {
        int s = t.token(i).sentence();
        int from = i;
        while (from > 0 && t.token(from - 1).sentence() == s) {
            from--;
        }
        int to = i + 1;
        while (to < t.size() && t.token(to).sentence() == s) {
            to++;
        }
        return new Text.Span(from, to);
    }

    private static Phrase phraseAt(Text t, Text.Span span, Rules r) {
        for (Phrase p : r.absolutes) {
            if (p.matchAt(t, span.from()) == span.to()) {
                return p;
            }
        }
        return r.absolutes.get(0);
    }

    private static int lastSentence(Text t) {
        return t.isEmpty() ? -1 : t.token(t.size() - 1).sentence();
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
                // "можно, пока заказ не передан курьеру": outside the condition the opposite holds
                boolean conditional = !inKb.isEmpty() && inKb.stream().allMatch(span -> Text.of(d.kbAnswer()
                        .sentence(d.kbAnswer().token(span.from()).sentence()), d.draft().morphology())
                        .contains(d.rules().conditions));
                if (!inKb.isEmpty() && !conditional && d.kbAnswer().find(said).isEmpty()) {
                    problems.add(m.get("consistent.term", m.quote(d.draft().quote(inDraft.get(0))),
                            m.quote(d.kbAnswer().quote(inKb.get(0)))));
                }
            }
        }
    }

    /**
     * The entry grants something only from an amount on; the customer named no amount, yet the
     * draft grants it outright — no amount, no condition in its sentence.
     */
    private static boolean droppedCondition(Draft d, Text kbSentence, Quantities.Quantity limit,
            List<String> problems) {
        Rules r = d.rules();
        Text draft = d.draft();
        List<Quantities.Quantity> own = r.quantities.find(draft);
        for (Phrase granted : r.granting) {
            if (kbSentence.find(granted).isEmpty()) {
                continue;
            }
            for (Text.Span span : affirmed(draft, granted, r)) {
                int s = draft.token(span.from()).sentence();
                Text sentence = Text.of(draft.sentence(s), draft.morphology());
                if (draft.inQuestion(span.from()) || sentence.contains(r.conditions)
                        || own.stream().anyMatch(q -> draft.sentenceAt(q.at()) == s)
                        || LogicalCheck.shared(Facts.sentenceContent(draft, s, r),
                                LogicalCheck.content(kbSentence, r)).size() < r.deniedWords) {
                    continue;
                }
                Messages m = d.messages();
                problems.add(m.get("consistent.dropped_condition", m.quote(draft.sentence(s)), m.quote(limit.quote())));
                return true;
            }
        }
        return false;
    }

    private static List<Text.Span> negated(Text t, Phrase p, Rules r) {
        List<Text.Span> out = new ArrayList<>();
        for (Text.Span s : t.find(p)) {
            if (Stances.negatedAt(t, s.from(), r)
                    || Stances.containsIn(t, Stances.clause(t, s.from(), r), r.refusals)) {
                out.add(s);
            }
        }
        return out;
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
