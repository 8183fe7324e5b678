package dev.replydesk.digest;

import dev.replydesk.language.Lang;
import java.text.MessageFormat;
import java.text.NumberFormat;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The digest's words, from {@code i18n/digest_{ru,uk,en}.properties} (UTF-8), and the numbers,
 * dates and durations written the way each language writes them. A key missing in one language
 * falls back to Russian, then to the key itself.
 */
final class DigestTexts {
    private final Map<Lang, ResourceBundle> bundles = new EnumMap<>(Lang.class);

    DigestTexts() {
        for (Lang lang : Lang.values()) {
            bundles.put(lang, ResourceBundle.getBundle("i18n.digest", lang.locale(),
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES)));
        }
    }

    /** The text for {@code key} with {@code {0}}-style arguments; arguments are used as given (format numbers first). */
    String get(Lang lang, String key, Object... args) {
        String pattern = lookup(lang, key);
        if (args.length == 0) {
            return pattern;
        }
        // Apostrophes are letters in Ukrainian, never MessageFormat quotes here.
        return new MessageFormat(pattern.replace("'", "''"), lang.locale()).format(args);
    }

    private String lookup(Lang lang, String key) {
        try {
            return bundles.get(lang).getString(key);
        } catch (MissingResourceException e) {
            try {
                return bundles.get(Lang.DEFAULT).getString(key);
            } catch (MissingResourceException e2) {
                return key;
            }
        }
    }

    /** One decimal place at most, in the language's way: 8.3 / 8,3. */
    String decimal(Lang lang, double value) {
        NumberFormat f = NumberFormat.getNumberInstance(lang.locale());
        f.setMaximumFractionDigits(1);
        f.setMinimumFractionDigits(0);
        f.setGroupingUsed(false);
        return f.format(Math.round(value * 10) / 10.0);
    }

    /** A duration the way the digest shows it: 40 s, 12 min, 1 h 5 min, 2 d 3 h. */
    String duration(Lang lang, Duration d) {
        if (d == null) {
            return "—";
        }
        long seconds = Math.max(0, d.toSeconds());
        if (seconds < 60) {
            return get(lang, "unit.s", String.valueOf(seconds));
        }
        long minutes = seconds / 60;
        if (minutes < 60) {
            return get(lang, "unit.min", String.valueOf(minutes));
        }
        long hours = minutes / 60;
        if (hours < 24) {
            String h = get(lang, "unit.h", String.valueOf(hours));
            return minutes % 60 == 0 ? h : h + " " + get(lang, "unit.min", String.valueOf(minutes % 60));
        }
        String days = get(lang, "unit.d", String.valueOf(hours / 24));
        return hours % 24 == 0 ? days : days + " " + get(lang, "unit.h", String.valueOf(hours % 24));
    }

    /** A day in full: "Monday, 2 March 2026", "понедельник, 2 марта 2026". */
    String day(Lang lang, LocalDate day) {
        return DateTimeFormatter.ofPattern("EEEE, d MMMM yyyy", lang.locale()).format(day);
    }

    /** A day in short: "2 March", "2 марта". */
    String shortDay(Lang lang, LocalDate day) {
        return DateTimeFormatter.ofPattern("d MMMM", lang.locale()).format(day);
    }
}
