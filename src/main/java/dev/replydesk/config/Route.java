package dev.replydesk.config;

import dev.replydesk.language.Lang;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One entry of {@code routing.rules:}. Every condition given must hold; a rule with no
 * conditions matches everything.
 *
 * @param community {@code community}: chat id of the community
 * @param tags      {@code tags}: matches when the comment carries any of them (e.g. triage labels)
 * @param language  {@code language}: the comment's language
 * @param keywords  {@code keywords}: matches when the text contains any of them (case-insensitive)
 * @param to        who gets it: {@code to: [ids]}, or the members of the group named by {@code to: name}
 * @param group     the group's name when {@code to} named a group
 */
public record Route(Optional<Long> community, Set<String> tags, Optional<Lang> language, List<String> keywords,
                    List<Long> to, Optional<String> group) {
    public Route {
        Objects.requireNonNull(community, "routing.rules[].community");
        community.ifPresent(id -> Checks.chatId(id, "routing.rules[].community"));
        tags = Checks.orderedSet(tags.stream().map(t -> t.toLowerCase(Locale.ROOT)).toList(), "routing.rules[].tags");
        Objects.requireNonNull(language, "routing.rules[].language");
        keywords = Checks.list(keywords.stream().map(k -> k.toLowerCase(Locale.ROOT)).toList(),
                "routing.rules[].keywords");
        to = Checks.list(to, "routing.rules[].to");
        if (to.isEmpty()) {
            throw new IllegalArgumentException("routing.rules[].to needs at least one user id");
        }
        Checks.userIds(to, "routing.rules[].to");
        Objects.requireNonNull(group, "routing.rules[].group");
    }

    /** True when the comment satisfies every condition this rule sets. */
    public boolean matches(long chatId, Set<String> commentTags, Lang commentLanguage, String text) {
        if (community.isPresent() && community.get() != chatId) {
            return false;
        }
        if (!tags.isEmpty() && commentTags.stream().map(t -> t.toLowerCase(Locale.ROOT)).noneMatch(tags::contains)) {
            return false;
        }
        if (language.isPresent() && language.get() != commentLanguage) {
            return false;
        }
        if (!keywords.isEmpty()) {
            String lower = text == null ? "" : text.toLowerCase(Locale.ROOT);
            return keywords.stream().anyMatch(lower::contains);
        }
        return true;
    }
}
