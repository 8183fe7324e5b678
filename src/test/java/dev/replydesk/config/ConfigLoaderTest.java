package dev.replydesk.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.replydesk.language.Lang;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    static final String TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
    static final Map<String, String> ENV = Map.of("TELEGRAM_BOT_TOKEN", TOKEN);

    /** The smallest valid file: only the required keys. */
    static final String MINIMAL = """
            telegram:
              token: ${TELEGRAM_BOT_TOKEN}
            communities:
              - chat-id: -1001234567890
                name: Brand chat
            moderators:
              chat-id: -1009876543210
              users: [111111, 222222]
            storage:
              url: jdbc:h2:mem:test
            """;

    static ReplydeskConfig parse(String yaml) throws ConfigException {
        return ConfigLoader.parse(yaml, "config/replydesk.yml", ENV);
    }

    static ConfigException fails(String yaml) {
        return fails(yaml, ENV);
    }

    static ConfigException fails(String yaml, Map<String, String> env) {
        return assertThrows(ConfigException.class, () -> ConfigLoader.parse(yaml, "config/replydesk.yml", env));
    }

    static void assertProblem(ConfigException e, String expected) {
        assertTrue(e.problems().contains(expected), () -> "expected problem\n  " + expected + "\nbut got\n  "
                + String.join("\n  ", e.problems()));
    }

    @Test
    void shippedFileLoadsWithTheTokenFromTheEnvironment() throws Exception {
        ReplydeskConfig c = ConfigLoader.load(Path.of("config/replydesk.yml"), ENV);
        assertEquals(TOKEN, c.telegram().token());
        assertEquals(URI.create("https://api.telegram.org"), c.telegram().apiUrl());
        assertEquals(Duration.ofSeconds(50), c.telegram().pollTimeout());
        assertEquals(List.of(new Community(-1001234567890L, "Brand chat", Optional.empty())), c.communities());
        assertEquals(-1009876543210L, c.moderators().chatId());
        assertEquals(List.of(111111L, 222222L), c.moderators().users());
        assertEquals(List.of(333333L), c.managers().users());
        assertEquals(LocalTime.of(9, 0), c.managers().digestTime());
        assertEquals(ZoneId.of("Europe/Moscow"), c.managers().timezone());
        assertEquals(List.of(444444L), c.editors().users());
        assertEquals("jdbc:h2:file:./data/replydesk", c.storage().url());
        assertEquals("", c.storage().user());
        assertEquals(Path.of("knowledge-base"), c.knowledgeBase().dir());
        assertEquals(Duration.ofMinutes(15), c.sla().target());
        assertEquals(Duration.ofHours(6), c.sla().limit());
        assertEquals(Duration.ofMinutes(3), c.sla().burst());
        WorkingHours wh = c.sla().workingHours().orElseThrow();
        assertEquals(Set.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                DayOfWeek.FRIDAY), wh.days());
        assertTrue(wh.holidays().contains(LocalDate.of(2026, 1, 1)));
        assertEquals(ReviewConfig.defaults(), c.review());
        assertFalse(c.webhook().enabled());
        assertEquals(List.of(111111L), c.routing().groups().get("billing"));
        assertEquals(Optional.of("billing"), c.routing().rules().get(0).group());
        assertEquals(List.of(111111L), c.routing().rules().get(0).to());
        assertEquals(Lang.UK, c.languageOf(222222));
        assertEquals(Lang.RU, c.languageOf(111111));
    }

    @Test
    void shippedFileWithoutTheTokenVariableNamesTheVariableKeyAndLine() throws Exception {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(Path.of("config/replydesk.yml"), Map.of()));
        assertEquals(1, e.problems().size(), e.getMessage());
        int line = lineOf(Files.readAllLines(Path.of("config/replydesk.yml")), "token: ${TELEGRAM_BOT_TOKEN}");
        assertTrue(e.getMessage().startsWith("config/replydesk.yml:" + line + ": telegram.token: environment variable"
                + " TELEGRAM_BOT_TOKEN is not set"), e.getMessage());
    }

    @Test
    void minimalFileGetsTheDocumentedDefaults() throws Exception {
        ReplydeskConfig c = parse(MINIMAL);
        assertEquals(Telegram.DEFAULT_API_URL, c.telegram().apiUrl());
        assertEquals(Sla.defaults(), c.sla());
        assertEquals(List.of(), c.managers().users());
        assertEquals(LocalTime.of(9, 0), c.managers().digestTime());
        assertEquals(ZoneId.of("Europe/Moscow"), c.managers().timezone());
        assertEquals(new KnowledgeBaseConfig(Path.of("knowledge-base"), Lang.RU), c.knowledgeBase());
        assertEquals(Brand.none(), c.brand());
        assertEquals(Routing.none(), c.routing());
        assertEquals(ReviewConfig.defaults(), c.review());
        assertEquals(Webhook.disabled(), c.webhook());
        assertEquals(Lang.RU, c.moderators().chatLanguage());
        assertEquals(Path.of("config/replydesk.yml"), c.file());
    }

    @Test
    void rolesAndCommunitiesAreAnsweredFromTheConfig() throws Exception {
        ReplydeskConfig c = parse(MINIMAL + """
                managers:
                  users: [333333]
                  languages: {333333: en}
                editors:
                  users: [444444]
                """);
        assertTrue(c.isCommunity(-1001234567890L));
        assertFalse(c.isCommunity(-1009876543210L));
        assertEquals("Brand chat", c.community(-1001234567890L).orElseThrow().name());
        assertTrue(c.canModerate(111111));
        assertTrue(c.canModerate(333333));
        assertFalse(c.canModerate(444444));
        assertTrue(c.isManager(333333));
        assertFalse(c.isManager(111111));
        assertTrue(c.isEditor(444444));
        assertEquals(Lang.EN, c.languageOf(333333));
        assertEquals(Lang.RU, c.languageOf(999));
    }

    @Test
    void relativePathsResolveAgainstTheWorkingDirectory() throws Exception {
        ReplydeskConfig c = ConfigLoader.parse(MINIMAL, "/etc/replydesk/replydesk.yml", ENV);
        assertEquals(Path.of("/etc/replydesk"), c.configDir());
        assertEquals(Path.of("").toAbsolutePath().resolve("knowledge-base"), c.resolve(c.knowledgeBase().dir()));
        assertEquals(Path.of("/srv/kb"), c.resolve(Path.of("/srv/kb")));
    }

    @Test
    void environmentVariablesAndDefaultsAreSubstitutedInsideValues() throws Exception {
        ReplydeskConfig c = ConfigLoader.parse(MINIMAL.replace("jdbc:h2:mem:test",
                "jdbc:postgresql://${DB_HOST}:${DB_PORT:-5432}/replydesk") + """
                sla:
                  target: ${SLA_TARGET:-10m}
                """, "x.yml", Map.of("TELEGRAM_BOT_TOKEN", TOKEN, "DB_HOST", "db"));
        assertEquals("jdbc:postgresql://db:5432/replydesk", c.storage().url());
        assertEquals(Duration.ofMinutes(10), c.sla().target());
    }

    @Test
    void durationsAcceptShortUnitsCombinationsAndIso() {
        assertEquals(Duration.ofSeconds(90), ConfigLoader.duration("90s"));
        assertEquals(Duration.ofMinutes(15), ConfigLoader.duration("15m"));
        assertEquals(Duration.ofHours(6), ConfigLoader.duration("6h"));
        assertEquals(Duration.ofDays(1), ConfigLoader.duration("1d"));
        assertEquals(Duration.ofMinutes(90), ConfigLoader.duration("1h30m"));
        assertEquals(Duration.ofMinutes(15), ConfigLoader.duration("PT15M"));
    }

    @Test
    void unknownKeyIsNamedWithItsLineAndASuggestion() {
        ConfigException e = fails(MINIMAL.replace("  token:", "  tokn:"));
        assertProblem(e, "config/replydesk.yml:2: telegram.tokn: unknown key (did you mean token?)");
        assertProblem(e, "config/replydesk.yml:1: telegram.token: is required but missing;"
                + " write token: ${TELEGRAM_BOT_TOKEN} and set that variable");
    }

    @Test
    void unknownKeyWithUnderscoreSuggestsTheDashedName() {
        ConfigException e = fails(MINIMAL + "managers:\n  digest_time: \"10:00\"\n");
        assertProblem(e, "config/replydesk.yml:12: managers.digest_time: unknown key (did you mean digest-time?)");
    }

    @Test
    void unknownTopLevelSectionIsAnError() {
        ConfigException e = fails(MINIMAL + "moderator:\n  users: [1]\n");
        assertProblem(e, "config/replydesk.yml:11: moderator: unknown key (did you mean moderators?)");
    }

    @Test
    void missingRequiredKeysAreEachNamed() {
        ConfigException e = fails("""
                telegram:
                  api-url: https://api.telegram.org
                moderators:
                  chat-id: -1009876543210
                """);
        assertProblem(e, "config/replydesk.yml:1: telegram.token: is required but missing;"
                + " write token: ${TELEGRAM_BOT_TOKEN} and set that variable");
        assertProblem(e, "config/replydesk.yml:1: communities: is required but missing;"
                + " list the community chats, e.g. - chat-id: -1001234567890");
        assertProblem(e, "config/replydesk.yml:3: moderators.users: is required but missing;"
                + " list who may act, like users: [111111, 222222]");
        assertProblem(e, "config/replydesk.yml:1: storage: is required but missing;"
                + " add storage: with url: jdbc:h2:file:./data/replydesk");
        assertEquals(4, e.problems().size(), e.getMessage());
    }

    @Test
    void wrongTypesAreNamedWithWhatWasExpected() {
        ConfigException e = fails(MINIMAL.replace("users: [111111, 222222]", "users: 111111")
                .replace("chat-id: -1009876543210", "chat-id: [-1009876543210]"));
        assertProblem(e, "config/replydesk.yml:7: moderators.chat-id: expected the moderators' group chat id,"
                + " got a list");
        assertProblem(e, "config/replydesk.yml:8: moderators.users: expected a list of user ids,"
                + " like [111111, 222222], got \"111111\"");
    }

    @Test
    void wrongSignOfIdsIsExplained() {
        ConfigException e = fails(MINIMAL.replace("chat-id: -1001234567890", "chat-id: 1001234567890")
                .replace("users: [111111, 222222]", "users: [111111, -5]"));
        assertProblem(e, "config/replydesk.yml:4: communities[0].chat-id: 1001234567890 is not a group or channel id"
                + " (those are negative, like -1001234567890)");
        assertProblem(e, "config/replydesk.yml:8: moderators.users[1]: -5 is not a user id"
                + " (user ids are positive numbers)");
    }

    @Test
    void badDurationNamesKeyLineAndTheAcceptedForms() {
        ConfigException e = fails(MINIMAL + "sla:\n  target: 15x\n");
        assertEquals(List.of("config/replydesk.yml:12: sla.target: \"15x\" is not a duration (use 90s, 15m, 6h, 1d)"),
                e.problems());
        assertEquals(e.problems().get(0), e.getMessage());
    }

    @Test
    void unsetVariableWithoutDefaultNamesVariableKeyAndLine() {
        ConfigException e = fails(MINIMAL.replace("jdbc:h2:mem:test", "${DATABASE_URL}"));
        assertEquals(List.of("config/replydesk.yml:10: storage.url: environment variable DATABASE_URL is not set"
                + " (set it, or give a default: ${DATABASE_URL:-value})"), e.problems());
    }

    @Test
    void badTimezoneIsNamedWithASuggestion() {
        ConfigException e = fails(MINIMAL + "managers:\n  timezone: Europe/Moskow\n");
        assertProblem(e, "config/replydesk.yml:12: managers.timezone: \"Europe/Moskow\" is not a time zone"
                + " (did you mean Europe/Moscow?)");
    }

    @Test
    void targetNotShorterThanLimitIsAnError() {
        ConfigException e = fails(MINIMAL + "sla:\n  target: 6h\n  limit: 1h\n");
        assertEquals(List.of("config/replydesk.yml:12: sla.target: (6h) must be shorter than sla.limit (1h)"),
                e.problems());
    }

    @Test
    void badDigestTimeAndUrlAndLanguageAreErrors() {
        ConfigException e = fails(MINIMAL.replace("  token: ${TELEGRAM_BOT_TOKEN}",
                "  token: ${TELEGRAM_BOT_TOKEN}\n  api-url: ftp://example.org") + """
                managers:
                  digest-time: "25:00"
                knowledge-base:
                  default-language: de
                """);
        assertProblem(e, "config/replydesk.yml:3: telegram.api-url: \"ftp://example.org\" is not an http or https URL"
                + " (like https://api.telegram.org)");
        assertProblem(e, "config/replydesk.yml:13: managers.digest-time: \"25:00\" is not a time of day"
                + " (use HH:mm, like \"09:00\")");
        assertProblem(e, "config/replydesk.yml:15: knowledge-base.default-language: \"de\" is not a language"
                + " (use ru, uk or en)");
    }

    @Test
    void storageUrlMustBeJdbc() {
        ConfigException e = fails(MINIMAL.replace("jdbc:h2:mem:test", "postgres://db/x"));
        assertProblem(e, "config/replydesk.yml:10: storage.url: \"postgres://db/x\" is not a JDBC URL"
                + " (use jdbc:h2:file:./data/replydesk or jdbc:postgresql://host/db)");
    }

    @Test
    void severalProblemsAreReportedTogetherInFileOrder() {
        ConfigException e = fails(MINIMAL.replace("  token:", "  tokn:") + """
                managers:
                  timezone: Mars/Olympus
                sla:
                  target: soon
                review:
                  block: [polit]
                """);
        assertEquals(5, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().startsWith("5 problems in the config:\n  config/replydesk.yml:1: telegram.token"),
                e.getMessage());
        for (String p : e.problems()) {
            assertTrue(e.getMessage().contains(p));
        }
        assertProblem(e, "config/replydesk.yml:16: review.block[0]: \"polit\" is not a check (did you mean polite?)");
        List<Integer> lines = e.problems().stream()
                .map(p -> Integer.parseInt(p.split(":")[1])).toList();
        assertEquals(lines.stream().sorted().toList(), lines);
    }

    @Test
    void tokenIsRedactedInToString() throws Exception {
        ReplydeskConfig c = parse(MINIMAL);
        assertFalse(c.toString().contains(TOKEN), c.toString());
        assertFalse(c.telegram().toString().contains(TOKEN));
        assertTrue(c.telegram().toString().contains("token=***"));
        Storage s = new Storage("jdbc:h2:mem:x", "sa", "hunter2secret");
        assertFalse(s.toString().contains("hunter2secret"));
        Webhook w = new Webhook(true, "0.0.0.0:8443", "/hook", "s3cr3t-token");
        assertFalse(w.toString().contains("s3cr3t-token"));
    }

    @Test
    void tokenNeverAppearsInErrorMessages() {
        // written literally, with a space, under a misspelled key, and as a wrong type elsewhere
        ConfigException e = fails(MINIMAL.replace("  token: ${TELEGRAM_BOT_TOKEN}",
                "  token: " + TOKEN + " x\n  tokn: " + TOKEN) + "editors:\n  users: " + TOKEN + "\n");
        assertTrue(e.problems().size() >= 3, e.getMessage());
        assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
        assertFalse(e.getMessage().contains("AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"), e.getMessage());
    }

    @Test
    void tokenFromTheEnvironmentNeverAppearsInYamlSyntaxErrors() {
        ConfigException e = fails("telegram:\n  token: " + TOKEN + "\n  api-url: [unclosed\n");
        assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
        assertTrue(e.getMessage().startsWith("config/replydesk.yml:"), e.getMessage());
    }

    @Test
    void yamlSyntaxErrorNamesTheLine() {
        ConfigException e = fails(MINIMAL + "sla:\n  target: 15m\n   limit: 6h\n");
        assertEquals(1, e.problems().size());
        assertTrue(e.getMessage().startsWith("config/replydesk.yml:13: not valid YAML"), e.getMessage());
    }

    @Test
    void duplicateKeyIsAnError() {
        ConfigException e = fails(MINIMAL + "sla:\n  target: 15m\n  target: 20m\n");
        assertProblem(e, "config/replydesk.yml:13: sla.target: is given twice (first on line 12)");
    }

    @Test
    void emptyFileSaysSo() {
        ConfigException e = fails("");
        assertProblem(e, "config/replydesk.yml:1: the file is empty");
    }

    @Test
    void missingFileSaysWhichAndHowToGiveAnother(@TempDir Path dir) {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(dir.resolve("nope.yml"), ENV));
        assertTrue(e.getMessage().contains("nope.yml: no such config file (give another with --config FILE)"));
    }

    @Test
    void moderatorsChatMustNotBeACommunity() {
        ConfigException e = fails(MINIMAL.replace("chat-id: -1009876543210", "chat-id: -1001234567890"));
        assertProblem(e, "config/replydesk.yml:7: moderators.chat-id: is also listed in communities;"
                + " the moderators' chat must be a separate group");
    }

    @Test
    void workingHoursAreParsedAndTellWorkingTime() throws Exception {
        ReplydeskConfig c = parse(MINIMAL + """
                sla:
                  working-hours:
                    timezone: Europe/Kyiv
                    days: [mon-fri, sat]
                    hours: "10:00-19:00"
                    holidays: [2026-01-01]
                """);
        WorkingHours wh = c.sla().workingHours().orElseThrow();
        assertEquals(6, wh.days().size());
        assertEquals(LocalTime.of(10, 0), wh.from());
        ZoneId kyiv = ZoneId.of("Europe/Kyiv");
        assertTrue(wh.isWorking(ZonedDateTime.of(2026, 1, 3, 12, 0, 0, 0, kyiv))); // Saturday
        assertFalse(wh.isWorking(ZonedDateTime.of(2026, 1, 4, 12, 0, 0, 0, kyiv))); // Sunday
        assertFalse(wh.isWorking(ZonedDateTime.of(2026, 1, 1, 12, 0, 0, 0, kyiv))); // holiday
        assertFalse(wh.isWorking(ZonedDateTime.of(2026, 1, 5, 19, 0, 0, 0, kyiv))); // after hours
    }

    @Test
    void workingHoursErrorsNameTheirKeys() {
        ConfigException e = fails(MINIMAL + """
                sla:
                  working-hours:
                    days: [mon, frii]
                    hours: "18:00-09:00"
                    holidays: [2026-13-01]
                """);
        assertProblem(e, "config/replydesk.yml:13: sla.working-hours.days[1]: \"frii\" is not a day (did you mean fri?)");
        assertProblem(e, "config/replydesk.yml:14: sla.working-hours.hours: \"18:00-09:00\": the start must be before"
                + " the end (no overnight ranges)");
        assertProblem(e, "config/replydesk.yml:15: sla.working-hours.holidays[0]: \"2026-13-01\" is not a date"
                + " (use YYYY-MM-DD, like 2026-01-01)");
    }

    @Test
    void routingRulesMatchInOrderAndGroupsResolve() throws Exception {
        ReplydeskConfig c = parse(MINIMAL + """
                routing:
                  groups:
                    billing: [111111]
                  rules:
                    - tags: [complaint]
                      keywords: [Refund]
                      to: billing
                    - language: uk
                      to: [222222]
                """);
        Routing r = c.routing();
        assertEquals(List.of(111111L), r.match(-1001234567890L, Set.of("complaint"), Lang.RU, "I want a REFUND")
                .orElseThrow().to());
        assertEquals(List.of(222222L), r.match(-1001234567890L, Set.of("question"), Lang.UK, "привіт")
                .orElseThrow().to());
        assertTrue(r.match(-1001234567890L, Set.of("question"), Lang.RU, "hi").isEmpty());
    }

    @Test
    void routingToUnknownGroupOrStrangerIsAnError() {
        ConfigException e = fails(MINIMAL + """
                routing:
                  groups:
                    billing: [111111]
                  rules:
                    - to: biling
                    - to: [999999]
                      community: -100555
                """);
        assertProblem(e, "config/replydesk.yml:15: routing.rules[0].to: \"biling\" is not a group in routing.groups"
                + " (did you mean billing?)");
        assertProblem(e, "config/replydesk.yml:16: routing.rules[1].to: 999999 is not in moderators.users"
                + " or managers.users");
        assertProblem(e, "config/replydesk.yml:17: routing.rules[1].community: -100555 is not one of the communities");
    }

    @Test
    void reviewListLeftOutTakesTheRemainingChecks() throws Exception {
        ReviewConfig r = parse(MINIMAL + "review:\n  block: [polite]\n").review();
        assertEquals(Set.of(ReviewCheckName.POLITE), r.blocking());
        assertEquals(Set.of(ReviewCheckName.LOGICAL, ReviewCheckName.CONSISTENT, ReviewCheckName.LINKS), r.warning());
        ReviewConfig off = parse(MINIMAL + "review:\n  block: [polite]\n  warn: []\n").review();
        assertTrue(off.isOff(ReviewCheckName.LINKS));
        ConfigException e = fails(MINIMAL + "review:\n  block: [polite]\n  warn: [polite]\n");
        assertProblem(e, "config/replydesk.yml:13: review.warn: polite is also in review.block;"
                + " a check either blocks or warns");
    }

    @Test
    void enabledWebhookNeedsASecretToken() throws Exception {
        ConfigException e = fails(MINIMAL + "webhook:\n  enabled: true\n");
        assertProblem(e, "config/replydesk.yml:11: webhook.secret-token: is required but missing;"
                + " required when webhook.enabled is true");
        Webhook w = parse(MINIMAL + "webhook:\n  enabled: true\n  listen: 127.0.0.1:9000\n  secret-token: abc_DEF-1\n")
                .webhook();
        assertEquals("127.0.0.1", w.host());
        assertEquals(9000, w.port());
    }

    @Test
    void webhookUrlAndMaxConnectionsAreCheckedWithTheirLine() throws Exception {
        Webhook w = parse(MINIMAL + "webhook:\n  enabled: true\n  secret-token: abc\n"
                + "  url: https://bot.example.com/telegram/webhook\n  max-connections: 4\n").webhook();
        assertEquals("https://bot.example.com/telegram/webhook", w.url());
        assertEquals(4, w.maxConnections());
        Webhook defaults = parse(MINIMAL + "webhook:\n  enabled: true\n  secret-token: abc\n").webhook();
        assertEquals("", defaults.url());
        assertEquals(1, defaults.maxConnections());
        ConfigException e = fails(MINIMAL + "webhook:\n  enabled: true\n  secret-token: abc\n"
                + "  url: ftp://x/y\n  max-connections: 0\n");
        assertProblem(e, "config/replydesk.yml:14: webhook.url: \"ftp://x/y\" is not an https URL without query"
                + " (like https://bot.example.com/telegram/webhook)");
        assertProblem(e, "config/replydesk.yml:15: webhook.max-connections: \"0\" is not a number from 1 to 100");
    }

    @Test
    void languagesMayOnlyNameListedUsers() {
        ConfigException e = fails(MINIMAL.replace("users: [111111, 222222]",
                "users: [111111, 222222]\n  languages: {333: uk}"));
        assertProblem(e, "config/replydesk.yml:9: moderators.languages: 333 is not in moderators.users");
    }

    @Test
    void editorsWhoAreNeitherModeratorsNorManagersGetTheirOwnLanguage() throws Exception {
        ReplydeskConfig c = parse(MINIMAL + """
                editors:
                  users: [444444, 555555]
                  languages: {444444: uk, 555555: en}
                """);
        assertEquals(Lang.UK, c.languageOf(444444));
        assertEquals(Lang.EN, c.languageOf(555555));
        assertEquals(Optional.of(Lang.UK), c.configuredLanguage(444444));
        assertEquals(Optional.empty(), c.configuredLanguage(111111), "no language given: the caller's default");
        assertEquals(Map.of(), parse(MINIMAL + "editors:\n  users: [444444]\n").editors().languages(),
                "optional, like the others'");
    }

    @Test
    void editorsLanguagesAreCheckedAtStart() {
        ConfigException e = fails(MINIMAL + """
                editors:
                  users: [444444]
                  languages: {333: uk}
                """);
        assertProblem(e, "config/replydesk.yml:13: editors.languages: 333 is not in editors.users");
        ConfigException bad = fails(MINIMAL + """
                editors:
                  users: [444444]
                  languages: {444444: de}
                """);
        assertTrue(bad.getMessage().contains("config/replydesk.yml:13: editors.languages") && bad.getMessage()
                .contains("\"de\" is not a language"), bad.getMessage());
    }

    @Test
    void recordsAreImmutable() throws Exception {
        ReplydeskConfig c = parse(MINIMAL);
        assertThrows(UnsupportedOperationException.class, () -> c.moderators().users().add(1L));
        assertThrows(UnsupportedOperationException.class, () -> c.communities().clear());
        assertThrows(IllegalArgumentException.class, () -> new Sla(Duration.ofHours(7), Duration.ofHours(6),
                Duration.ZERO, Optional.empty()));
    }

    private static int lineOf(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text);
    }
}
