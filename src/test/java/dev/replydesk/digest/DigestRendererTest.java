package dev.replydesk.digest;

import static dev.replydesk.digest.DigestFixture.CHAT_A;
import static dev.replydesk.digest.DigestFixture.DAY;
import static dev.replydesk.digest.DigestFixture.DIGEST_TIME;
import static dev.replydesk.digest.DigestFixture.ZONE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.replydesk.config.Sla;
import dev.replydesk.digest.DigestData.CommentFact;
import dev.replydesk.digest.DigestData.DecisionFact;
import dev.replydesk.digest.DigestData.ReplyFact;
import dev.replydesk.language.Lang;
import java.io.ByteArrayInputStream;
import java.awt.image.BufferedImage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Rendering without a store: a busy day must still fit one Telegram message. */
class DigestRendererTest {
    private final DigestTexts texts = new DigestTexts();
    private final DigestBuilder builder = new DigestBuilder(new TokenOverlapGroups());

    /** 60 open complaints with long texts, 30 moderators with long override reasons, 40 distinct questions. */
    private Digest busyDay() {
        List<CommentFact> comments = new ArrayList<>();
        List<CommentFact> open = new ArrayList<>();
        List<ReplyFact> replies = new ArrayList<>();
        List<DecisionFact> decisions = new ArrayList<>();
        Map<Long, String> names = new HashMap<>();
        Instant start = DAY.atStartOfDay(ZONE).toInstant();
        String filler = " <подробности & детали> ".repeat(20);
        for (int i = 0; i < 60; i++) {
            CommentFact c = new CommentFact(i, CHAT_A, 1000 + i, null, null, null, start.plusSeconds(600L * i), null,
                    "complaint", true, true, "OPEN", null, null, 7L, "Жалоба номер " + i + filler, true);
            comments.add(c);
            open.add(c);
        }
        for (int i = 0; i < 40; i++) {
            comments.add(new CommentFact(100 + i, CHAT_A, 2000 + i, null, null, null, start.plusSeconds(900L * i), null,
                    "question", false, true, "ANSWERED", null, start.plusSeconds(900L * i + 300), null,
                    "Вопрос" + i + " уникальный" + i + " текст" + i + filler, false));
        }
        for (long m = 1; m <= 30; m++) {
            names.put(m, "Модератор с очень длинным именем номер " + m);
            replies.add(new ReplyFact(100 + m, m, start.plusSeconds(1800 * m), start.plusSeconds(1800 * m - 400)));
            for (int k = 0; k < 5; k++) {
                decisions.add(new DecisionFact(m, start.plusSeconds(1800 * m + k), "OVERRIDE", true, true, true, false,
                        "Причина " + k + filler));
            }
        }
        DigestData data = new DigestData(DIGEST_TIME, Map.of(CHAT_A, "Brand chat"), names, comments, open, replies,
                decisions, List.of(), List.of());
        return builder.build(data, DAY, ZONE, Sla.defaults());
    }

    @Test
    void aBusyDayIsShortenedToOneTelegramMessageWithTheRestCounted() {
        Digest d = busyDay();
        for (Lang lang : Lang.values()) {
            String html = new DigestRenderer(texts).html(d, lang);
            assertTrue(html.length() <= DigestRenderer.TELEGRAM_LIMIT, lang + ": " + html.length());
            String more = texts.get(lang, "digest.more", "#");
            assertTrue(html.contains(more.substring(0, more.indexOf('#'))), lang + ": what is left out is counted\n" + html);
            assertBalancedTagsOnEveryLine(html);
        }
    }

    @Test
    void thePlainDigestKeepsEveryModerator() {
        String plain = new DigestRenderer(texts).plain(busyDay(), Lang.EN);
        for (int m = 1; m <= 30; m++) {
            assertTrue(plain.contains("Модератор с очень длинным именем номер " + m + ":"), "moderator " + m);
        }
    }

    private static void assertBalancedTagsOnEveryLine(String html) {
        Pattern tag = Pattern.compile("</?([a-z]+)[^>]*>");
        for (String line : html.split("\n")) {
            Matcher m = tag.matcher(line);
            List<String> stack = new ArrayList<>();
            while (m.find()) {
                if (m.group().startsWith("</")) {
                    assertEquals(m.group(1), stack.remove(stack.size() - 1), line);
                } else {
                    stack.add(m.group(1));
                }
            }
            assertTrue(stack.isEmpty(), line);
            assertTrue(!line.replaceAll("<[^>]+>", "").contains("<"), "unescaped < in " + line);
        }
    }

    @Test
    void theChartIsAValidPng() throws Exception {
        byte[] png = new DigestChart(texts).png(busyDay(), Lang.UK);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(DigestChart.WIDTH, image.getWidth());
        assertEquals(DigestChart.HEIGHT, image.getHeight());
        assertEquals("true", System.getProperty("java.awt.headless"));
    }

    @Test
    void anEmptyDayStillHasAChart() throws Exception {
        DigestData empty = new DigestData(DIGEST_TIME, Map.of(), Map.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of());
        Digest d = builder.build(empty, DAY, ZONE, Sla.defaults());
        assertEquals(DigestChart.WIDTH, ImageIO.read(new ByteArrayInputStream(new DigestChart(texts).png(d, Lang.RU)))
                .getWidth());
    }
}
