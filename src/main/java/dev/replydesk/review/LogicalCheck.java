package dev.replydesk.review;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * Logical: the draft answers what the customer raised — the kind of question (a price gets an
 * amount, "when" gets a time) and the topic — with a concrete answer or next step rather than only
 * "we'll look into it", does not contradict itself, and does not ask for what the customer already
 * gave (an order number, a phone, an e-mail).
 */
final class LogicalCheck {

    Optional<String> check(Draft d) {
        List<String> problems = new ArrayList<>();
        askedAgain(d, problems);
        selfContradiction(d, problems);
        boolean unanswered = unansweredKind(d, problems);
        if (!unanswered) {
            vagueOnly(d, problems);
        }
        if (problems.isEmpty()) {
            unaddressedDemand(d, problems);
        }
        if (problems.isEmpty()) {
            empty(d, problems);
        }
        if (problems.isEmpty()) {
            offTopic(d, problems);
        }
        return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
    }

    /** The draft asks for something (an order number, ...) the customer already wrote in the thread. */
    private static void askedAgain(Draft d, List<String> problems) {
        Rules r = d.rules();
        Text draft = d.draft();
        for (Rules.Fact fact : r.facts) {
            String given = null;
            for (Text turn : d.customer()) {
                Matcher m = fact.given().matcher(turn.raw());
                if (m.find()) {
                    given = m.group().strip();
                    break;
                }
            }
            if (given == null) {
                continue;
            }
            for (Text.Span ask : draft.findAny(fact.ask())) {
                Text.Span sentence = sentence(draft, ask.from());
                if (draft.inQuestion(ask.from()) || Stances.containsIn(draft, sentence, r.requests)) {
                    Messages m = d.messages();
                    problems.add(m.get("logical.asked_again", m.quote(draft.quote(ask)), m.quote(given)));
                    return;
                }
            }
        }
    }

    /** The draft both affirms and refuses the same position, or says both of an opposed pair. */
    private static void selfContradiction(Draft d, List<String> problems) {
        Messages m = d.messages();
        List<Stances.Stand> stands = Stances.of(d.draft(), d.rules());
        for (Stances.Stand a : stands) {
            for (Stances.Stand b : stands) {
                if (a.position().equals(b.position()) && a.stance() == Stances.Stance.AFFIRM
                        && b.stance() == Stances.Stance.REFUSE && a.sentence() != b.sentence()
                        && d.rules().commitments.contains(a.position())
                        && !conditional(d, a.quote()) && !conditional(d, b.quote())) {
                    problems.add(m.get("logical.contradiction", m.quote(a.quote()), m.quote(b.quote())));
                    return;
                }
            }
        }
        if (progress(d, problems) || freeButPriced(d, problems)) {
            return;
        }
        for (List<Phrase> pair : d.rules().selfContradictions) {
            List<Text.Span> a = d.draft().find(pair.get(0));
            List<Text.Span> b = d.draft().find(pair.get(1));
            if (!a.isEmpty() && !b.isEmpty()) {
                problems.add(m.get("logical.contradiction", m.quote(d.draft().quote(a.get(0))),
                        m.quote(d.draft().quote(b.get(0)))));
                return;
            }
        }
    }

    /**
     * Where the order is — placed, being assembled, handed to delivery, delivered — must be told
     * one way: "уже передан курьеру" (at least stage 3) and "ещё не отправлен" (below 3) clash.
     */
    private static boolean progress(Draft d, List<String> problems) {
        Rules r = d.rules();
        Text t = d.draft();
        int low = -1;
        int high = Integer.MAX_VALUE;
        String lowQuote = null;
        String highQuote = null;
        for (int stage = 0; stage < r.progress.size(); stage++) {
            for (Text.Span span : t.findAny(r.progress.get(stage))) {
                if (t.inQuestion(span.from())) {
                    continue;
                }
                Text.Span clause = Stances.clause(t, span.from(), r);
                String quote = t.quote(clause);
                if (Stances.containsIn(t, clause, r.notYet) || Stances.negatedAt(t, span.from(), r)) {
                    if (stage - 1 < high) {
                        high = stage - 1;
                        highQuote = quote;
                    }
                } else if (Stances.containsIn(t, clause, r.already)) {
                    if (stage > low) {
                        low = stage;
                        lowQuote = quote;
                    }
                } else if (Stances.containsIn(t, clause, r.stillNow)) {
                    if (stage < high) {
                        high = stage;
                        highQuote = quote;
                    }
                    if (stage > low) {
                        low = stage;
                        lowQuote = quote;
                    }
                }
                if (low > high && lowQuote != null && highQuote != null && !lowQuote.equals(highQuote)) {
                    Messages m = d.messages();
                    problems.add(m.get("logical.progress", m.quote(lowQuote), m.quote(highQuote)));
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * One sentence says something is free, outright (no amount, no condition), and another puts a
     * price on the same thing: "Доставка бесплатная. Доставка — 390 ₽".
     */
    private static boolean freeButPriced(Draft d, List<String> problems) {
        Rules r = d.rules();
        Text t = d.draft();
        List<Quantities.Quantity> money = new ArrayList<>();
        for (Quantities.Quantity q : r.quantities.find(t)) {
            if (q.family().equals("money")) {
                money.add(q);
            }
        }
        if (money.isEmpty()) {
            return false;
        }
        for (Text.Span free : t.findAny(r.free)) {
            if (Stances.negatedAt(t, free.from(), r) || t.inQuestion(free.from())) {
                continue;
            }
            int s1 = t.token(free.from()).sentence();
            String first = t.sentence(s1);
            if (money.stream().anyMatch(q -> t.sentenceAt(q.at()) == s1) || conditional(d, first)) {
                continue;
            }
            Set<String> subject = Facts.sentenceContent(t, s1, r);
            for (Quantities.Quantity q : money) {
                int s2 = t.sentenceAt(q.at());
                if (!shared(subject, Facts.sentenceContent(t, s2, r)).isEmpty()) {
                    Messages m = d.messages();
                    problems.add(m.get("logical.contradiction", m.quote(first), m.quote(t.sentence(s2))));
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean conditional(Draft d, String clause) {
        Text t = Text.of(clause, d.draft().morphology());
        return t.contains(d.rules().conditions);
    }

    /** The customer asked a kind of question (how much, when) and the draft gives no such answer. */
    private static boolean unansweredKind(Draft d, List<String> problems) {
        Rules r = d.rules();
        // an amount about something else (the warranty, asked how long a repair takes) answers nothing
        Facts facts = new Facts(d);
        List<Quantities.Quantity> amounts = new ArrayList<>();
        for (Facts.Placed p : facts.stated()) {
            Facts.Verdict v = facts.judge(p);
            if (v != Facts.Verdict.UNRELATED && v != Facts.Verdict.ECHO) {
                amounts.add(p.amount());
            }
        }
        for (Rules.QuestionKind kind : r.questionKinds) {
            String asked = null;
            Text askedIn = null;
            for (Text turn : d.raised()) {
                for (Text.Span span : turn.findAny(kind.ask())) {
                    boolean atStart = Stances.clause(turn, span.from(), r).from() == span.from();
                    if (kind.atStart() ? atStart : turn.inQuestion(span.from()) || startsSentence(turn, span.from())) {
                        asked = turn.quote(span);
                        askedIn = turn;
                        break;
                    }
                }
                if (asked != null) {
                    break;
                }
            }
            if (asked == null) {
                continue;
            }
            boolean refused = d.draft().contains(r.refusals) || d.draft().contains(r.declines)
                    || Stances.of(d.draft(), r).stream().anyMatch(s -> s.stance() == Stances.Stance.REFUSE);
            // a yes-or-no question is also answered by talking about what was asked
            boolean topical = kind.atStart()
                    && shared(content(d.draft(), r), content(askedIn, r)).size() >= r.topicalWords;
            // "что делать?" is answered by a step, a request or the entry's own facts
            boolean steps = kind.steps() && (d.draft().contains(r.nextSteps) || d.draft().contains(r.requests)
                    || shared(content(d.kbAnswer(), r), content(d.draft(), r)).size() >= r.topicalWords);
            boolean answered = refused || topical || steps
                    || amounts.stream().anyMatch(a -> kind.families().contains(a.family()))
                    || d.draft().contains(kind.answers());
            if (!answered) {
                Messages m = d.messages();
                problems.add(m.get("logical.kind." + kind.name(), m.quote(asked)));
                return true;
            }
        }
        return false;
    }

    /** The customer only thanked or praised: no question, no demand. */
    private static boolean praiseOnly(Draft d) {
        boolean praise = false;
        for (Text t : d.raised()) {
            if (t.raw().contains("?") || t.contains(d.rules().demands)) {
                return false;
            }
            praise |= t.contains(d.rules().praise);
        }
        return praise;
    }

    /** A question answered with courtesies alone: no content word, no amount, no yes or no. */
    private static void empty(Draft d, List<String> problems) {
        Rules r = d.rules();
        boolean question = false;
        for (Text t : d.raised()) {
            question |= t.raw().contains("?");
        }
        if (!question || !content(d.draft(), r).isEmpty() || !r.quantities.find(d.draft()).isEmpty()) {
            return;
        }
        Text draft = d.draft();
        for (Rules.QuestionKind kind : r.questionKinds) {
            for (Text.Span answer : draft.findAny(kind.answers())) {
                if (!kind.atStart() || Stances.clause(draft, answer.from(), r).from() == answer.from()) {
                    return;
                }
            }
        }
        Messages m = d.messages();
        problems.add(m.get("logical.empty", m.quote(d.draft().raw().strip())));
    }

    private static boolean startsSentence(Text t, int i) {
        return i == 0 || t.token(i - 1).sentence() != t.token(i).sentence();
    }

    /** Only "we'll look into it": no amount, no step, none of the entry's facts. */
    private static void vagueOnly(Draft d, List<String> problems) {
        Rules r = d.rules();
        Text draft = d.draft();
        List<Text.Span> vague = draft.findAny(r.vague);
        if (vague.isEmpty() || d.raised().isEmpty() || praiseOnly(d)) {
            return;
        }
        if (!r.quantities.find(draft).isEmpty() || draft.contains(r.nextSteps) || draft.contains(r.requests)) {
            return;
        }
        if (shared(content(draft, r), content(d.kbAnswer(), r)).size() >= 2) {
            return;
        }
        Messages m = d.messages();
        problems.add(m.get("logical.vague", m.quote(PoliteCheck.quotes(draft, vague))));
    }

    /**
     * The customer demands something ("верните деньги", "replace it"): the draft must take a
     * position, ask for what it needs, give a step, or state the entry's facts.
     */
    private static void unaddressedDemand(Draft d, List<String> problems) {
        Rules r = d.rules();
        Text draft = d.draft();
        String demand = null;
        for (Text t : d.raised()) {
            List<Text.Span> spans = t.findAny(r.demands);
            if (!spans.isEmpty()) {
                demand = t.quote(spans.get(0));
                break;
            }
        }
        if (demand == null || !Stances.of(draft, r).isEmpty() || draft.contains(r.nextSteps)
                || draft.contains(r.requests) || draft.contains(r.refusals)
                || !r.quantities.find(draft).isEmpty()
                || shared(content(d.kbAnswer(), r), content(draft, r)).size() >= 2) {
            return;
        }
        Messages m = d.messages();
        problems.add(m.get("logical.demand", m.quote(demand)));
    }

    /** A question answered with words that touch neither the question nor the entry. */
    private static void offTopic(Draft d, List<String> problems) {
        Rules r = d.rules();
        boolean question = false;
        for (Text t : d.raised()) {
            question |= t.raw().contains("?");
        }
        if (!question) {
            return;
        }
        Set<String> said = content(Text.of(LinksCheck.withoutLinks(d.draft().raw(), r.bareDomain),
                d.draft().morphology()), r);
        if (said.size() < r.minContentWords || repeatsGivenFact(d)) {
            return;
        }
        Set<String> context = new LinkedHashSet<>(content(d.kbAnswer(), r));
        context.addAll(content(d.kbTitle(), r));
        for (Text t : d.brand()) {
            context.addAll(content(t, r));
        }
        for (Text t : d.customer()) {
            context.addAll(content(t, r));
        }
        if (shared(said, context).isEmpty()) {
            Messages m = d.messages();
            String topic = d.raised().get(d.raised().size() - 1).raw().strip();
            problems.add(m.get("logical.off_topic", m.quote(shorten(topic))));
        }
    }

    /** The draft quotes something the customer gave: their order number, phone, e-mail. */
    private static boolean repeatsGivenFact(Draft d) {
        for (Rules.Fact fact : d.rules().facts) {
            for (Text turn : d.customer()) {
                Matcher m = fact.given().matcher(turn.raw());
                while (m.find()) {
                    String value = m.group().replaceAll("\\D", "");
                    if (value.length() >= 4 && d.draft().raw().replaceAll("\\D", "").contains(value)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static String shorten(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "…";
    }

    /** The stems of a text's content words: letters only, four or more, not a stop word. */
    static Set<String> content(Text t, Rules r) {
        return content(t, new Text.Span(0, t.size()), r);
    }

    static Set<String> content(Text t, Text.Span span, Rules r) {
        Set<String> out = new LinkedHashSet<>();
        for (Text.Token token : t.tokens().subList(span.from(), span.to())) {
            String w = token.word();
            if (token.isNumber() || w.length() < 4 || r.stopwords.contains(w)) {
                continue;
            }
            String shortest = w;
            for (String f : token.forms()) {
                if (f.length() < shortest.length() && f.length() >= 4) {
                    shortest = f;
                }
            }
            if (!r.stopwords.contains(shortest)) {
                out.add(shortest);
            }
        }
        return out;
    }

    /** Stems of {@code a} related to some stem of {@code b}: equal, or sharing a long enough start. */
    static Set<String> shared(Set<String> a, Set<String> b) {
        Set<String> out = new LinkedHashSet<>();
        for (String x : a) {
            for (String y : b) {
                if (related(x, y)) {
                    out.add(x);
                    break;
                }
            }
        }
        return out;
    }

    static boolean related(String x, String y) {
        int common = 0;
        int max = Math.min(x.length(), y.length());
        while (common < max && x.charAt(common) == y.charAt(common)) {
            common++;
        }
        return common >= 5 || (common >= 4 && common == max);
    }

    private static Text.Span sentence(Text t, int i) {
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
}
