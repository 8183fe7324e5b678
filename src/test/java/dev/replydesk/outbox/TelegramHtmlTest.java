package dev.replydesk.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TelegramHtmlTest {

    @Test
    void tagsDoNotCountAndEntitiesCountAsOneCharacter() {
        assertEquals(5, TelegramHtml.visibleLength("<b>a&lt;b</b> <i>c</i>"));
        assertEquals(3, TelegramHtml.visibleLength("<a href=\"https://x.y/?a=1&amp;b=2\">&amp;&quot;&#33;</a>"));
    }

    @Test
    void lengthIsCountedInUtf16UnitsAsTelegramDoes() {
        assertEquals(2, TelegramHtml.visibleLength("😀"));
        assertEquals(2, TelegramHtml.visibleLength("&#128512;"));
        assertEquals(1, TelegramHtml.visibleLength("&#x41;"));
    }

    @Test
    void unescapedAngleBracketsAndAmpersandsAreText() {
        assertEquals(5, TelegramHtml.visibleLength("a < b"));
        assertEquals(7, TelegramHtml.visibleLength("R&D; ok"));
        assertEquals(3, TelegramHtml.visibleLength("a&b"));
    }

    @Test
    void aTextThatFitsIsLeftAsItIs() {
        String html = "<b>hello</b>\n\nworld";
        assertEquals(List.of(html), TelegramHtml.split(html, 4096));
    }

    @Test
    void splitsAtAParagraphBreakInTheSecondHalf() {
        String p1 = "a".repeat(30) + " " + "b".repeat(30);
        String p2 = "c".repeat(30) + " " + "d".repeat(30);
        List<String> parts = TelegramHtml.split(p1 + "\n\n" + p2, 100);
        assertEquals(List.of(p1, p2), parts);
    }

    @Test
    void prefersALineBreakToASpace() {
        String l1 = "word ".repeat(12).strip();
        String l2 = "more ".repeat(12).strip();
        List<String> parts = TelegramHtml.split(l1 + "\n" + l2 + " tail", 80);
        assertEquals(List.of(l1, l2 + " tail"), parts);
    }

    @Test
    void neverCutsInsideAWordWhenThereIsASpace() {
        String text = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu";
        List<String> parts = TelegramHtml.split(text, 20);
        for (String p : parts) {
            assertTrue(TelegramHtml.visibleLength(p) <= 20, p);
        }
        assertEquals(text, String.join(" ", parts));
    }

    @Test
    void aWordLongerThanAPartIsCutBetweenCharacters() {
        String text = "x".repeat(250);
        List<String> parts = TelegramHtml.split(text, 100);
        assertEquals(List.of("x".repeat(100), "x".repeat(100), "x".repeat(50)), parts);
    }

    @Test
    void openTagsAreClosedAndReopenedWithTheirAttributes() {
        String html = "<b>bold " + "word ".repeat(20) + "</b><a href=\"https://e.x/?q=1&amp;r=2\">"
                + "link ".repeat(20) + "</a>";
        List<String> parts = TelegramHtml.split(html, 60);
        assertTrue(parts.size() > 2, parts.toString());
        for (String p : parts) {
            assertBalanced(p);
            assertTrue(TelegramHtml.visibleLength(p) <= 60, p);
        }
        assertTrue(parts.get(0).startsWith("<b>") && parts.get(0).endsWith("</b>"), parts.get(0));
        assertTrue(parts.get(1).startsWith("<b>"), parts.get(1));
        String last = parts.get(parts.size() - 1);
        assertTrue(last.startsWith("<a href=\"https://e.x/?q=1&amp;r=2\">") && last.endsWith("</a>"), last);
    }

    @Test
    void neverCutsAnEntityOrASurrogatePair() {
        String html = "&lt;&gt;😀".repeat(40);
        for (int limit = 2; limit < 30; limit++) {
            for (String p : TelegramHtml.split(html, limit)) {
                assertTrue(TelegramHtml.visibleLength(p) <= limit);
                for (TelegramHtml.Token t : TelegramHtml.tokenize(p)) {
                    assertTrue(!t.raw().equals("&") && !Character.isSurrogate(t.raw().charAt(0))
                            || t.raw().length() == 2, "broken piece in " + p);
                }
            }
        }
    }

    @Test
    void aFourThousandLimitSplitsALongReplyIntoFewWholeParts() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; sb.length() < 10_000; i++) {
            sb.append("Paragraph ").append(i).append(": ").append("some words &amp; more words ".repeat(8))
                    .append("\n\n");
        }
        String html = sb.toString().strip();
        List<String> parts = TelegramHtml.split(html, Outgoing.MAX_TEXT);
        assertEquals(3, parts.size());
        for (String p : parts) {
            assertTrue(TelegramHtml.visibleLength(p) <= Outgoing.MAX_TEXT);
            assertTrue(p.startsWith("Paragraph "), p.substring(0, 20));
        }
        assertEquals(visibleWithoutSpaces(html), visibleWithoutSpaces(String.join("", parts)));
    }

    @Test
    void randomMarkupAlwaysSplitsIntoBalancedPartsWithinTheLimitLosingNothing() {
        Random random = new Random(42);
        String[] words = {"a", "word", "&amp;", "&lt;tag&gt;", "😀", "longerwordhere", "x&#33;"};
        String[] tags = {"b", "i", "u", "s", "code", "tg-spoiler"};
        for (int round = 0; round < 300; round++) {
            StringBuilder sb = new StringBuilder();
            List<String> open = new ArrayList<>();
            int n = 20 + random.nextInt(200);
            for (int k = 0; k < n; k++) {
                int r = random.nextInt(10);
                if (r == 0 && open.size() < 3) {
                    String tag = tags[random.nextInt(tags.length)];
                    sb.append('<').append(tag).append('>');
                    open.add(tag);
                } else if (r == 1 && !open.isEmpty()) {
                    sb.append("</").append(open.remove(open.size() - 1)).append('>');
                } else if (r == 2) {
                    sb.append(random.nextBoolean() ? "\n" : "\n\n");
                } else {
                    sb.append(words[random.nextInt(words.length)]).append(' ');
                }
            }
            while (!open.isEmpty()) {
                sb.append("</").append(open.remove(open.size() - 1)).append('>');
            }
            String html = sb.toString();
            int limit = 5 + random.nextInt(60);
            List<String> parts = TelegramHtml.split(html, limit);
            for (String p : parts) {
                assertBalanced(p);
                int len = TelegramHtml.visibleLength(p);
                assertTrue(len <= limit && len > 0, "part of " + len + " > " + limit + ": " + p);
            }
            assertEquals(visibleWithoutSpaces(html), visibleWithoutSpaces(String.join("", parts)), html);
        }
    }

    @Test
    void visibleLengthIsWhatTheTokensAddUpTo() {
        List<String> texts = new ArrayList<>(List.of("", "plain", "<b>bold</b> &amp; &lt;x&gt; &#128512; &#x1F600;",
                "a < b > c & d &unknown; &#; <a href=\"https://e.com/?a=1&b=2\">link</a>", "😀 emoji 👩‍👩‍👧 and ‮RTL‬ \u200b",
                "<blockquote>q</blockquote>\n<i>i</i><code>&quot;c&quot;</code>", "< not a tag <1 <b", "&amp"));
        Random random = new Random(7);
        String alphabet = "ab <>/&;#x1bi\"=😀\n";
        for (int n = 0; n < 500; n++) {
            StringBuilder sb = new StringBuilder();
            for (int i = random.nextInt(40); i > 0; i--) {
                sb.appendCodePoint(alphabet.codePointAt(alphabet.offsetByCodePoints(0,
                        random.nextInt(alphabet.codePointCount(0, alphabet.length())))));
            }
            texts.add(sb.toString());
        }
        for (String html : texts) {
            int sum = 0;
            for (TelegramHtml.Token t : TelegramHtml.tokenize(html)) {
                sum += t.visible();
            }
            assertEquals(sum, TelegramHtml.visibleLength(html), html);
        }
    }

    private static String visibleWithoutSpaces(String html) {
        StringBuilder sb = new StringBuilder();
        for (TelegramHtml.Token t : TelegramHtml.tokenize(html)) {
            if (t.kind() == TelegramHtml.Kind.TEXT || t.kind() == TelegramHtml.Kind.ENTITY) {
                if (!t.isWhitespace()) {
                    sb.append(t.raw());
                }
            }
        }
        return sb.toString();
    }

    private static void assertBalanced(String html) {
        List<String> stack = new ArrayList<>();
        for (TelegramHtml.Token t : TelegramHtml.tokenize(html)) {
            if (t.kind() == TelegramHtml.Kind.OPEN) {
                stack.add(t.name());
            } else if (t.kind() == TelegramHtml.Kind.CLOSE) {
                assertTrue(!stack.isEmpty() && stack.remove(stack.size() - 1).equals(t.name()),
                        "unbalanced " + t.raw() + " in " + html);
            }
        }
        assertTrue(stack.isEmpty(), "left open " + stack + " in " + html);
    }

    @Test
    void aDoneLineIsAddedInFullAndALongMessageIsCutToMakeRoomForIt() {
        String done = "✅ Published by @anna";
        assertEquals("<b>Held</b>\n\n" + done, Outbox.withAddition("<b>Held</b>\n", done));
        String longReport = "<b>" + "слово ".repeat(800) + "</b> &amp; " + "ещё ".repeat(200);
        String edited = Outbox.withAddition(longReport, done);
        assertTrue(TelegramHtml.visibleLength(edited) <= Outgoing.MAX_TEXT, "fits one message: "
                + TelegramHtml.visibleLength(edited));
        assertTrue(edited.endsWith("…\n\n" + done), "cut, marked, and the line in full");
        assertTrue(edited.startsWith("<b>слово") && edited.contains("</b>"), "no tag left open");
        new Outgoing.Edit(-100L, MessageRef.message(5), edited, Keyboard.NONE); // Telegram's limit holds
    }
}
