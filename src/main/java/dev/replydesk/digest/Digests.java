package dev.replydesk.digest;

import dev.replydesk.config.Community;
import dev.replydesk.config.ReplydeskConfig;
import dev.replydesk.knowledge.GapGrouper;
import dev.replydesk.language.Lang;
import dev.replydesk.storage.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;

/**
 * The managers' digest of a day, read from the store and written in a manager's language: as
 * Telegram HTML with a chart for the bot, as plain text for {@code replydesk digest}.
 *
 * <p>A day is a calendar day in {@code managers.timezone}; open comments are counted at the
 * moment the digest is made.
 */
public final class Digests {
    private final ReplydeskConfig config;
    private final Database db;
    private final Clock clock;
    private final DigestRepository repository = new DigestRepository();
    private final DigestBuilder builder;
    private final DigestTexts texts = new DigestTexts();
    private final DigestRenderer renderer = new DigestRenderer(texts);
    private final DigestChart chart = new DigestChart(texts);

    /** Groups the questions the knowledge base could not answer by shared words ({@link TokenOverlapGroups}). */
    public Digests(ReplydeskConfig config, Database db, Clock clock) {
        this(config, db, clock, new TokenOverlapGroups());
    }

    /** Groups the questions the knowledge base could not answer with the knowledge base's own grouping. */
    public Digests(ReplydeskConfig config, Database db, Clock clock, GapGrouper grouper) {
        this(config, db, clock, QuestionGroups.of(grouper));
    }

    Digests(ReplydeskConfig config, Database db, Clock clock, QuestionGroups groups) {
        this.config = config;
        this.db = db;
        this.clock = clock;
        this.builder = new DigestBuilder(groups);
    }

    /** The zone digests are made in: {@code managers.timezone}. */
    public ZoneId zone() {
        return config.managers().timezone();
    }

    /** Today in {@code managers.timezone}. */
    public LocalDate today() {
        return clock.instant().atZone(zone()).toLocalDate();
    }

    /** The day the digest reports on by default: yesterday, the last full day. */
    public LocalDate lastFullDay() {
        return today().minusDays(1);
    }

    /** The digest of {@code day} as plain text, for the terminal. */
    public String plainText(LocalDate day, Lang lang) {
        return renderer.plain(build(day), lang);
    }

    Digest build(LocalDate day) {
        return db.withConnection(c -> build(c, day));
    }

    Digest build(Connection c, LocalDate day) throws SQLException {
        DigestData data = repository.load(c, day, zone(), clock.instant(), communityNames());
        return builder.build(data, day, zone(), config.sla());
    }

    String html(Digest d, Lang lang) {
        return renderer.html(d, lang);
    }

    byte[] chart(Digest d, Lang lang) {
        return chart.png(d, lang);
    }

    String chartCaption(Digest d, Lang lang) {
        return chart.caption(d, lang);
    }

    DigestTexts texts() {
        return texts;
    }

    ReplydeskConfig config() {
        return config;
    }

    Clock clock() {
        return clock;
    }

    private Map<Long, String> communityNames() {
        Map<Long, String> names = new HashMap<>();
        for (Community community : config.communities()) {
            names.put(community.chatId(), community.name());
        }
        return names;
    }
}
