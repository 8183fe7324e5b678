package dev.replydesk.config;

import dev.replydesk.config.YamlReader.Bad;
import dev.replydesk.config.YamlReader.Section;
import dev.replydesk.language.Lang;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads and validates {@code config/replydesk.yml}.
 *
 * <p>The YAML is composed to nodes (not bound to objects), so every problem names the key path
 * and the line: {@code config/replydesk.yml:23: sla.target: "15x" is not a duration (use 90s,
 * 15m, 6h, 1d)}. All problems are collected and thrown together. {@code ${NAME}} and
 * {@code ${NAME:-default}} in any value take an environment variable ({@code $${} writes a
 * literal {@code ${}). Secrets (the token, passwords) never appear in a message.
 */
public final class ConfigLoader {
    private static final List<String> TOP = List.of("telegram", "communities", "moderators", "managers", "editors",
            "brand", "storage", "knowledge-base", "sla", "routing", "review", "webhook");
    private static final String DURATION_HINT = "(use 90s, 15m, 6h, 1d)";
    private static final Pattern DURATION = Pattern.compile("(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");
    private static final Pattern TIME = Pattern.compile("(\\d{1,2}):(\\d{2})");
    private static final Pattern HOURS = Pattern.compile("(\\d{1,2}:\\d{2})\\s*-\\s*(\\d{1,2}:\\d{2})");

    private final YamlReader in;
    private final Path file;

    private ConfigLoader(Path file, Map<String, String> env) {
        this.file = file;
        this.in = new YamlReader(file.toString(), env);
    }

    /**
     * Loads the config file. {@code env} is the environment for {@code ${NAME}} (pass
     * {@code System.getenv()}).
     *
     * @throws ConfigException naming every problem with its key path and line
     */
    public static ReplydeskConfig load(Path file, Map<String, String> env) throws ConfigException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (NoSuchFileException e) {
            throw new ConfigException(List.of(file + ": no such config file (give another with --config FILE)"));
        } catch (CharacterCodingException e) {
            throw new ConfigException(List.of(file + ": is not UTF-8 text"));
        } catch (IOException e) {
            throw new ConfigException(List.of(file + ": cannot read: " + e));
        }
        return new ConfigLoader(file, env).read(text);
    }

    /** Parses YAML text as if read from {@code fileName}; for tests and tools. */
    public static ReplydeskConfig parse(String yaml, String fileName, Map<String, String> env)
            throws ConfigException {
        return new ConfigLoader(Path.of(fileName), env).read(yaml);
    }

    // ---------------------------------------------------------------- the file

    private ReplydeskConfig read(String text) throws ConfigException {
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            options.setMaxAliasesForCollections(20);
            root = new Yaml(options).compose(new StringReader(text.startsWith("\uFEFF") ? text.substring(1) : text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            int line = mark == null ? 1 : mark.getLine() + 1;
            String what = (e.getContext() == null ? "" : e.getContext() + ", ")
                    + (e.getProblem() == null ? "not valid YAML" : e.getProblem());
            in.problem(line, "", "not valid YAML: " + what);
            throw new ConfigException(in.problems());
        } catch (YAMLException e) {
            in.problem(1, "", "not valid YAML: " + e.getMessage());
            throw new ConfigException(in.problems());
        }
        Section top = in.root(root, TOP);

        Telegram telegram = telegram(top);
        List<Community> communities = communities(top);
        Moderators moderators = moderators(top, communities);
        Managers managers = managers(top);
        Editors editors = build(top, "editors", () -> {
            Section s = in.section(top, "editors", List.of("users", "languages"));
            List<Long> users = in.list(s, "users", List.of(), ConfigLoader::userId, "user ids", "[444444]");
            Map<Long, Lang> languages = languages(s, users);
            return users == null || languages == null ? null : new Editors(users, languages);
        });
        Brand brand = brand(top);
        Storage storage = storage(top);
        KnowledgeBaseConfig kb = knowledgeBase(top);
        Sla sla = sla(top, managers);
        Routing routing = routing(top, communities, moderators, managers);
        ReviewConfig review = review(top);
        Webhook webhook = webhook(top);

        if (in.problemCount() > 0) {
            throw new ConfigException(in.problems());
        }
        try {
            return new ReplydeskConfig(file, telegram, communities, moderators, managers, editors, brand, storage,
                    kb, sla, routing, review, webhook);
        } catch (IllegalArgumentException | NullPointerException e) {
            in.problem(1, "", String.valueOf(e.getMessage()));
            throw new ConfigException(in.problems());
        }
    }

    /**
     * Runs one section's reader; returns null when the section had any problem, so a record is
     * built only from values that all parsed. A record's own check that fails is reported at the
     * section's line.
     */
    private <T> T build(Section parent, String name, Supplier<T> reader) {
        int before = in.problemCount();
        T value;
        try {
            value = reader.get();
        } catch (IllegalArgumentException e) {
            if (in.problemCount() == before) {
                Node key = parent.keys.get(name);
                in.problem(key == null ? parent.line : YamlReader.line(key), "", e.getMessage());
            }
            return null;
        }
        return in.problemCount() == before ? value : null;
    }

    private Telegram telegram(Section top) {
        return build(top, "telegram", () -> {
            if (!top.has("telegram")) {
                in.missing(top, "telegram", "add a telegram: section with token: ${TELEGRAM_BOT_TOKEN}");
                return null;
            }
            Section s = in.section(top, "telegram", List.of("token", "api-url", "poll-timeout"));
            if (!s.present) {
                return null;
            }
            String token = in.requiredString(s, "token", "write token: ${TELEGRAM_BOT_TOKEN} and set that variable",
                    true);
            if (token != null && token.strip().chars().anyMatch(Character::isWhitespace)) {
                in.problem(s.value("token"), s.key("token"), "contains spaces; copy the token from BotFather again");
            }
            URI api = in.value(s, "api-url", Telegram.DEFAULT_API_URL, ConfigLoader::httpUrl, "an http(s) URL");
            Duration poll = in.value(s, "poll-timeout", Telegram.DEFAULT_POLL_TIMEOUT,
                    range(Duration.ZERO, Duration.ofMinutes(10)), "a duration");
            return token == null || api == null || poll == null ? null : new Telegram(token.strip(), api, poll);
        });
    }

    private List<Community> communities(Section top) {
        return build(top, "communities", () -> {
            if (!top.has("communities")) {
                in.missing(top, "communities", "list the community chats, e.g. - chat-id: -1001234567890");
                return null;
            }
            List<Section> items = in.sections(top, "communities", List.of("chat-id", "name", "channel-id"));
            if (items == null) {
                return null;
            }
            if (items.isEmpty()) {
                in.problem(top.value("communities"), "communities", "needs at least one community chat");
                return null;
            }
            List<Community> out = new ArrayList<>();
            Map<Long, Integer> seen = new LinkedHashMap<>();
            for (Section s : items) {
                if (!s.present) {
                    continue;
                }
                Long chatId = in.required(s, "chat-id", ConfigLoader::chatId, "a chat id");
                String name = in.string(s, "name", chatId == null ? "" : String.valueOf(chatId), false);
                Long channel = in.value(s, "channel-id", null, ConfigLoader::chatId, "a channel id");
                if (chatId == null || name == null) {
                    continue;
                }
                if (name.isBlank()) {
                    in.problem(s.value("name"), s.key("name"), "is empty");
                    continue;
                }
                Integer first = seen.putIfAbsent(chatId, s.line);
                if (first != null) {
                    in.problem(s.value("chat-id"), s.key("chat-id"), chatId + " is already listed on line " + first);
                    continue;
                }
                out.add(new Community(chatId, name.strip(), Optional.ofNullable(channel)));
            }
            return out;
        });
    }

    private Moderators moderators(Section top, List<Community> communities) {
        return build(top, "moderators", () -> {
            if (!top.has("moderators")) {
                in.missing(top, "moderators", "add moderators: with chat-id and users");
                return null;
            }
            Section s = in.section(top, "moderators", List.of("chat-id", "users", "languages", "language"));
            if (!s.present) {
                return null;
            }
            Long chatId = in.required(s, "chat-id", ConfigLoader::chatId, "the moderators' group chat id");
            if (chatId != null && communities != null
                    && communities.stream().anyMatch(c -> c.chatId() == chatId)) {
                in.problem(s.value("chat-id"), s.key("chat-id"),
                        "is also listed in communities; the moderators' chat must be a separate group");
            }
            List<Long> users = userList(s, "users", true, "[111111, 222222]");
            Map<Long, Lang> languages = languages(s, users);
            Lang language = in.value(s, "language", Lang.DEFAULT, ConfigLoader::lang, "a language");
            if (chatId == null || users == null || languages == null || language == null) {
                return null;
            }
            return new Moderators(chatId, users, languages, language);
        });
    }

    private Managers managers(Section top) {
        return build(top, "managers", () -> {
            Section s = in.section(top, "managers", List.of("users", "digest-time", "timezone", "languages"));
            List<Long> users = userList(s, "users", false, "[333333]");
            LocalTime time = in.value(s, "digest-time", Managers.DEFAULT_DIGEST_TIME, ConfigLoader::time,
                    "a time of day");
            ZoneId zone = in.value(s, "timezone", Managers.DEFAULT_TIMEZONE, ConfigLoader::zone, "a time zone");
            Map<Long, Lang> languages = languages(s, users);
            if (users == null || time == null || zone == null || languages == null) {
                return null;
            }
            return new Managers(users, time, zone, languages);
        });
    }

    private Brand brand(Section top) {
        return build(top, "brand", () -> {
            Section s = in.section(top, "brand", List.of("accounts", "sender-chats"));
            List<Long> accounts = in.list(s, "accounts", List.of(), ConfigLoader::userId, "user ids", "[555555]");
            List<Long> senders = in.list(s, "sender-chats", List.of(), ConfigLoader::chatId, "channel ids",
                    "[-1001234567890]");
            return accounts == null || senders == null ? null : new Brand(dedupe(accounts), dedupe(senders));
        });
    }

    private Storage storage(Section top) {
        return build(top, "storage", () -> {
            if (!top.has("storage")) {
                in.missing(top, "storage", "add storage: with url: jdbc:h2:file:./data/replydesk");
                return null;
            }
            Section s = in.section(top, "storage", List.of("url", "user", "password"));
            if (!s.present) {
                return null;
            }
            String url = in.required(s, "url", raw -> {
                if (!raw.startsWith("jdbc:")) {
                    throw new Bad(YamlReader.quote(raw)
                            + " is not a JDBC URL (use jdbc:h2:file:./data/replydesk or jdbc:postgresql://host/db)");
                }
                return raw;
            }, "a JDBC URL");
            String user = in.string(s, "user", "", false);
            String password = in.string(s, "password", "", true);
            return url == null || user == null || password == null ? null : new Storage(url, user, password);
        });
    }

    private KnowledgeBaseConfig knowledgeBase(Section top) {
        return build(top, "knowledge-base", () -> {
            Section s = in.section(top, "knowledge-base", List.of("dir", "default-language"));
            Path dir = in.value(s, "dir", KnowledgeBaseConfig.DEFAULT_DIR, ConfigLoader::path, "a directory");
            Lang lang = in.value(s, "default-language", Lang.DEFAULT, ConfigLoader::lang, "a language");
            return dir == null || lang == null ? null : new KnowledgeBaseConfig(dir, lang);
        });
    }

    private Sla sla(Section top, Managers managers) {
        return build(top, "sla", () -> {
            Section s = in.section(top, "sla", List.of("target", "limit", "burst", "working-hours"));
            Duration max = Duration.ofDays(30);
            Duration target = in.value(s, "target", Sla.DEFAULT_TARGET, range(Duration.ofSeconds(1), max),
                    "a duration");
            Duration limit = in.value(s, "limit", Sla.DEFAULT_LIMIT, range(Duration.ofSeconds(1), max), "a duration");
            Duration burst = in.value(s, "burst", Sla.DEFAULT_BURST, range(Duration.ZERO, Duration.ofHours(1)),
                    "a duration");
            if (target != null && limit != null && target.compareTo(limit) >= 0) {
                Node at = s.value("target") != null ? s.value("target") : s.value("limit");
                in.problem(YamlReader.line(at), s.key("target"), "(" + human(target)
                        + ") must be shorter than sla.limit (" + human(limit) + ")");
            }
            if (target != null && burst != null && burst.compareTo(target) >= 0) {
                Node at = s.value("burst") != null ? s.value("burst") : s.value("target");
                in.problem(YamlReader.line(at), s.key("burst"), "(" + human(burst)
                        + ") must be shorter than sla.target (" + human(target) + ")");
            }
            Optional<WorkingHours> hours = Optional.empty();
            if (s.has("working-hours")) {
                ZoneId fallback = managers == null ? Managers.DEFAULT_TIMEZONE : managers.timezone();
                WorkingHours wh = workingHours(in.section(s, "working-hours",
                        List.of("timezone", "days", "hours", "holidays")), fallback);
                if (wh == null) {
                    return null;
                }
                hours = Optional.of(wh);
            }
            return target == null || limit == null || burst == null ? null : new Sla(target, limit, burst, hours);
        });
    }

    private WorkingHours workingHours(Section s, ZoneId fallbackZone) {
        if (!s.present) {
            return null;
        }
        int before = in.problemCount();
        ZoneId zone = in.value(s, "timezone", fallbackZone, ConfigLoader::zone, "a time zone");
        List<List<DayOfWeek>> dayLists = in.list(s, "days", List.of(List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY,
                DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)), ConfigLoader::days, "days",
                "[mon, tue, wed, thu, fri] or [mon-fri]");
        LocalTime[] hours = in.value(s, "hours", new LocalTime[] {LocalTime.of(9, 0), LocalTime.of(18, 0)},
                ConfigLoader::hours, "hours like \"09:00-18:00\"");
        List<LocalDate> holidays = in.list(s, "holidays", List.of(), ConfigLoader::date, "dates",
                "[2026-01-01, 2026-01-07]");
        if (in.problemCount() > before || zone == null || dayLists == null || hours == null || holidays == null) {
            return null;
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        dayLists.forEach(days::addAll);
        if (days.isEmpty()) {
            in.problem(s.value("days"), s.key("days"), "needs at least one day");
            return null;
        }
        return new WorkingHours(zone, days, hours[0], hours[1], new LinkedHashSet<>(holidays));
    }

    private Routing routing(Section top, List<Community> communities, Moderators moderators, Managers managers) {
        return build(top, "routing", () -> {
            Section s = in.section(top, "routing", List.of("groups", "rules"));
            Set<Long> staff = new HashSet<>();
            boolean staffKnown = moderators != null && managers != null;
            if (staffKnown) {
                staff.addAll(moderators.users());
                staff.addAll(managers.users());
            }
            Map<String, List<Long>> groups = new LinkedHashMap<>();
            Section g = in.section(s, "groups", null);
            if (s.has("groups") && g.present) {
                for (Map.Entry<String, Node> e : g.values.entrySet()) {
                    List<Long> ids = in.list(e.getValue(), g.key(e.getKey()), ConfigLoader::userId, "user ids",
                            "[111111]");
                    if (ids != null) {
                        if (ids.isEmpty()) {
                            in.problem(e.getValue(), g.key(e.getKey()), "needs at least one user id");
                        }
                        checkStaff(ids, e.getValue(), g.key(e.getKey()), staff, staffKnown);
                        groups.put(e.getKey(), dedupe(ids));
                    }
                }
            }
            List<Route> rules = new ArrayList<>();
            List<Section> items = in.sections(s, "rules", List.of("community", "tags", "language", "keywords", "to"));
            if (items == null) {
                return null;
            }
            for (Section r : items) {
                if (r.present) {
                    Route route = route(r, groups, communities, staff, staffKnown);
                    if (route != null) {
                        rules.add(route);
                    }
                }
            }
            return new Routing(rules, groups);
        });
    }

    private Route route(Section r, Map<String, List<Long>> groups, List<Community> communities, Set<Long> staff,
                        boolean staffKnown) {
        int before = in.problemCount();
        Long community = in.value(r, "community", null, ConfigLoader::chatId, "a community chat id");
        if (community != null && communities != null && communities.stream().noneMatch(c -> c.chatId() == community)) {
            in.problem(r.value("community"), r.key("community"), community + " is not one of the communities");
        }
        List<String> tags = in.list(r, "tags", List.of(), ConfigLoader::word, "tags", "[complaint, question]");
        Lang lang = in.value(r, "language", null, ConfigLoader::lang, "a language");
        List<String> keywords = in.list(r, "keywords", List.of(), ConfigLoader::word, "keywords",
                "[оплата, refund]");
        Node toNode = r.value("to");
        List<Long> to = null;
        String group = null;
        if (toNode == null) {
            in.missing(r, "to", "give user ids, like to: [111111], or a group name from routing.groups");
        } else if (toNode instanceof org.yaml.snakeyaml.nodes.ScalarNode) {
            String name = in.scalar(toNode, r.key("to"), "user ids or a group name", false);
            if (name != null) {
                name = name.strip();
                if (groups.containsKey(name)) {
                    group = name;
                    to = groups.get(name);
                } else if (name.matches("\\d+")) {
                    to = List.of(Long.parseLong(name));
                    checkStaff(to, toNode, r.key("to"), staff, staffKnown);
                } else {
                    String close = YamlReader.closest(name, groups.keySet());
                    in.problem(toNode, r.key("to"), YamlReader.quote(name) + " is not a group in routing.groups"
                            + (close != null ? " (did you mean " + close + "?)" : ""));
                }
            }
        } else {
            to = in.list(toNode, r.key("to"), ConfigLoader::userId, "user ids", "[111111]");
            if (to != null) {
                if (to.isEmpty()) {
                    in.problem(toNode, r.key("to"), "needs at least one user id");
                }
                checkStaff(to, toNode, r.key("to"), staff, staffKnown);
            }
        }
        if (in.problemCount() > before) {
            return null;
        }
        return new Route(Optional.ofNullable(community), new LinkedHashSet<>(tags), Optional.ofNullable(lang),
                keywords, dedupe(to), Optional.ofNullable(group));
    }

    private void checkStaff(List<Long> ids, Node at, String key, Set<Long> staff, boolean staffKnown) {
        if (!staffKnown) {
            return;
        }
        for (Long id : ids) {
            if (!staff.contains(id)) {
                in.problem(at, key, id + " is not in moderators.users or managers.users");
            }
        }
    }

    private ReviewConfig review(Section top) {
        return build(top, "review", () -> {
            Section s = in.section(top, "review", List.of("block", "warn"));
            String example = "[polite, consistent, links]";
            List<ReviewCheckName> block = in.list(s, "block", null, ConfigLoader::check, "checks", example);
            List<ReviewCheckName> warn = in.list(s, "warn", null, ConfigLoader::check, "checks", "[logical]");
            if ((s.has("block") && block == null) || (s.has("warn") && warn == null)) {
                return null;
            }
            if (block == null && warn == null) {
                return ReviewConfig.defaults();
            }
            // a list left out takes every check the other one does not name
            Set<ReviewCheckName> blocking = block != null ? checks(block) : EnumSet.complementOf(checks(warn));
            Set<ReviewCheckName> warning = warn != null ? checks(warn) : EnumSet.complementOf(checks(block));
            Set<ReviewCheckName> both = EnumSet.copyOf(blocking);
            both.retainAll(warning);
            if (!both.isEmpty()) {
                in.problem(s.value("warn"), s.key("warn"), both.iterator().next().key()
                        + " is also in review.block; a check either blocks or warns");
                return null;
            }
            return new ReviewConfig(blocking, warning);
        });
    }

    private static EnumSet<ReviewCheckName> checks(List<ReviewCheckName> list) {
        EnumSet<ReviewCheckName> set = EnumSet.noneOf(ReviewCheckName.class);
        set.addAll(list);
        return set;
    }

    private Webhook webhook(Section top) {
        return build(top, "webhook", () -> {
            Section s = in.section(top, "webhook",
                    List.of("enabled", "listen", "path", "secret-token", "url", "max-connections"));
            Boolean enabled = in.value(s, "enabled", false, ConfigLoader::bool, "true or false");
            String listen = in.value(s, "listen", Webhook.DEFAULT_LISTEN, raw -> {
                Matcher m = Webhook.LISTEN.matcher(raw);
                if (!m.matches() || Integer.parseInt(m.group(2)) < 1 || Integer.parseInt(m.group(2)) > 65535) {
                    throw new Bad(YamlReader.quote(raw) + " is not host:port (like 0.0.0.0:8443)");
                }
                return raw;
            }, "host:port");
            String path = in.value(s, "path", Webhook.DEFAULT_PATH, raw -> {
                if (!raw.startsWith("/")) {
                    throw new Bad(YamlReader.quote(raw) + " must start with /");
                }
                return raw;
            }, "a URL path");
            String secret = in.string(s, "secret-token", "", true);
            String url = in.value(s, "url", "", raw -> {
                if (raw.isEmpty()) {
                    return raw;
                }
                try {
                    URI uri = new URI(raw);
                    if (("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null
                            && uri.getQuery() == null && uri.getFragment() == null) {
                        return raw;
                    }
                } catch (URISyntaxException e) {
                    // fall through
                }
                throw new Bad(YamlReader.quote(raw) + " is not an https URL without query (like "
                        + "https://bot.example.com/telegram/webhook)");
            }, "the public https URL of the webhook");
            Integer maxConnections = in.value(s, "max-connections", Webhook.DEFAULT_MAX_CONNECTIONS, raw -> {
                try {
                    int n = Integer.parseInt(raw.strip());
                    if (n >= 1 && n <= 100) {
                        return n;
                    }
                } catch (NumberFormatException e) {
                    // fall through
                }
                throw new Bad(YamlReader.quote(raw) + " is not a number from 1 to 100");
            }, "a number from 1 to 100");
            if (enabled != null && enabled && secret != null && !Webhook.SECRET.matcher(secret).matches()) {
                if (secret.isEmpty()) {
                    in.missing(s, "secret-token", "required when webhook.enabled is true");
                } else {
                    in.problem(s.value("secret-token"), s.key("secret-token"),
                            "must be 1-256 characters of A-Z, a-z, 0-9, _ and -");
                }
                return null;
            }
            if (enabled == null || listen == null || path == null || secret == null || url == null
                    || maxConnections == null) {
                return null;
            }
            return new Webhook(enabled, listen, path, secret, url, maxConnections);
        });
    }

    // ---------------------------------------------------------------- shared pieces

    private List<Long> userList(Section s, String name, boolean required, String example) {
        if (required && !s.has(name)) {
            in.missing(s, name, "list who may act, like users: " + example);
            return null;
        }
        List<Long> users = in.list(s, name, List.of(), ConfigLoader::userId, "user ids", example);
        if (users != null && required && users.isEmpty()) {
            in.problem(s.value(name), s.key(name), "needs at least one user id");
            return null;
        }
        return users == null ? null : dedupe(users);
    }

    private Map<Long, Lang> languages(Section s, List<Long> users) {
        Map<Long, Lang> map = in.map(s, "languages", Map.of(), ConfigLoader::userId, "a user id", ConfigLoader::lang,
                "a language", "user ids with their language, like {111111: uk}");
        if (map != null && users != null) {
            for (Long id : map.keySet()) {
                if (!users.contains(id)) {
                    in.problem(s.value("languages"), s.key("languages"), id + " is not in " + s.key("users"));
                    return null;
                }
            }
        }
        return map;
    }

    private static <T> List<T> dedupe(List<T> list) {
        return List.copyOf(new LinkedHashSet<>(list));
    }

    static String human(Duration d) {
        long s = d.getSeconds();
        if (s % 86400 == 0 && s > 0) {
            return s / 86400 + "d";
        }
        if (s % 3600 == 0 && s > 0) {
            return s / 3600 + "h";
        }
        if (s % 60 == 0 && s > 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }

    // ---------------------------------------------------------------- value parsers

    static Long userId(String raw) {
        long v = number(raw, "user id");
        if (v <= 0) {
            throw new Bad(v + " is not a user id (user ids are positive numbers)");
        }
        return v;
    }

    static Long chatId(String raw) {
        long v = number(raw, "chat id");
        if (v >= 0) {
            throw new Bad(v + " is not a group or channel id (those are negative, like -1001234567890)");
        }
        return v;
    }

    private static long number(String raw, String what) {
        if (!raw.matches("[+-]?\\d{1,19}")) {
            throw new Bad(YamlReader.quote(raw) + " is not a " + what + " (a whole number)");
        }
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw new Bad(YamlReader.quote(raw) + " is too large for a " + what);
        }
    }

    static Duration duration(String raw) {
        if (raw.length() > 1 && (raw.charAt(0) == 'P' || raw.charAt(0) == 'p')) {
            try {
                return Duration.parse(raw.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new Bad(YamlReader.quote(raw) + " is not a duration " + DURATION_HINT);
            }
        }
        Matcher m = DURATION.matcher(raw.toLowerCase(Locale.ROOT));
        if (raw.isEmpty() || !m.matches()) {
            throw new Bad(YamlReader.quote(raw) + " is not a duration " + DURATION_HINT);
        }
        try {
            Duration d = Duration.ZERO;
            long[] unit = {86400, 3600, 60, 1};
            for (int i = 0; i < 4; i++) {
                if (m.group(i + 1) != null) {
                    d = d.plusSeconds(Math.multiplyExact(Long.parseLong(m.group(i + 1)), unit[i]));
                }
            }
            return d;
        } catch (ArithmeticException | NumberFormatException e) {
            throw new Bad(YamlReader.quote(raw) + " is too long a duration");
        }
    }

    static YamlReader.Parser<Duration> range(Duration min, Duration max) {
        return raw -> {
            Duration d = duration(raw);
            if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
                throw new Bad(YamlReader.quote(raw) + " is out of range (" + human(min) + " to " + human(max) + ")");
            }
            return d;
        };
    }

    static LocalTime time(String raw) {
        Matcher m = TIME.matcher(raw);
        if (m.matches()) {
            try {
                return LocalTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
            } catch (DateTimeException e) {
                // fall through
            }
        }
        throw new Bad(YamlReader.quote(raw) + " is not a time of day (use HH:mm, like \"09:00\")");
    }

    static LocalTime[] hours(String raw) {
        Matcher m = HOURS.matcher(raw);
        if (!m.matches()) {
            throw new Bad(YamlReader.quote(raw) + " is not a range of hours (use \"09:00-18:00\")");
        }
        LocalTime from = time(m.group(1));
        LocalTime to = time(m.group(2));
        if (!from.isBefore(to)) {
            throw new Bad(YamlReader.quote(raw) + ": the start must be before the end (no overnight ranges)");
        }
        return new LocalTime[] {from, to};
    }

    static ZoneId zone(String raw) {
        try {
            return ZoneId.of(raw);
        } catch (DateTimeException e) {
            String close = YamlReader.closest(raw, ZoneId.getAvailableZoneIds());
            throw new Bad(YamlReader.quote(raw) + " is not a time zone"
                    + (close != null ? " (did you mean " + close + "?)" : " (use a name like Europe/Moscow or UTC)"));
        }
    }

    static Lang lang(String raw) {
        return Lang.fromCode(raw).orElseThrow(() -> new Bad(YamlReader.quote(raw)
                + " is not a language (use ru, uk or en)"));
    }

    static Path path(String raw) {
        if (raw.isBlank()) {
            throw new Bad("is empty");
        }
        try {
            return Path.of(raw);
        } catch (java.nio.file.InvalidPathException e) {
            throw new Bad(YamlReader.quote(raw) + " is not a valid path");
        }
    }

    static URI httpUrl(String raw) {
        try {
            URI uri = new URI(raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // fall through
        }
        throw new Bad(YamlReader.quote(raw) + " is not an http or https URL (like https://api.telegram.org)");
    }

    static LocalDate date(String raw) {
        try {
            return LocalDate.parse(raw);
        } catch (DateTimeParseException e) {
            throw new Bad(YamlReader.quote(raw) + " is not a date (use YYYY-MM-DD, like 2026-01-01)");
        }
    }

    private static final List<String> DAY_NAMES = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

    static DayOfWeek day(String raw) {
        String d = raw.strip().toLowerCase(Locale.ROOT);
        for (DayOfWeek day : DayOfWeek.values()) {
            if (d.equals(DAY_NAMES.get(day.ordinal())) || d.equals(day.name().toLowerCase(Locale.ROOT))) {
                return day;
            }
        }
        String close = YamlReader.closest(d, DAY_NAMES);
        throw new Bad(YamlReader.quote(raw) + " is not a day"
                + (close != null ? " (did you mean " + close + "?)" : " (use mon, tue, wed, thu, fri, sat, sun)"));
    }

    /** One day, or a range like mon-fri. */
    static List<DayOfWeek> days(String raw) {
        int dash = raw.indexOf('-');
        if (dash < 0) {
            return List.of(day(raw));
        }
        DayOfWeek from = day(raw.substring(0, dash));
        DayOfWeek to = day(raw.substring(dash + 1));
        if (to.compareTo(from) < 0) {
            throw new Bad(YamlReader.quote(raw) + ": the range must run forward within a week, like mon-fri");
        }
        List<DayOfWeek> out = new ArrayList<>();
        for (int i = from.ordinal(); i <= to.ordinal(); i++) {
            out.add(DayOfWeek.values()[i]);
        }
        return out;
    }

    static ReviewCheckName check(String raw) {
        return ReviewCheckName.fromKey(raw).orElseThrow(() -> {
            String close = YamlReader.closest(raw, java.util.Arrays.stream(ReviewCheckName.values())
                    .map(ReviewCheckName::key).toList());
            return new Bad(YamlReader.quote(raw) + " is not a check"
                    + (close != null ? " (did you mean " + close + "?)" : " (use polite, logical, consistent, links)"));
        });
    }

    static Boolean bool(String raw) {
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new Bad(YamlReader.quote(raw) + " is not true or false");
        };
    }

    static String word(String raw) {
        if (raw.isBlank()) {
            throw new Bad("is empty");
        }
        return raw.strip().toLowerCase(Locale.ROOT);
    }
}
