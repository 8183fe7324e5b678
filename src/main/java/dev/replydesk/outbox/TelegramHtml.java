package dev.replydesk.outbox;

import java.util.ArrayList;
import java.util.List;

/**
 * Telegram HTML as Telegram counts it: tags do not count, an entity ({@code &amp;lt;},
 * {@code &amp;#128512;}) counts as the character it stands for, and length is in UTF-16 code
 * units (an emoji outside the BMP counts two) — the unit Telegram's 4096 limit uses. Pure.
 */
final class TelegramHtml {
    /** The only named entities Telegram knows; numeric ones are all accepted. */
    private static final String[] NAMED = {"&lt;", "&gt;", "&amp;", "&quot;"};

    private TelegramHtml() {
    }

    /** The length Telegram sees after parsing {@code html}. */
    /** Whether {@code html} shows any character at all: {@code visibleLength(html) > 0}, stopping at the first. */
    static boolean anyVisible(String html) {
        int i = 0;
        int length = html.length();
        while (i < length) {
            if (html.charAt(i) == '<') {
                int end = tagEnd(html, i);
                if (end > 0) {
                    i = end;
                    continue;
                }
            }
            return true; // an entity shows at least one character too
        }
        return false;
    }

    static int visibleLength(String html) {
        // what the visible lengths of tokenize(html) add up to, without making the tokens: every
        // card and message is measured on its way into the outbox
        int n = 0;
        int i = 0;
        int length = html.length();
        while (i < length) {
            char c = html.charAt(i);
            if (c == '<') {
                int end = tagEnd(html, i);
                if (end > 0) {
                    i = end;
                    continue;
                }
            } else if (c == '&') {
                int end = entityEnd(html, i);
                if (end > 0) {
                    n += entityLength(html.substring(i, end));
                    i = end;
                    continue;
                }
            }
            int len = Character.charCount(html.codePointAt(i));
            n += len;
            i += len;
        }
        return n;
    }

    /**
     * Splits {@code html} into parts of at most {@code limit} visible characters each, cutting at
     * a paragraph break if one falls in the second half of a part, else at a line break there,
     * else at the last space, and only if a part has no space at all, between two characters
     * (never inside a tag, an entity or a surrogate pair). Tags open at a cut are closed at the
     * end of the part and opened again, with their attributes, at the start of the next. The
     * whitespace at a cut is dropped (Telegram trims it anyway). A text that fits is returned as is.
     */
    static List<String> split(String html, int limit) {
        if (limit < 2) {
            throw new IllegalArgumentException("limit too small: " + limit);
        }
        List<Token> tokens = tokenize(html);
        int total = 0;
        for (Token t : tokens) {
            total += t.visible();
        }
        if (total <= limit) {
            return List.of(html);
        }
        List<String> parts = new ArrayList<>();
        List<Token> open = new ArrayList<>();
        int i = skipWhitespace(tokens, 0);
        while (i < tokens.size()) {
            Cut cut = findCut(tokens, i, open, limit);
            StringBuilder sb = new StringBuilder();
            for (Token t : open) {
                sb.append(t.raw());
            }
            int end = cut.end();
            if (cut.trimTrailing()) {
                while (end > i && tokens.get(end - 1).isWhitespace()) {
                    end--;
                }
            }
            for (int k = i; k < end; k++) {
                sb.append(tokens.get(k).raw());
            }
            for (int k = cut.openAtCut().size() - 1; k >= 0; k--) {
                sb.append("</").append(cut.openAtCut().get(k).name()).append('>');
            }
            String part = sb.toString();
            if (visibleLength(part.strip()) > 0) {
                parts.add(part);
            }
            open = cut.openAtCut();
            i = skipWhitespace(tokens, cut.end());
        }
        return parts;
    }

    private record Cut(int end, List<Token> openAtCut, boolean trimTrailing) {
    }

    /** Where the part starting at token {@code start} (with {@code open} tags open) ends. */
    private static Cut findCut(List<Token> tokens, int start, List<Token> open, int limit) {
        List<Token> stack = new ArrayList<>(open);
        int visible = 0;
        int paragraph = -1;
        int line = -1;
        int space = -1;
        List<Token> paragraphStack = null;
        List<Token> lineStack = null;
        List<Token> spaceStack = null;
        int j = start;
        while (j < tokens.size()) {
            Token t = tokens.get(j);
            if (t.visible() > 0 && visible + t.visible() > limit) {
                break;
            }
            if (t.isWhitespace() && visible > 0) {
                boolean newline = t.raw().equals("\n");
                if (newline && j + 1 < tokens.size() && tokens.get(j + 1).raw().equals("\n")
                        && visible * 2 >= limit) {
                    paragraph = j;
                    paragraphStack = List.copyOf(stack);
                } else if (newline && visible * 2 >= limit) {
                    line = j;
                    lineStack = List.copyOf(stack);
                } else {
                    space = j;
                    spaceStack = List.copyOf(stack);
                }
            }
            apply(stack, t);
            visible += t.visible();
            j++;
        }
        if (j == tokens.size()) {
            return new Cut(j, stack, false);
        }
        if (paragraph >= 0) {
            return new Cut(paragraph, paragraphStack, true);
        }
        if (line >= 0) {
            return new Cut(line, lineStack, true);
        }
        if (space >= 0) {
            return new Cut(space, spaceStack, true);
        }
        return new Cut(j, stack, false);
    }

    private static void apply(List<Token> stack, Token t) {
        if (t.kind() == Kind.OPEN) {
            stack.add(t);
        } else if (t.kind() == Kind.CLOSE) {
            for (int k = stack.size() - 1; k >= 0; k--) {
                if (stack.get(k).name().equals(t.name())) {
                    while (stack.size() > k) {
                        stack.remove(stack.size() - 1);
                    }
                    return;
                }
            }
        }
    }

    private static int skipWhitespace(List<Token> tokens, int i) {
        while (i < tokens.size() && tokens.get(i).isWhitespace()) {
            i++;
        }
        return i;
    }

    enum Kind { TEXT, ENTITY, OPEN, CLOSE }

    /** One character, entity or tag of the source, with what it counts for. */
    record Token(Kind kind, String raw, String name, int visible) {
        boolean isWhitespace() {
            return kind == Kind.TEXT && raw.length() == 1 && Character.isWhitespace(raw.charAt(0));
        }
    }

    static List<Token> tokenize(String html) {
        List<Token> tokens = new ArrayList<>(html.length());
        int i = 0;
        int n = html.length();
        while (i < n) {
            char c = html.charAt(i);
            if (c == '<') {
                int end = tagEnd(html, i);
                if (end > 0) {
                    String raw = html.substring(i, end);
                    boolean closing = raw.startsWith("</");
                    String name = tagName(raw, closing ? 2 : 1);
                    tokens.add(new Token(closing ? Kind.CLOSE : Kind.OPEN, raw, name, 0));
                    i = end;
                    continue;
                }
            } else if (c == '&') {
                int end = entityEnd(html, i);
                if (end > 0) {
                    String raw = html.substring(i, end);
                    tokens.add(new Token(Kind.ENTITY, raw, null, entityLength(raw)));
                    i = end;
                    continue;
                }
            }
            int cp = html.codePointAt(i);
            int len = Character.charCount(cp);
            tokens.add(new Token(Kind.TEXT, html.substring(i, i + len), null, len));
            i += len;
        }
        return tokens;
    }

    /** The index after the {@code >} of a tag starting at {@code i}, or -1 if it is no tag. */
    private static int tagEnd(String s, int i) {
        int j = i + 1;
        if (j < s.length() && s.charAt(j) == '/') {
            j++;
        }
        if (j >= s.length() || !Character.isLetter(s.charAt(j))) {
            return -1;
        }
        char quote = 0;
        for (int k = j; k < s.length(); k++) {
            char c = s.charAt(k);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '>') {
                return k + 1;
            } else if (c == '<') {
                return -1;
            }
        }
        return -1;
    }

    private static String tagName(String raw, int from) {
        int k = from;
        while (k < raw.length() && (Character.isLetterOrDigit(raw.charAt(k)) || raw.charAt(k) == '-')) {
            k++;
        }
        return raw.substring(from, k).toLowerCase(java.util.Locale.ROOT);
    }

    /** The index after the {@code ;} of an entity starting at {@code i}, or -1 if it is none. */
    private static int entityEnd(String s, int i) {
        int j = i + 1;
        int max = Math.min(s.length(), i + 12);
        if (j < max && s.charAt(j) == '#') {
            j++;
            boolean hex = j < max && (s.charAt(j) == 'x' || s.charAt(j) == 'X');
            if (hex) {
                j++;
            }
            int digits = j;
            while (j < max && (hex ? Character.digit(s.charAt(j), 16) >= 0 : Character.isDigit(s.charAt(j)))) {
                j++;
            }
            return j > digits && j < max && s.charAt(j) == ';' ? j + 1 : -1;
        }
        for (String named : NAMED) {
            if (s.startsWith(named, i)) {
                return i + named.length();
            }
        }
        return -1;
    }

    private static int entityLength(String raw) {
        if (raw.startsWith("&#")) {
            boolean hex = raw.charAt(2) == 'x' || raw.charAt(2) == 'X';
            String digits = raw.substring(hex ? 3 : 2, raw.length() - 1);
            try {
                int cp = Integer.parseInt(digits, hex ? 16 : 10);
                return Character.isValidCodePoint(cp) ? Character.charCount(cp) : 1;
            } catch (NumberFormatException e) {
                return 1;
            }
        }
        return 1;
    }
}
