package dev.replydesk.config;

import java.util.Locale;
import java.util.Optional;

/**
 * The reply checklist's four checks, as named in {@code review.block} and {@code review.warn}.
 * Kept here so the config does not depend on the review package.
 */
public enum ReviewCheckName {
    POLITE, LOGICAL, CONSISTENT, LINKS;

    /** The lower-case name used in the YAML file: polite, logical, consistent, links. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ReviewCheckName> fromKey(String key) {
        if (key == null) {
            return Optional.empty();
        }
        for (ReviewCheckName c : values()) {
            if (c.key().equals(key.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
