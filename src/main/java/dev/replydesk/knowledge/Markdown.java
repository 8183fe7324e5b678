package dev.replydesk.knowledge;

/** Just enough Markdown handling for search and previews: the text without its markup. */
final class Markdown {
    private Markdown() {
    }

    /** The readable text of a Markdown answer: links keep their words, markup characters go. */
    static String plain(String markdown) {
        String s = markdown;
        s = s.replaceAll("!\\[([^\\]]*)]\\([^)]*\\)", "$1");
        s = s.replaceAll("\\[([^\\]]*)]\\([^)]*\\)", "$1");
        s = s.replaceAll("(?m)^\\s{0,3}#{1,6}\\s*", "");
        s = s.replaceAll("(?m)^\\s{0,3}>\\s?", "");
        s = s.replaceAll("(?m)^\\s*([-*+]|\\d+[.)])\\s+", "");
        s = s.replaceAll("[*_`~]{1,3}", "");
        s = s.replaceAll("<[^>]+>", "");
        return s.replaceAll("[ \\t]+", " ").replaceAll("\\n{2,}", "\n").strip();
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
