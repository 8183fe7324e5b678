package dev.replydesk.inbox;

/** HTML for Telegram's parse mode: every piece of user text goes through {@link #escape}. */
public final class Html {
    private Html() {
    }

    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                default -> sb.append(ch);
            }
        }
        return sb.toString();
    }

    /** Turns card HTML into plain text for the terminal try-out. */
    public static String toPlain(String html) {
        return html.replaceAll("<a href=\"tg://user[^\"]*\">([^<]*)</a>", "$1")
                .replaceAll("<a href=\"([^\"]*)\">([^<]*)</a>", "$2 ($1)")
                .replaceAll("<blockquote>", "│ ")
                .replaceAll("</blockquote>", "")
                .replaceAll("<[^>]+>", "")
                .replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&");
    }
}
