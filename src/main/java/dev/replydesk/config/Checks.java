package dev.replydesk.config;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Small guards shared by the config records' compact constructors. */
final class Checks {
    private Checks() {
    }

    static <T> T required(T value, String key) {
        if (value == null) {
            throw new IllegalArgumentException(key + " is required");
        }
        return value;
    }

    static <T> List<T> list(List<T> values, String key) {
        Objects.requireNonNull(values, key);
        return List.copyOf(values);
    }

    static <T> Set<T> set(Collection<T> values, String key) {
        Objects.requireNonNull(values, key);
        return Set.copyOf(values);
    }

    static <T> Set<T> orderedSet(Collection<T> values, String key) {
        Objects.requireNonNull(values, key);
        return java.util.Collections.unmodifiableSet(new LinkedHashSet<>(values));
    }

    static <K, V> Map<K, V> map(Map<K, V> values, String key) {
        Objects.requireNonNull(values, key);
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    static void userIds(Collection<Long> ids, String key) {
        for (Long id : ids) {
            userId(Objects.requireNonNull(id, key), key);
        }
    }

    static void userId(long id, String key) {
        if (id <= 0) {
            throw new IllegalArgumentException(key + ": " + id + " is not a user id (user ids are positive)");
        }
    }

    static void chatId(long id, String key) {
        if (id >= 0) {
            throw new IllegalArgumentException(key + ": " + id
                    + " is not a group or channel id (those are negative, like -1001234567890)");
        }
    }

    static void positive(java.time.Duration d, String key) {
        required(d, key);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(key + " must be longer than zero");
        }
    }
}
