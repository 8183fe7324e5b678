package dev.replydesk.config;

import dev.replydesk.language.Lang;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code routing:} who is assigned a comment. Rules are tried in order; the first that matches
 * wins; when none does, every moderator is a candidate.
 *
 * @param rules  {@code routing.rules}
 * @param groups {@code routing.groups}: name → user ids
 */
public record Routing(List<Route> rules, Map<String, List<Long>> groups) {
    public Routing {
        rules = Checks.list(rules, "routing.rules");
        groups = Checks.map(groups, "routing.groups");
        groups.forEach((name, ids) -> Checks.userIds(ids, "routing.groups." + name));
        groups = Map.copyOf(groups.entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> List.copyOf(e.getValue()))));
    }

    public static Routing none() {
        return new Routing(List.of(), Map.of());
    }

    /** The first rule that matches the comment, if any. */
    public Optional<Route> match(long chatId, Set<String> tags, Lang language, String text) {
        return rules.stream().filter(r -> r.matches(chatId, tags, language, text)).findFirst();
    }
}
