package dev.replydesk.inbox;

import dev.replydesk.language.Lang;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The seam to the reply checklist: judges a moderator's draft before it is published. */
public interface DraftChecker {
    /** Passes everything: used when no checklist is wired. */
    DraftChecker NONE = (thread, draft, kbId, lang) -> Verdict.pass();

    /**
     * Judges {@code draft} as a reply to {@code thread}, against knowledge-base entry {@code kbId}.
     *
     * @param reader the language of whoever reads the reasons (the moderator), not the thread's:
     *               it changes the words of the reasons, never the judgement
     */
    Verdict check(List<Turn> thread, String draft, Optional<String> kbId, Lang reader);

    /** One message of the thread, oldest first. */
    record Turn(boolean brand, String text) {
    }

    /**
     * The checklist's answer.
     *
     * @param checks   check name (polite, logical, consistent, links) → passed
     * @param reasons  check name → why it failed
     * @param blocking the names of failed checks that stop publishing
     */
    record Verdict(Map<String, Boolean> checks, Map<String, String> reasons, List<String> blocking) {
        public Verdict {
            checks = Map.copyOf(new LinkedHashMap<>(checks));
            reasons = Map.copyOf(reasons);
            blocking = List.copyOf(blocking);
            Objects.requireNonNull(checks);
        }

        public static Verdict pass() {
            return new Verdict(Map.of(), Map.of(), List.of());
        }

        public boolean blocked() {
            return !blocking.isEmpty();
        }

        public boolean allPassed() {
            return checks.values().stream().allMatch(b -> b);
        }

        public Boolean check(String name) {
            return checks.get(name);
        }
    }
}
