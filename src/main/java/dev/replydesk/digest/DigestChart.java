package dev.replydesk.digest;

import dev.replydesk.digest.Digest.HourBar;
import dev.replydesk.language.Lang;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * The digest's chart as a PNG: the day's comments per hour of arrival, stacked as answered,
 * still open and needing no answer. Rendered by XChart with AWT in headless mode, so it works
 * on a server without a display.
 */
final class DigestChart {
    static final int WIDTH = 1000;
    static final int HEIGHT = 500;

    private final DigestTexts texts;

    DigestChart(DigestTexts texts) {
        this.texts = texts;
    }

    byte[] png(Digest d, Lang lang) {
        // AWT reads this once, when it first loads; a server has no display.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title(texts.get(lang, "chart.title", texts.shortDay(lang, d.day())))
                .xAxisTitle(texts.get(lang, "chart.x")).yAxisTitle(texts.get(lang, "chart.y")).build();
        chart.getStyler().setStacked(true)
                .setLegendPosition(Styler.LegendPosition.InsideNE)
                .setSeriesColors(new Color[] {new Color(0x2e7d32), new Color(0xc62828), new Color(0x9e9e9e)})
                .setChartBackgroundColor(Color.WHITE)
                .setAntiAlias(true);
        chart.getStyler().setYAxisDecimalPattern("#");
        chart.getStyler().setYAxisMin(0.0);
        List<Integer> hours = new ArrayList<>();
        List<Integer> answered = new ArrayList<>();
        List<Integer> open = new ArrayList<>();
        List<Integer> other = new ArrayList<>();
        int max = 0;
        for (HourBar h : d.hours()) {
            hours.add(h.hour());
            answered.add(h.answered());
            open.add(h.open());
            other.add(h.other());
            max = Math.max(max, h.total());
        }
        // An empty day still gets a readable axis.
        chart.getStyler().setYAxisMax((double) Math.max(max, 4));
        chart.addSeries(texts.get(lang, "chart.answered"), hours, answered);
        chart.addSeries(texts.get(lang, "chart.open"), hours, open);
        chart.addSeries(texts.get(lang, "chart.other"), hours, other);
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render the digest chart", e);
        }
    }

    String caption(Digest d, Lang lang) {
        return texts.get(lang, "chart.caption", texts.shortDay(lang, d.day()));
    }
}
