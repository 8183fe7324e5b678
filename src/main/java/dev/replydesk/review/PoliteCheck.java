package dev.replydesk.review;

import dev.replydesk.language.Lang;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Polite: no insults, blame, sarcasm, condescension or shouting; not saccharine either (piles of
 * apologies, strings of exclamation marks, several emoji, diminutives, gushing address); one form
 * of address (formal or informal) throughout the brand's replies.
 */
final class PoliteCheck {
    /**
     * A brush-off in place of a reply ("Бывает.", "Ок.", "Whatever."): a short draft whose words are
     * taken up by a dismissive phrase.
     */
    static boolean dismissive(Text t, Rules r) {
        if (t.isEmpty() || t.size() > r.maxDismissiveWords) {
            return false;
        }
        for (Text.Span span : t.findAny(r.dismissive)) {
            if (span.to() - span.from() + 1 >= t.size()) {
                return true;
            }
        }
        return false;
    }

    private static final Pattern EXCLAMATIONS = Pattern.compile("!+");
    private static final Pattern EMOTICON = Pattern.compile(
            "(?<![\\p{L}\\d])[:;=][-o^']?[)(DPpO3\\]\\[*]+(?![\\p{L}\\d])|\\){2,}|\\({2,}|<3|\\^_?\\^|(?<![\\p{L}\\d])[xX]D(?![\\p{L}\\d])");
    private static final Pattern CAPS_WORD = Pattern.compile("[\\p{Lu}\\p{M}]{2,}(?:['’-][\\p{Lu}]+)*(?![\\p{Ll}\\d])");

    Optional<String> check(Draft d) {
        Rules r = d.rules();
        Messages m = d.messages();
        Text t = d.draft();
        List<String> problems = new ArrayList<>();
        listed(t, r.insults, "polite.insult", m, problems);
        listed(t, r.blame, "polite.blame", m, problems);
        listed(t, r.sarcasm, "polite.sarcasm", m, problems);
        listed(t, r.condescension, "polite.condescension", m, problems);
        if (dismissive(t, r)) {
            problems.add(m.get("polite.dismissive", m.quote(t.raw().strip())));
        }

        List<String> caps = shouting(t.raw(), r);
        if (!caps.isEmpty()) {
            problems.add(m.get("polite.caps", m.quote(caps)));
        }

        Matcher ex = EXCLAMATIONS.matcher(t.raw());
        int exclamations = 0;
        String longest = "";
        while (ex.find()) {
            exclamations += ex.group().length();
            if (ex.group().length() > longest.length()) {
                longest = ex.group();
            }
        }
        if (longest.length() > r.maxExclamationRun) {
            problems.add(m.get("polite.exclamation_run", m.quote(around(t.raw(), longest))));
        } else if (exclamations > r.maxExclamations) {
            problems.add(m.get("polite.exclamations", exclamations));
        }

        List<String> emoji = emoji(t.raw());
        if (emoji.size() > r.maxEmoji) {
            problems.add(m.get("polite.emoji", emoji.size(), String.join(" ", emoji)));
        }

        List<String> apologies = quotes(t, t.findAny(r.apologies));
        if (apologies.size() > r.maxApologies) {
            problems.add(m.get("polite.apologies", apologies.size(), m.quote(apologies)));
        }
        listed(t, r.diminutives, "polite.diminutive", m, problems);
        listed(t, r.gushing, "polite.gushing", m, problems);

        address(d, problems);
        return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
    }

    private static void listed(Text t, List<Phrase> phrases, String key, Messages m, List<String> problems) {
        List<String> found = quotes(t, t.findAny(phrases));
        if (!found.isEmpty()) {
            problems.add(m.get(key, m.quote(found)));
        }
    }

    static List<String> quotes(Text t, List<Text.Span> spans) {
        List<String> out = new ArrayList<>();
        for (Text.Span s : spans) {
            out.add(t.quote(s));
        }
        return out;
    }

    /** A few characters of context before a run of marks, so the reason shows where it is. */
    private static String around(String raw, String run) {
        int at = raw.indexOf(run);
        int from = at;
        while (from > 0 && at - from < 24 && raw.charAt(from - 1) != '.' && raw.charAt(from - 1) != '\n'
                && raw.charAt(from - 1) != '!' && raw.charAt(from - 1) != '?') {
            from--;
        }
        return raw.substring(from, at + run.length()).strip();
    }

    /** Words in capitals that are not acronyms: shouting. */
    private static List<String> shouting(String raw, Rules r) {
        List<String> found = new ArrayList<>();
        Matcher m = CAPS_WORD.matcher(raw);
        while (m.find()) {
            String w = m.group();
            if (m.start() > 0 && Character.isLetterOrDigit(raw.charAt(m.start() - 1))) {
                continue;
            }
            boolean cyrillic = Character.UnicodeBlock.of(w.charAt(0)) == Character.UnicodeBlock.CYRILLIC;
            if ((r.lang == Lang.EN) == cyrillic) {
                continue; // Latin capitals in Cyrillic text are brand names and model codes
            }
            int letters = (int) w.chars().filter(Character::isLetter).count();
            if (letters >= r.capsMinLetters && !r.capsAllowed.contains(w)) {
                found.add(w);
            }
        }
        return found;
    }

    /** Every emoji and emoticon, a sequence joined by ZWJ or a flag counted as one. */
    static List<String> emoji(String raw) {
        List<String> found = new ArrayList<>();
        int i = 0;
        while (i < raw.length()) {
            int cp = raw.codePointAt(i);
            int len = Character.charCount(cp);
            boolean presentation = Character.isEmojiPresentation(cp);
            boolean pictographic = Character.isExtendedPictographic(cp)
                    && i + len < raw.length() && raw.charAt(i + len) == '\uFE0F';
            boolean flag = cp >= 0x1F1E6 && cp <= 0x1F1FF;
            if (presentation || pictographic || flag) {
                int end = i + len;
                while (end < raw.length()) {
                    int next = raw.codePointAt(end);
                    if (next == 0xFE0F || (next >= 0x1F3FB && next <= 0x1F3FF) || (flag && next >= 0x1F1E6
                            && next <= 0x1F1FF)) {
                        end += Character.charCount(next);
                    } else if (next == 0x200D && end + 1 < raw.length()) {
                        end += 1;
                        end += Character.charCount(raw.codePointAt(end));
                    } else {
                        break;
                    }
                    if (flag) {
                        flag = false;
                    }
                }
                found.add(raw.substring(i, end));
                i = end;
            } else {
                i += len;
            }
        }
        Matcher m = EMOTICON.matcher(raw);
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }

    /** Formal and informal address mixed in the draft, or the draft switching from the thread's. */
    private static void address(Draft d, List<String> problems) {
        Rules r = d.rules();
        Messages m = d.messages();
        List<Text.Span> formal = d.draft().findAny(r.formalAddress);
        List<Text.Span> informal = d.draft().findAny(r.informalAddress);
        if (!formal.isEmpty() && !informal.isEmpty()) {
            problems.add(m.get("polite.address_mixed", m.quote(d.draft().quote(formal.get(0))),
                    m.quote(d.draft().quote(informal.get(0)))));
            return;
        }
        for (Text earlier : d.brand()) {
            List<Text.Span> f = earlier.findAny(r.formalAddress);
            List<Text.Span> inf = earlier.findAny(r.informalAddress);
            if (!f.isEmpty() && inf.isEmpty() && !informal.isEmpty()) {
                problems.add(m.get("polite.address_switched", m.quote(earlier.quote(f.get(0))),
                        m.quote(d.draft().quote(informal.get(0)))));
                return;
            }
            if (!inf.isEmpty() && f.isEmpty() && !formal.isEmpty()) {
                problems.add(m.get("polite.address_switched", m.quote(earlier.quote(inf.get(0))),
                        m.quote(d.draft().quote(formal.get(0)))));
                return;
            }
        }
    }
}
