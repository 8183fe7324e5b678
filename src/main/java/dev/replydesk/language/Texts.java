package dev.replydesk.language;

import java.text.MessageFormat;
import java.util.EnumMap;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The bot's own words, per language, from the resource bundles {@code i18n/messages_*.properties}.
 * A key missing in one language falls back to Russian, then to the key itself, so a missing
 * translation shows up as text instead of failing a card.
 */
public final class Texts {
    private final Map<Lang, ResourceBundle> bundles = new EnumMap<>(Lang.class);
    /** Parsed patterns, one per language and key; each use formats with a copy (MessageFormat is not thread-safe). */
    private final Map<Lang, Map<String, MessageFormat>> formats = new EnumMap<>(Lang.class);

    public Texts() {
        for (Lang lang : Lang.values()) {
            formats.put(lang, new java.util.concurrent.ConcurrentHashMap<>());
            bundles.put(lang, ResourceBundle.getBundle("i18n.messages", lang.locale(),
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES)));
        }
    }

    /** The text for {@code key} in {@code lang}, with {@code {0}}-style arguments filled in. */
    public String get(Lang lang, String key, Object... args) {
        if (args.length == 0) {
            return lookup(lang, key);
        }
        MessageFormat format = formats.get(lang).computeIfAbsent(key,
                k -> new MessageFormat(lookup(lang, k).replace("'", "''"), lang.locale()));
        return ((MessageFormat) format.clone()).format(args);
    }

    public boolean has(Lang lang, String key) {
        return bundles.get(lang).containsKey(key);
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
}
