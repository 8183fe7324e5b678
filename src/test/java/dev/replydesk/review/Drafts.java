package dev.replydesk.review;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Shared helpers for the checklist tests: one checklist over the project's rule files. */
final class Drafts {
    static final Checklist CHECKLIST = Checklist.load(Path.of("config", "review"));

    private Drafts() {
    }

    static Review check(List<Turn> thread, String draft) {
        return CHECKLIST.check(thread, draft, Optional.empty());
    }

    static Review check(List<Turn> thread, String draft, Reference kb) {
        return CHECKLIST.check(thread, draft, Optional.of(kb));
    }

    static Review ask(String customer, String draft) {
        return check(List.of(Turn.customer(customer)), draft);
    }

    /** Asserts the check failed and its reason quotes every one of {@code words}. */
    static void fails(Review review, Check check, String... words) {
        assertFalse(review.passed(check), () -> check.code() + " should fail: " + review);
        String reason = review.reasons().get(check);
        for (String w : words) {
            assertTrue(reason != null && reason.contains(w),
                    () -> check.code() + " reason should quote '" + w + "': " + reason);
        }
    }

    static void passes(Review review, Check check) {
        assertTrue(review.passed(check), () -> check.code() + " should pass: " + review.reasons().get(check));
    }
}
