package dev.replydesk.review;

import java.util.Locale;

/** The four items of the reply checklist, in the order they are shown. */
public enum Check {
    /** Courteous and calm; neither rude nor saccharine; one form of address. */
    POLITE,
    /** Answers what the customer raised with a concrete answer or next step; no self-contradiction. */
    LOGICAL,
    /** Keeps the brand's earlier positions in the thread and the knowledge-base entry's facts. */
    CONSISTENT,
    /** No external link nobody asked for. */
    LINKS;

    /** The lower-case name used in JSON and config: polite, logical, consistent, links. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
