package dev.replydesk.review;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The verdict on one draft: every check passed or failed, and for each failed check the reason,
 * quoting the words that triggered it.
 */
public record Review(Map<Check, Boolean> passed, Map<Check, String> reasons) {
    public Review {
        Objects.requireNonNull(passed, "passed");
        Objects.requireNonNull(reasons, "reasons");
        EnumMap<Check, Boolean> p = new EnumMap<>(Check.class);
        for (Check c : Check.values()) {
            p.put(c, passed.getOrDefault(c, Boolean.TRUE));
        }
        EnumMap<Check, String> r = new EnumMap<>(Check.class);
        r.putAll(reasons);
        passed = Collections.unmodifiableMap(p);
        reasons = Collections.unmodifiableMap(r);
    }

    public boolean passed(Check check) {
        return passed.get(check);
    }

    public boolean allPassed() {
        return !passed.containsValue(Boolean.FALSE);
    }

    /** The failed checks, in checklist order. */
    public List<Check> failed() {
        List<Check> failed = new ArrayList<>();
        for (Check c : Check.values()) {
            if (!passed.get(c)) {
                failed.add(c);
            }
        }
        return List.copyOf(failed);
    }
}
