package dev.replydesk.triage;

import java.util.List;
import java.util.Objects;

/**
 * The label of one comment and why: short sentences a moderator can read on the card, the
 * deciding one first, e.g. {@code order number + 'не работает' → complaint}.
 */
public record Verdict(Label label, List<String> reasons) {
    public Verdict {
        Objects.requireNonNull(label, "label");
        reasons = List.copyOf(reasons);
    }
}
