package dev.replydesk.knowledge;

import java.util.regex.Pattern;

/** Just enough Markdown handling for search and previews: the text without its markup. */
final class Markdown {
    private static final Pattern LINK = Pattern.compile("!?\\[([^\\]]*)]\\([^)]*\\)");
    private static final Pattern LINE_MARKS = Pattern.compile("(?m)^\\s{0,3}(#{1,6}\\s*|>\\s?|([-*+]|\\d+[.)])\\s+)");
    private static final Pattern INLINE_MARKS = Pattern.compile("[*_`~]{1,3}|<[^>]+>");
    private static final Pattern SPACES = Pattern.compile("[ \\t]+");
    private static final Pattern BLANK_LINES = Pattern.compile("\\n{2,}");

    private Markdown() {
    }

    /** The readable text of a Markdown answer: links keep their words, markup characters go. */
    static String plain(String markdown) {
        String s = LINK.matcher(markdown).replaceAll("$1");
        s = LINE_MARKS.matcher(s).replaceAll("");
        s = INLINE_MARKS.matcher(s).replaceAll("");
        s = SPACES.matcher(s).replaceAll(" ");
        return BLANK_LINES.matcher(s).replaceAll("\n").strip();
    }

    /** The first words of {@code markdown} as plain text, at most {@code max} characters, cut at a word. */
    static String preview(String markdown, int max) {
        String text = plain(markdown).replace('\n', ' ');
        if (text.length() <= max) {
            return text;
        }
        int cut = text.lastIndexOf(' ', max - 1);
        if (cut < max / 2) {
            cut = max - 1;
        }
        return text.substring(0, cut).replaceAll("[\\s,;:.–—-]+$", "") + "…";
    }
}
