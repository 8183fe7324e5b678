package dev.replydesk.config;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;

/**
 * {@code review:} which checklist items stop a draft and which only warn. A check in neither
 * set is off.
 *
 * @param blocking {@code review.block}: default polite, consistent, links
 * @param warning  {@code review.warn}: default logical
 */
public record ReviewConfig(Set<ReviewCheckName> blocking, Set<ReviewCheckName> warning) {
    public static final Set<ReviewCheckName> DEFAULT_BLOCKING =
            Set.copyOf(EnumSet.of(ReviewCheckName.POLITE, ReviewCheckName.CONSISTENT, ReviewCheckName.LINKS));
    public static final Set<ReviewCheckName> DEFAULT_WARNING = Set.of(ReviewCheckName.LOGICAL);

    public ReviewConfig {
        blocking = Set.copyOf(blocking);
        warning = Set.copyOf(warning);
        Set<ReviewCheckName> both = new HashSet<>(blocking);
        both.retainAll(warning);
        if (!both.isEmpty()) {
            throw new IllegalArgumentException("review: " + both.iterator().next().key()
                    + " is listed in both review.block and review.warn");
        }
    }

    public static ReviewConfig defaults() {
        return new ReviewConfig(DEFAULT_BLOCKING, DEFAULT_WARNING);
    }

    public boolean blocks(ReviewCheckName check) {
        return blocking.contains(check);
    }

    public boolean warns(ReviewCheckName check) {
        return warning.contains(check);
    }

    public boolean isOff(ReviewCheckName check) {
        return !blocks(check) && !warns(check);
    }
}
