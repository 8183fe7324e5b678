package dev.replydesk.language;

import java.util.Locale;
import java.util.Optional;

/** The languages replydesk speaks. Russian is the default. */
public enum Lang {
    RU, UK, EN;

    public static final Lang DEFAULT = RU;

    /** The lower-case code used in folders, config and JSON: ru, uk, en. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public Locale locale() {
        return Locale.forLanguageTag(code());
    }

    /** Parses ru, uk, en (also ua for Ukrainian), case-insensitive. */
    public static Optional<Lang> fromCode(String code) {
        if (code == null) {
            return Optional.empty();
        }
        return switch (code.trim().toLowerCase(Locale.ROOT)) {
            case "ru" -> Optional.of(RU);
            case "uk", "ua" -> Optional.of(UK);
            case "en" -> Optional.of(EN);
            default -> Optional.empty();
        };
    }
}
