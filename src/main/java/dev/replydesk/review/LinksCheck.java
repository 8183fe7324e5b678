package dev.replydesk.review;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Links: no external link — http(s), www., t.me, a bare domain — unless a customer in the
 * thread asked for one (a link, the site, where to read more); then any link, the knowledge-base
 * entry's own included, may be given.
 */
final class LinksCheck {
    private static final Pattern EXPLICIT = Pattern.compile(
            "(?i)\\b(?:https?://|www\\.|(?:t|telegram)\\.me/|tg://)[^\\s<>\"«»]+");
    private static final Pattern EMAIL = Pattern.compile("[\\p{L}\\d._%+-]+@[\\p{L}\\d.-]+\\.[\\p{L}]{2,}");

    Optional<String> check(Draft d) {
        List<String> links = links(d.draft().raw(), d.rules().bareDomain);
        if (links.isEmpty()) {
            return Optional.empty();
        }
        for (Text customer : d.customer()) {
            if (customer.contains(d.rules().linkAsked)) {
                return Optional.empty();
            }
        }
        Messages m = d.messages();
        String own = d.kb().map(Reference::link).orElse(null);
        boolean onlyOwn = own != null && links.stream().allMatch(l -> sameLink(l, own));
        return Optional.of(m.get(onlyOwn ? "links.kb_not_asked" : "links.not_asked", m.quote(links)));
    }

    static List<String> links(String raw, Pattern bareDomain) {
        String text = EMAIL.matcher(raw).replaceAll(" ");
        List<String> found = new ArrayList<>();
        List<int[]> spans = new ArrayList<>();
        Matcher m = EXPLICIT.matcher(text);
        while (m.find()) {
            found.add(trim(m.group()));
            spans.add(new int[] {m.start(), m.end()});
        }
        Matcher b = bareDomain.matcher(text);
        while (b.find()) {
            boolean inside = false;
            for (int[] s : spans) {
                inside |= b.start() >= s[0] && b.start() < s[1];
            }
            if (!inside) {
                found.add(trim(b.group()));
            }
        }
        return found;
    }

    /** The text with every link and e-mail address blanked out. */
    static String withoutLinks(String raw, Pattern bareDomain) {
        String text = EMAIL.matcher(raw).replaceAll(" ");
        text = EXPLICIT.matcher(text).replaceAll(" ");
        return bareDomain.matcher(text).replaceAll(" ");
    }

    private static String trim(String link) {
        String l = link;
        while (!l.isEmpty() && ".,;:!?)»\"'…".indexOf(l.charAt(l.length() - 1)) >= 0) {
            l = l.substring(0, l.length() - 1);
        }
        return l;
    }

    private static boolean sameLink(String a, String b) {
        return strip(a).equals(strip(b));
    }

    private static String strip(String link) {
        return link.toLowerCase(java.util.Locale.ROOT).replaceFirst("^https?://", "").replaceFirst("^www\\.", "")
                .replaceFirst("/+$", "");
    }
}
