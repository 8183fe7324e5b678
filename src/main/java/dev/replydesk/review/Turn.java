package dev.replydesk.review;

import java.util.Objects;

/** One message of a comment thread: who wrote it and what it says. */
public record Turn(Role role, String text) {
    /** Who wrote a turn: the customer (commenter) or the brand (a moderator's earlier reply). */
    public enum Role {
        CUSTOMER, BRAND
    }

    public Turn {
        Objects.requireNonNull(role, "role");
        text = text == null ? "" : text;
    }

    public static Turn customer(String text) {
        return new Turn(Role.CUSTOMER, text);
    }

    public static Turn brand(String text) {
        return new Turn(Role.BRAND, text);
    }
}
