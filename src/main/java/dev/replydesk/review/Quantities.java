package dev.replydesk.review;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds amounts with units in a text — "14 дней", "3–7 days", "5 000 ₽", "полгода", "две недели",
 * "10:00" — and turns each into an interval in its family's base unit (a term in days, a price in
 * money, ...), so "2 недели" equals "14 дней" and "год" equals "12 месяцев".
 */
final class Quantities {
    /** An amount found in a text: its family, its interval in base units, and the words. */
    record Quantity(String family, double lo, double hi, String quote, int at, boolean atLeast, boolean implicit) {
        Quantity(String family, double lo, double hi, String quote, int at) {
            this(family, lo, hi, quote, at, false, false);
        }

        Quantity asThreshold() {
            return new Quantity(family, lo, hi, quote, at, true, implicit);
        }

        /** "в течение дня": one unit, named without a number — a manner of speaking as often as a term. */
        Quantity asImplicit() {
            return new Quantity(family, lo, hi, quote, at, atLeast, true);
        }

        Quantity times(double factor) {
            return new Quantity(family, lo * factor, hi * factor, quote, at, atLeast, implicit);
        }

        Quantity plus(Quantity other) {
            return new Quantity(family, lo + other.lo, hi + other.hi, quote, at, atLeast, implicit);
        }

        /** How far apart two amounts are, as a ratio of their nearest ends (1 = touching). */
        double ratio(Quantity other) {
            if (within(other) || other.within(this)) {
                return 1;
            }
            double a = hi < other.lo ? hi : lo;
            double b = hi < other.lo ? other.lo : other.hi;
            double small = Math.min(Math.abs(a), Math.abs(b));
            double large = Math.max(Math.abs(a), Math.abs(b));
            return small <= 0 ? Double.POSITIVE_INFINITY : large / small;
        }

        /** The same values, whatever the families: a bare "7 000" and "7 000 ₽". */
        boolean sameValue(Quantity other) {
            return Math.abs(lo - other.lo) <= tolerance(other.lo) && Math.abs(hi - other.hi) <= tolerance(other.hi);
        }

        /** Whether this amount lies within {@code other}, with a small tolerance for rounding. */
        boolean within(Quantity other) {
            return family.equals(other.family) && lo >= other.lo - tolerance(other.lo)
                    && hi <= other.hi + tolerance(other.hi);
        }

        /** Rounding slack: "год" is 365 days, "12 месяцев" 360. */
        private static double tolerance(double value) {
            return Math.max(1e-9, 0.02 * Math.abs(value));
        }
    }

    private record Unit(String name, String family, double factor, List<Phrase> words) {
    }

    /** The family of a number written without a unit. */
    static final String BARE = "number";

    private static final Pattern NUMBER = Pattern.compile(
            "(?<![\\d\\p{L}])(\\d{1,3}(?:[ \\u00a0\\u202f]\\d{3})+(?![\\d])|\\d{1,3}(?:,\\d{3})+(?![\\d])|\\d+(?:[.,]\\d+)?)"
                    + "(?:\\s*(?:[–—-]|\\.\\.|до|to|по)\\s*"
                    + "(\\d{1,3}(?:[ \\u00a0\\u202f]\\d{3})+(?![\\d])|\\d{1,3}(?:,\\d{3})+(?![\\d])|\\d+(?:[.,]\\d+)?))?");
    private static final Pattern CODE = Pattern.compile("\\d+-\\d+-\\d+|[\\p{L}]+-?\\d{3,}|\\d{3,}-?[\\p{L}]+");
    private static final Pattern CLOCK = Pattern.compile("(?<![\\d:])([01]?\\d|2[0-3]):([0-5]\\d)(?![\\d:])");

    private final List<Unit> units = new ArrayList<>();
    private final Map<String, String> symbols = new LinkedHashMap<>();
    private final Map<String, Double> numberWords;
    private final List<Phrase> qualifiers;
    private final Map<Phrase, Double> multipliers = new LinkedHashMap<>();
    private final List<Phrase> implicitOne;
    private final String half;
    private final List<Phrase> instant;
    private final List<String> pluralEndings;
    private final List<Phrase> atLeastBefore;
    private final List<Phrase> atLeastAfter;

    Quantities(RuleFile file) {
        for (String name : file.keys("quantities.units")) {
            String path = "quantities.units." + name;
            units.add(new Unit(name, String.join("", file.strings(path + ".family")),
                    file.number(path + ".factor"), file.phrases(path + ".words")));
        }
        for (String symbol : file.keys("quantities.symbols")) {
            symbols.put(symbol, String.join("", file.strings("quantities.symbols." + symbol)));
        }
        for (Map.Entry<String, Double> e : file.numbers("quantities.multipliers").entrySet()) {
            multipliers.put(Phrase.compile(e.getKey(), file.morphology()), e.getValue());
        }
        numberWords = file.numbers("quantities.number_words");
        qualifiers = file.phrases("quantities.qualifiers");
        implicitOne = file.phrases("quantities.implicit_one_after");
        half = String.join("", file.strings("quantities.half_prefix"));
        atLeastBefore = file.phrases("quantities.at_least_before");
        instant = file.phrases("quantities.instant");
        pluralEndings = file.strings("quantities.plural_endings");
        atLeastAfter = file.phrases("quantities.at_least_after");
        for (Unit u : units) {
            if (u.family().isBlank()) {
                throw file.bad("quantities.units." + u.name() + ".family", "is empty");
            }
        }
    }

    List<Quantity> find(Text text) {
        List<Quantity> found = new ArrayList<>();
        for (Quantity q : amounts(text)) {
            found.add(isThreshold(text, q) ? q.asThreshold() : q);
        }
        return found;
    }

    /** "от 5 000 ₽", "5,000 ₽ or more": an amount that is a lower bound. */
    private boolean isThreshold(Text text, Quantity q) {
        int first = firstTokenFrom(text, q.at());
        int after = firstTokenFrom(text, q.at() + q.quote().length());
        for (int j = Math.max(0, first - 4); j < first; j++) {
            for (Phrase p : atLeastBefore) {
                int end = p.matchAt(text, j);
                // "больше чем на 1 час": a short preposition may stand between
                if (end == first || end > j && end == first - 1 && text.token(end).word().length() <= 2) {
                    return true;
                }
            }
        }
        for (Phrase p : atLeastAfter) {
            if (p.matchAt(text, after) > after) {
                return true;
            }
        }
        return false;
    }

    private List<Quantity> amounts(Text text) {
        List<Quantity> found = new ArrayList<>();
        String raw = text.raw();
        boolean[] used = new boolean[text.size()];
        Matcher codes = CODE.matcher(raw);
        List<int[]> codeSpans = new ArrayList<>();
        while (codes.find()) {
            codeSpans.add(new int[] {codes.start(), codes.end()});
        }
        Matcher clock = CLOCK.matcher(raw);
        List<int[]> clockSpans = new ArrayList<>();
        while (clock.find()) {
            double minutes = Integer.parseInt(clock.group(1)) * 60 + Integer.parseInt(clock.group(2));
            found.add(new Quantity("clock", minutes, minutes, clock.group(), clock.start()));
            clockSpans.add(new int[] {clock.start(), clock.end()});
        }
        Matcher m = NUMBER.matcher(raw);
        while (m.find()) {
            if (inside(codeSpans, m.start()) || inside(clockSpans, m.start())) {
                continue;
            }
            double lo = parse(m.group(1));
            double hi = m.group(2) == null ? lo : parse(m.group(2));
            int next = firstTokenFrom(text, m.end());
            markTokens(text, used, m.start(), m.end());
            Quantity q = withUnit(text, raw, m.start(), m.end(), next, lo, hi, used);
            if (q != null) {
                found.add(q);
            } else if (lo >= 100) {
                // "микроволновка за 7 000": an amount without its unit, matched by value only
                found.add(new Quantity(BARE, lo, hi, m.group(), m.start()));
            }
        }
        for (int i = 0; i < text.size(); i++) {
            if (used[i]) {
                continue;
            }
            String w = text.token(i).word();
            Double value = numberWords.get(w);
            int next = i + 1;
            if (value != null) {
                while (next < text.size() && numberWords.containsKey(text.token(next).word())
                        && numberWords.get(text.token(next).word()) < value) {
                    value += numberWords.get(text.token(next).word());
                    next++;
                }
                Quantity q = withUnit(text, raw, text.token(i).start(), text.token(next - 1).end(), next, value,
                        value, used);
                if (q != null) {
                    found.add(q);
                }
                continue;
            }
            int now = -1;
            for (Phrase p : instant) {
                now = Math.max(now, p.matchAt(text, i));
            }
            if (now > i) {
                found.add(new Quantity("time", 0, 0, text.quote(new Text.Span(i, now)), text.token(i).start()).asImplicit());
                continue;
            }
            if (!half.isEmpty() && w.startsWith(half) && w.length() > half.length() + 2) {
                Unit u = unitAt(Text.of(w.substring(half.length()), text.morphology()), 0);
                if (u != null) {
                    double v = 0.5 * u.factor();
                    found.add(new Quantity(u.family(), v, v, text.quote(new Text.Span(i, i + 1)), text.token(i).start()));
                    used[i] = true;
                    continue;
                }
            }
            for (Phrase p : implicitOne) {
                int end = p.matchAt(text, i);
                if (end > i && end < text.size() && !used[end]) {
                    Unit u = unitAt(text, end);
                    if (u != null && !u.family().equals("money") && isSingular(text.token(end).word())) {
                        found.add(new Quantity(u.family(), u.factor(), u.factor(),
                                text.quote(new Text.Span(i, end + 1)), text.token(i).start()).asImplicit());
                        used[end] = true;
                    }
                }
            }
        }
        return found;
    }

    /** Plural forms ("дней", "days") after "в течение" name an unknown amount, not one. */
    private boolean isSingular(String word) {
        for (String ending : pluralEndings) {
            if (word.endsWith(ending)) {
                return false;
            }
        }
        return true;
    }

    private Quantity withUnit(Text text, String raw, int from, int to, int next, double lo, double hi,
            boolean[] used) {
        int cursor = to;
        while (cursor < raw.length() && Character.isSpaceChar(raw.charAt(cursor))) {
            cursor++;
        }
        for (Map.Entry<String, String> s : symbols.entrySet()) {
            if (raw.startsWith(s.getKey(), cursor)) {
                return new Quantity(s.getValue(), lo, hi, raw.substring(from, cursor + s.getKey().length()), from);
            }
        }
        int before = from - 1;
        while (before >= 0 && Character.isSpaceChar(raw.charAt(before))) {
            before--;
        }
        for (Map.Entry<String, String> s : symbols.entrySet()) {
            int at = before - s.getKey().length() + 1;
            if (at >= 0 && raw.startsWith(s.getKey(), at) && !Character.isLetterOrDigit(s.getKey().charAt(0))) {
                return new Quantity(s.getValue(), lo, hi, raw.substring(at, to), at);
            }
        }
        int i = next;
        double factor = 1;
        for (int skipped = 0; skipped < 3 && i < text.size(); skipped++) {
            int end = -1;
            for (Phrase q : qualifiers) {
                end = Math.max(end, q.matchAt(text, i));
            }
            Double multiplier = null;
            for (Map.Entry<Phrase, Double> e : multipliers.entrySet()) {
                if (e.getKey().matchAt(text, i) > i) {
                    multiplier = e.getValue();
                    end = e.getKey().matchAt(text, i);
                }
            }
            if (end <= i) {
                break;
            }
            if (multiplier != null) {
                factor *= multiplier;
                int c = text.token(end - 1).end();
                while (c < raw.length() && (Character.isSpaceChar(raw.charAt(c)) || raw.charAt(c) == '.')) {
                    c++;
                }
                for (Map.Entry<String, String> s : symbols.entrySet()) {
                    if (raw.startsWith(s.getKey(), c)) {
                        return new Quantity(s.getValue(), lo * factor, hi * factor,
                                raw.substring(from, c + s.getKey().length()), from);
                    }
                }
            }
            i = end;
        }
        Unit u = i >= text.size() || text.token(i).start() - lastEnd(text, i, to) > 3 ? null : unitAt(text, i);
        if (u == null) {
            // "заказ на 12 тысяч": a bare amount, but a big one
            return factor > 1 ? new Quantity(BARE, lo * factor, hi * factor, raw.substring(from,
                    text.token(i - 1).end()), from) : null;
        }
        used[i] = true;
        int end = text.token(i).end();
        return new Quantity(u.family(), lo * factor * u.factor(), hi * factor * u.factor(), raw.substring(from, end),
                from);
    }

    private static int lastEnd(Text text, int i, int numberEnd) {
        return i == 0 ? numberEnd : Math.max(numberEnd, text.token(i - 1).end());
    }

    private Unit unitAt(Text text, int i) {
        for (Unit u : units) {
            for (Phrase p : u.words()) {
                if (p.matchAt(text, i) > i) {
                    return u;
                }
            }
        }
        return null;
    }

    private static void markTokens(Text text, boolean[] used, int from, int to) {
        for (int i = 0; i < text.size(); i++) {
            if (text.token(i).start() >= from && text.token(i).end() <= to) {
                used[i] = true;
            }
        }
    }

    private static int firstTokenFrom(Text text, int offset) {
        for (int i = 0; i < text.size(); i++) {
            if (text.token(i).start() >= offset) {
                return i;
            }
        }
        return text.size();
    }

    private static boolean inside(List<int[]> spans, int offset) {
        for (int[] s : spans) {
            if (offset >= s[0] && offset < s[1]) {
                return true;
            }
        }
        return false;
    }

    private static double parse(String number) {
        String n = number.replaceAll("[ \\u00a0\\u202f]", "");
        if (n.matches("\\d{1,3}(,\\d{3})+")) {
            n = n.replace(",", "");
        }
        return Double.parseDouble(n.replace(',', '.').toLowerCase(Locale.ROOT));
    }
}
