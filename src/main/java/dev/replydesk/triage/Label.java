package dev.replydesk.triage;

import java.util.Locale;
import java.util.Optional;

/** What kind of comment it is. The order is also the tie-break order: a complaint wins ties. */
public enum Label {
    /** A customer genuinely unhappy with a product or the service: something concrete to solve. */
    COMPLAINT,
    /** Insult, provocation or bait with nothing concrete to solve. */
    TROLL,
    /** A neutral request for information. */
    QUESTION,
    /** Positive feedback. */
    PRAISE,
    /** Advertising, scams, unrelated promotion. */
    SPAM,
    /** Anything else: chatter, jokes, reactions. */
    OTHER;

    /** Complaint or troll: the comment is negative about the brand. */
    public boolean negative() {
        return this == COMPLAINT || this == TROLL;
    }

    /** Complaint or question: the brand owes an answer. */
    public boolean needsAnswer() {
        return this == COMPLAINT || this == QUESTION;
    }

    /** The lower-case code used in config, JSON and the CLI: {@code complaint}, {@code troll}, ... */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a code such as {@code complaint} (case-insensitive). */
    public static Optional<Label> fromCode(String code) {
        if (code == null) {
            return Optional.empty();
        }
        String c = code.trim().toUpperCase(Locale.ROOT);
        for (Label label : values()) {
            if (label.name().equals(c)) {
                return Optional.of(label);
            }
        }
        return Optional.empty();
    }
}
