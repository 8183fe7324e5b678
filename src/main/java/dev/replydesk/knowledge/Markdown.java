package dev.replydesk.knowledge;

/**
 * Just enough Markdown handling for search and previews: the text without its markup. A single
 * pass over the characters, as it runs for every entry on every full reindex.
 */
final class Markdown {
    private Markdown() {
    }

    /**
     * The readable text of a Markdown answer: links and images keep their words, heading, quote
     * and list marks at line starts go, as do emphasis characters and HTML tags; runs of spaces
     * become one space and blank lines one line break.
     */
    static String plain(String markdown) {
        StringBuilder out = new StringBuilder(markdown.length());
        int n = markdown.length();
        int i = 0;
        boolean lineStart = true;
        int newlines = 0;
        while (i < n) {
            char c = markdown.charAt(i);
            if (c == '\r') {
                i++;
                continue;
            }
            if (c == '\n') {
                newlines++;
                lineStart = true;
                i++;
                continue;
            }
            if (lineStart) {
                int j = i;
                while (j < n && (markdown.charAt(j) == ' ' || markdown.charAt(j) == '\t')) {
                    j++;
                }
                j = skipLineMark(markdown, j);
                if (j >= n || markdown.charAt(j) == '\n' || markdown.charAt(j) == '\r') {
                    i = j;
                    continue;
                }
                if (out.length() > 0) {
                    out.append(newlines > 0 ? '\n' : ' ');
                }
                newlines = 0;
                lineStart = false;
                i = j;
                continue;
            }
            if (c == '!' && i + 1 < n && markdown.charAt(i + 1) == '[') {
                i++;
                continue;
            }
            if (c == '[') {
                int close = markdown.indexOf(']', i + 1);
                if (close > 0 && close + 1 < n && markdown.charAt(close + 1) == '(') {
                    int paren = markdown.indexOf(')', close + 2);
                    if (paren > 0) {
                        appendText(out, markdown, i + 1, close);
                        i = paren + 1;
                        continue;
                    }
                }
            }
            if (c == '<' && i + 1 < n && (Character.isLetter(markdown.charAt(i + 1)) || markdown.charAt(i + 1) == '/')) {
                int close = markdown.indexOf('>', i + 1);
                int eol = markdown.indexOf('\n', i + 1);
                if (close > 0 && (eol < 0 || close < eol)) {
                    i = close + 1;
                    continue;
                }
            }
            if (c == '*' || c == '_' || c == '`' || c == '~') {
                i++;
                continue;
            }
            if (c == ' ' || c == '\t') {
                if (out.length() > 0 && out.charAt(out.length() - 1) != ' ' && out.charAt(out.length() - 1) != '\n') {
                    out.append(' ');
                }
                i++;
                continue;
            }
            out.append(c);
            i++;
        }
        int end = out.length();
        while (end > 0 && Character.isWhitespace(out.charAt(end - 1))) {
            end--;
        }
        return out.substring(0, end);
    }

    private static void appendText(StringBuilder out, String s, int from, int to) {
        for (int k = from; k < to; k++) {
            char c = s.charAt(k);
            if (c != '*' && c != '_' && c != '`' && c != '~') {
                out.append(c);
            }
        }
    }

    /** After leading spaces: skips "#… ", "> ", "- ", "* ", "+ ", "1. ", "1) " at a line start. */
    private static int skipLineMark(String s, int i) {
        int n = s.length();
        if (i < n && s.charAt(i) == '#') {
            int j = i;
            while (j < n && s.charAt(j) == '#') {
                j++;
            }
            return skipSpaces(s, j);
        }
        if (i < n && s.charAt(i) == '>') {
            return skipSpaces(s, i + 1);
        }
        if (i + 1 < n && (s.charAt(i) == '-' || s.charAt(i) == '*' || s.charAt(i) == '+') && s.charAt(i + 1) == ' ') {
            return skipSpaces(s, i + 1);
        }
        int j = i;
        while (j < n && Character.isDigit(s.charAt(j))) {
            j++;
        }
        if (j > i && j + 1 < n && (s.charAt(j) == '.' || s.charAt(j) == ')') && s.charAt(j + 1) == ' ') {
            return skipSpaces(s, j + 1);
        }
        return i;
    }

    private static int skipSpaces(String s, int i) {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    /** The first words of {@code markdown} as plain text, at most {@code max} characters, cut at a word. */
    static String preview(String markdown, int max) {
        return cut(plain(markdown), max);
    }

    /** {@code text} on one line, at most {@code max} characters, cut at a word with an ellipsis. */
    static String cut(String text, int max) {
        text = text.replace('\n', ' ');
        if (text.length() <= max) {
            return text;
        }
        int cut = text.lastIndexOf(' ', max - 1);
        if (cut < max / 2) {
            cut = max - 1;
        }
        int end = cut;
        while (end > 0 && ",;:.–—- ".indexOf(text.charAt(end - 1)) >= 0) {
            end--;
        }
        return text.substring(0, end) + "…";
    }
}
