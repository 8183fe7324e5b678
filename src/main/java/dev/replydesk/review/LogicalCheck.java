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
        if (PoliteCheck.dismissive(d.draft(), d.rules()) && !d.raised().isEmpty() && !praiseOnly(d)) {
            Messages m = d.messages();
            problems.add(m.get("logical.dismissive", m.quote(d.draft().raw().strip())));
            return Optional.of(problems.get(0));
        }
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
        if (progress(d, problems) || freeButPriced(d, problems) || yesThenNo(d, problems)) {
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
            if (kind.name().equals("why") && d.draft().contains(r.vague)) {
                continue; // "we'll look into it" to a "why": the vague-only check says it better
            }
            String asked = null;
            Text askedIn = null;
            for (Text turn : d.raised()) {
                for (Text.Span span : turn.findAny(kind.ask())) {
                    boolean atStart = Stances.clause(turn, span.from(), r).from() == span.from();
                    if (subordinate(turn, span, r)) {
                        continue;
                    }
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
            // a concrete step about the matter asked ("нажмите «Сообщить о поступлении»" to a "when")
            boolean stepped = readerAction(d) && !shared(topic(d.draft(), r), asked(d, askedIn)).isEmpty();
            boolean refused = d.draft().contains(r.refusals) || d.draft().contains(r.declines)
                    || Stances.of(d.draft(), r).stream().anyMatch(s -> s.stance() == Stances.Stance.REFUSE);
            // a yes-or-no question is also answered by talking about what was asked
            boolean topical = kind.atStart()
                    && shared(topic(d.draft(), r), topic(askedIn, r)).size() >= r.topicalWords;
            // "что делать?" is answered by a step, a request or the entry's own facts
            boolean steps = kind.steps() && (concreteStep(d) || d.draft().contains(r.requests)
                    || shared(content(d.kbAnswer(), r), content(d.draft(), r)).size() >= r.topicalWords);
            // a draft restating the entry answers the question the entry is there for
            boolean entry = kind.atStart()
                    && shared(content(d.draft(), r), content(d.kbAnswer(), r)).size() >= r.entryWords;
            // a "why" is also answered by what is being done about it ("уже отправили правильный")
            boolean fixing = kind.name().equals("why") && concreteStep(d);
            boolean answered = refused || topical || steps || entry || stepped || fixing
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

    /**
     * "Вы вывозите старый, когда привозите новый?": a "when" inside a yes-or-no question addressed
     * to the brand joins a clause — it asks no time. Not so after "скажите" (an indirect question).
     */
    static boolean subordinate(Text t, Text.Span span, Rules r) {
        boolean word = false;
        for (Phrase p : r.subordinateWords) {
            word |= p.matchAt(t, span.from()) == span.to();
        }
        if (!word || startsSentence(t, span.from())) {
            return false;
        }
        int s = t.token(span.from()).sentence();
        int first = span.from();
        while (first > 0 && t.token(first - 1).sentence() == s) {
            first--;
        }
        for (int i = Math.max(first, span.from() - 3); i < span.from(); i++) {
            for (Phrase p : r.indirect) {
                if (p.matchAt(t, i) > i) {
                    return false;
                }
            }
        }
        for (Phrase p : r.subordinateOpeners) {
            if (p.matchAt(t, first) > first) {
                return true;
            }
        }
        return false;
    }

    /**
     * "Да, можно при получении. Но оплата при получении недоступна": a yes, then a sentence about
     * the same thing that denies it.
     */
    private static boolean yesThenNo(Draft d, List<String> problems) {
        Rules r = d.rules();
        Text t = d.draft();
        if (t.isEmpty() || r.yes.isEmpty()) {
            return false;
        }
        boolean opensYes = false;
        for (Phrase p : r.yes) {
            opensYes |= p.matchAt(t, 0) > 0;
        }
        if (!opensYes) {
            return false;
        }
        int s0 = t.token(0).sentence();
        Text first = Text.of(t.sentence(s0), t.morphology());
        if (first.contains(r.conditions) || first.contains(r.negations) || first.contains(r.refusals)) {
            return false;
        }
        Set<String> about = Facts.sentenceContent(t, s0, r);
        if (about.size() < r.deniedWords) {
            // "Yes, we do.": a bare yes affirms what was asked
            for (Text turn : d.raised()) {
                about.addAll(content(turn, r));
            }
        }
        int last = t.token(t.size() - 1).sentence();
        for (int k = s0 + 1; k <= last; k++) {
            Text sentence = Text.of(t.sentence(k), t.morphology());
            boolean denies = sentence.contains(r.declines) && (sentence.contains(r.negations)
                    || sentence.contains(r.refusals) || sentence.contains(r.only));
            if (denies && !sentence.contains(r.conditions)
                    && shared(about, Facts.sentenceContent(t, k, r)).size() >= r.deniedWords) {
                Messages m = d.messages();
                problems.add(m.get("logical.contradiction", m.quote(t.sentence(s0)), m.quote(t.sentence(k))));
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
        if (!r.quantities.find(draft).isEmpty() || concreteStep(d) || draft.contains(r.requests)) {
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
        if (demand == null || !Stances.of(draft, r).isEmpty() || concreteStep(d)
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
        // a plain yes or no, or a concrete step (asking what is needed, telling what to do) is
        // about the customer's matter: only a draft with neither can be about something else
        if (!question || opensWithAnswer(d) || concreteStep(d) || asksForFact(d)) {
            return;
        }
        Text plain = Text.of(LinksCheck.withoutLinks(d.draft().raw(), r.bareDomain), d.draft().morphology());
        if (content(plain, r).size() < r.minContentWords || repeatsGivenFact(d)) {
            return;
        }
        Set<String> said = topic(plain, r);
        Set<String> context = new LinkedHashSet<>(topic(d.kbAnswer(), r));
        context.addAll(topic(d.kbTitle(), r));
        for (Text t : d.brand()) {
            context.addAll(topic(t, r));
        }
        for (Text t : d.customer()) {
            context.addAll(topic(t, r));
        }
        if (shared(said, context).isEmpty()) {
            Messages m = d.messages();
            String topic = d.raised().get(d.raised().size() - 1).raw().strip();
            problems.add(m.get("logical.off_topic", m.quote(shorten(topic))));
        }
    }

    /**
     * The draft opens with a plain answer to a yes-or-no question ("Да, можно", "Так", "No, ..."):
     * whatever follows, it has answered.
     */
    private static boolean opensWithAnswer(Draft d) {
        Rules r = d.rules();
        Text t = d.draft();
        if (t.isEmpty()) {
            return false;
        }
        boolean yesNo = false;
        for (Rules.QuestionKind kind : r.questionKinds) {
            if (!kind.atStart()) {
                continue;
            }
            for (Text turn : d.raised()) {
                for (Text.Span span : turn.findAny(kind.ask())) {
                    yesNo |= turn.inQuestion(span.from());
                }
            }
            for (Phrase p : kind.answers()) {
                if (yesNo && p.matchAt(t, 0) > 0 && !t.inQuestion(0)) {
                    return true;
                }
            }
        }
        for (Phrase p : r.yes) {
            if (yesNo && p.matchAt(t, 0) > 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * A concrete next step: an action the reader is told to take ("напишите", "нажмите"), a
     * commitment with a time or a named step ("перезвоним завтра"), or the entry's own link.
     */
    static boolean concreteStep(Draft d) {
        Rules r = d.rules();
        Text t = d.draft();
        return t.contains(r.nextSteps) || readerAction(d);
    }

    /**
     * Something the customer is told to do that gets them what they asked ("нажмите «Сообщить о
     * поступлении»", "open My orders"), or the entry's own link: a promise alone ("привезём")
     * tells no time, but a way to find out does.
     */
    static boolean readerAction(Draft d) {
        Rules r = d.rules();
        Text t = d.draft();
        for (int i = 0; i < t.size(); i++) {
            if (t.inQuestion(i) || negatedBefore(t, i, r) || startsAny(t, i, r.notSteps)) {
                continue;
            }
            if (imperative(t.token(i).word(), r)
                    || (startsSentence(t, i) || pleaseBefore(t, i, r)) && startsAny(t, i, r.imperativeWords)) {
                return true;
            }
        }
        return d.kb().map(Reference::link).filter(link -> t.raw().contains(link)).isPresent();
    }

    private static boolean pleaseBefore(Text t, int i, Rules r) {
        return i > 0 && startsAny(t, i - 1, r.requests) && t.token(i - 1).sentence() == t.token(i).sentence();
    }

    private static boolean startsAny(Text t, int i, List<Phrase> phrases) {
        for (Phrase p : phrases) {
            if (p.matchAt(t, i) > i) {
                return true;
            }
        }
        return false;
    }

    /** "не волнуйтесь": a verb told not to be done is no step. */
    private static boolean negatedBefore(Text t, int i, Rules r) {
        if (i == 0) {
            return false;
        }
        for (Phrase p : r.negations) {
            if (p.matchAt(t, i - 1) == i) {
                return true;
            }
        }
        return false;
    }

    /** A verb telling the reader to act, by its ending: "напишите", "обратитесь", "зверніться". */
    static boolean imperative(String word, Rules r) {
        String w = word;
        for (String reflexive : r.reflexiveEndings) {
            if (w.endsWith(reflexive) && w.length() > reflexive.length() + 4) {
                w = w.substring(0, w.length() - reflexive.length());
                break;
            }
        }
        if (w.length() < 5 || r.stopwords.contains(word)) {
            return false;
        }
        for (String ending : r.imperativeEndings) {
            if (w.endsWith(ending)) {
                return true;
            }
        }
        return false;
    }

    /** What a question is about: its own words, and the entry's when the entry answers it. */
    private static Set<String> asked(Draft d, Text question) {
        Set<String> out = new LinkedHashSet<>(topic(question, d.rules()));
        out.addAll(topic(d.kbTitle(), d.rules()));
        return out;
    }

    /** Content stems plus a mark for each synonym group a word belongs to. */
    static Set<String> topic(Text t, Rules r) {
        return topic(t, new Text.Span(0, t.size()), r);
    }

    static Set<String> topic(Text t, Text.Span span, Rules r) {
        Set<String> out = content(t, span, r);
        for (int i = span.from(); i < span.to(); i++) {
            for (int g = 0; g < r.synonyms.size(); g++) {
                for (Phrase p : r.synonyms.get(g)) {
                    if (p.matchAt(t, i) > i) {
                        out.add("§" + g + "synonym§");
                        break;
                    }
                }
            }
        }
        return out;
    }

    /** The draft asks for something the checks know a customer can give: an order number, a photo. */
    private static boolean asksForFact(Draft d) {
        for (Rules.Fact fact : d.rules().facts) {
            if (d.draft().contains(fact.ask())) {
                return true;
            }
        }
        return false;
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
