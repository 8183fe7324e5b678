package dev.replydesk.app;

import dev.replydesk.config.ConfigException;
import dev.replydesk.config.ConfigLoader;
import dev.replydesk.config.ReplydeskConfig;
import dev.replydesk.digest.Digests;
import dev.replydesk.knowledge.Suggester;
import dev.replydesk.language.Lang;
import dev.replydesk.language.LanguageDetector;
import dev.replydesk.storage.Database;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;

final class DigestCommand implements Command {
    private final Clock clock;

    DigestCommand() {
        this(Clock.systemUTC());
    }

    DigestCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return "digest";
    }

    @Override
    public String summary() {
        return "print the managers' digest for a day";
    }

    @Override
    public String usage() {
        return """
                Usage: java -jar replydesk.jar digest [--date YYYY-MM-DD] [--config FILE] [--lang ru|uk|en]

                Prints the managers' digest of one day as plain text: the day's comments against
                the daily average of the 7 days before, answers and open comments, response
                times, breaches, moderators, questions the knowledge base could not answer.

                  --date D     the day reported, in managers.timezone (default: yesterday)
                  --config F   the config file (default: config/replydesk.yml)
                  --lang L     ru, uk or en (default: the first manager's language)
                """;
    }

    @Override
    public int run(List<String> words, InputStream in, PrintStream out, PrintStream err) {
        Args args = Args.parse(words, Set.of("config", "date", "lang"), Set.of()).atMostPositional(0);
        LocalDate date = args.option("date").map(DigestCommand::date).orElse(null);
        Lang lang = args.option("lang").map(code -> Lang.fromCode(code)
                .orElseThrow(() -> new Args.UsageException("--lang must be ru, uk or en, not '" + code + "'")))
                .orElse(null);
        ReplydeskConfig config;
        try {
            config = ConfigLoader.load(Path.of(args.option("config", "config/replydesk.yml")), System.getenv());
        } catch (ConfigException e) {
            err.println("replydesk digest: " + e.getMessage());
            return 1;
        }
        if (lang == null) {
            lang = config.managers().users().isEmpty() ? config.moderators().chatLanguage()
                    : config.languageOf(config.managers().users().get(0));
        }
        Suggester suggester = knowledgeBase(config, err);
        try (Database db = open(config)) {
            Digests digests = suggester == null ? new Digests(config, db, clock)
                    : new Digests(config, db, clock, suggester.gapGrouper());
            out.println(digests.plainText(date == null ? digests.lastFullDay() : date, lang));
        } finally {
            if (suggester != null) {
                suggester.close();
            }
        }
        return 0;
    }

    /**
     * The knowledge base, as the bot opens it, to group the questions it could not answer the
     * way the bot does; null (with a note) when it cannot be opened: the digest then groups by
     * shared words.
     */
    private static Suggester knowledgeBase(ReplydeskConfig config, PrintStream err) {
        try {
            return Suggester.open(config.resolve(config.knowledgeBase().dir()), config.knowledgeBase().defaultLanguage(),
                    config.configDir().resolve("knowledge"),
                    new LanguageDetector());
        } catch (IOException | RuntimeException e) {
            err.println("replydesk digest: knowledge base not opened (" + e.getMessage()
                    + "); unanswered questions are grouped by shared words");
            return null;
        }
    }

    static LocalDate date(String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new Args.UsageException("'" + text + "' is not a date: write YYYY-MM-DD");
        }
    }

    static Database open(ReplydeskConfig config) {
        String user = config.storage().user();
        String password = config.storage().password();
        return Database.open(config.storage().url(), user.isEmpty() ? null : user,
                password.isEmpty() ? null : password);
    }
}
