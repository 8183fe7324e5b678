package dev.replydesk.app;

import dev.replydesk.config.ReplydeskConfig;
import dev.replydesk.config.ReviewCheckName;
import dev.replydesk.digest.DigestScheduler;
import dev.replydesk.digest.DigestSink;
import dev.replydesk.inbox.Analysis;
import dev.replydesk.inbox.CommandExtension;
import dev.replydesk.inbox.DraftChecker;
import dev.replydesk.inbox.Html;
import dev.replydesk.inbox.Intake;
import dev.replydesk.knowledge.Entry;
import dev.replydesk.knowledge.Suggester;
import dev.replydesk.knowledge.Suggestion;
import dev.replydesk.knowledge.Suggestions;
import dev.replydesk.language.Lang;
import dev.replydesk.language.LanguageDetector;
import dev.replydesk.language.Texts;
import dev.replydesk.outbox.Keyboard;
import dev.replydesk.outbox.Outbox;
import dev.replydesk.outbox.Outgoing;
import dev.replydesk.review.Check;
import dev.replydesk.review.Checklist;
import dev.replydesk.review.Reference;
import dev.replydesk.review.Review;
import dev.replydesk.review.Turn;
import dev.replydesk.storage.Database;
import dev.replydesk.triage.Triage;
import dev.replydesk.triage.Verdict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The judging features behind the inbox's seams: triage and the knowledge base behind the
 * {@link Analysis.Analyzer}, the reply checklist behind the {@link DraftChecker}, the digest
 * timer, and the commands they add (/kb, /digest, /export).
 */
final class Features implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Features.class);

    private final ReplydeskConfig config;
    private final Triage triage;
    private final Suggester suggester;
    private final Checklist checklist;
    private final DigestScheduler digests;
    private final Texts texts;

    private Features(ReplydeskConfig config, Triage triage, Suggester suggester, Checklist checklist,
            DigestScheduler digests, Texts texts) {
        this.config = config;
        this.triage = triage;
        this.suggester = suggester;
        this.checklist = checklist;
        this.digests = digests;
        this.texts = texts;
    }

    static Features load(ReplydeskConfig config, Database db, Outbox outbox, Texts texts, Clock clock) {
        LanguageDetector detector = new LanguageDetector();
        Path rules = config.configDir();
        Triage triage = Files.isDirectory(rules.resolve("triage")) ? Triage.load(rules.resolve("triage"))
                : Triage.defaults();
        Checklist checklist = Files.isDirectory(rules.resolve("review")) ? Checklist.load(rules.resolve("review"))
                : Checklist.defaults();
        Suggester suggester;
        try {
            suggester = Suggester.open(config.resolve(config.knowledgeBase().dir()), rules.resolve("knowledge"), detector);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the knowledge base: " + e.getMessage(), e);
        }
        suggester.knowledgeBase().problems().forEach(p -> log.warn("knowledge base: {}", p));
        DigestScheduler digests = new DigestScheduler(config, db, sink(outbox), clock);
        return new Features(config, triage, suggester, checklist, digests, texts);
    }

    private static DigestSink sink(Outbox outbox) {
        return new DigestSink() {
            @Override
            public void send(Connection tx, long chatId, String html, String correlation) {
                outbox.enqueue(tx, new Outgoing.Send(chatId, null, html, null, Keyboard.NONE), correlation);
            }

            @Override
            public void photo(Connection tx, long chatId, String fileName, byte[] png, String caption,
                    String correlation) {
                outbox.enqueue(tx, new Outgoing.Photo(chatId, fileName, png, caption), correlation);
            }

            @Override
            public void document(Connection tx, long chatId, String fileName, byte[] content, String caption,
                    String correlation) {
                outbox.enqueue(tx, new Outgoing.Document(chatId, fileName, content, caption), correlation);
            }
        };
    }

    Suggester suggester() {
        return suggester;
    }

    /** Triage labels the text, the knowledge base suggests answers; both are pure and cached. */
    Analysis.Analyzer analyzer() {
        return new Analysis.Analyzer() {
            @Override
            public Analysis analyze(String text) {
                Verdict v = triage.classify(text);
                Suggestions s = suggester.suggest(text);
                return new Analysis(s.lang(), v.label().code(), v.label().negative(), v.label().needsAnswer(),
                        v.reasons(), suggested(s));
            }

            @Override
            public List<Analysis.Suggested> suggest(String text) {
                return suggested(suggester.suggest(text));
            }
        };
    }

    private static List<Analysis.Suggested> suggested(Suggestions s) {
        List<Analysis.Suggested> out = new ArrayList<>();
        for (Suggestion item : s.items()) {
            out.add(new Analysis.Suggested(item.id(), item.title(), item.preview(), item.answer(), item.link(),
                    item.score(), item.lang(), item.fallback()));
        }
        return out;
    }

    /** The checklist, with the config's choice of which failures block and which only warn. */
    DraftChecker checker() {
        return (thread, draft, kbId, lang) -> {
            List<Turn> turns = thread.stream().map(t -> t.brand() ? Turn.brand(t.text()) : Turn.customer(t.text()))
                    .toList();
            Optional<Reference> reference = kbId.flatMap(id -> suggester.knowledgeBase().entry(id, lang))
                    .map(Features::reference);
            Review review = checklist.check(turns, draft, reference);
            Map<String, Boolean> checks = new LinkedHashMap<>();
            Map<String, String> reasons = new LinkedHashMap<>();
            List<String> blocking = new ArrayList<>();
            for (Check check : Check.values()) {
                ReviewCheckName name = ReviewCheckName.valueOf(check.name());
                if (!config.review().blocking().contains(name) && !config.review().warning().contains(name)) {
                    continue;
                }
                boolean passed = review.passed(check);
                checks.put(check.code(), passed);
                if (!passed) {
                    reasons.put(check.code(), review.reasons().getOrDefault(check, ""));
                    if (config.review().blocking().contains(name)) {
                        blocking.add(check.code());
                    }
                }
            }
            return new DraftChecker.Verdict(checks, reasons, blocking);
        };
    }

    private static Reference reference(Entry e) {
        return new Reference(e.id(), e.title(), e.answer(), e.link());
    }

    void registerCommands(Intake intake) {
        intake.registerCommand("/kb", new CommandExtension() {
            @Override
            public Audience audience() {
                return Audience.EDITORS;
            }

            @Override
            public boolean inPrivate() {
                return true;
            }

            @Override
            public boolean inModeratorsChat() {
                return false;
            }

            @Override
            public Optional<String> run(Connection c, long userId, long chatId, String args, Lang lang) {
                return Optional.of(explain(args, lang));
            }
        });
        intake.registerCommand("/digest", managerCommand((c, user, args, lang) -> {
            digests.sendNow(c, user);
            return Optional.empty();
        }));
        intake.registerCommand("/export", managerCommand((c, user, args, lang) -> {
            digests.exportFile(c, user, args); // queues the file, or a message saying how to ask
            return Optional.empty();
        }));
    }

    private interface Run {
        Optional<String> run(Connection c, long user, String args, Lang lang) throws SQLException;
    }

    private static CommandExtension managerCommand(Run run) {
        return new CommandExtension() {
            @Override
            public Audience audience() {
                return Audience.MANAGERS;
            }

            @Override
            public boolean inPrivate() {
                return true;
            }

            @Override
            public boolean inModeratorsChat() {
                return false;
            }

            @Override
            public Optional<String> run(Connection c, long userId, long chatId, String args, Lang lang)
                    throws SQLException {
                return run.run(c, userId, args, lang);
            }
        };
    }

    /** What the knowledge base would suggest for a text, with scores and the words that matched. */
    String explain(String text, Lang lang) {
        if (text.isBlank()) {
            return texts.get(lang, "kb.usage");
        }
        Suggestions s = suggester.suggest(text);
        StringBuilder sb = new StringBuilder();
        sb.append(texts.get(lang, "kb.language", s.lang().code())).append('\n');
        if (s.items().isEmpty()) {
            return sb.append(texts.get(lang, "kb.nothing")).toString();
        }
        int i = 1;
        for (Suggestion item : s.items()) {
            sb.append(i++).append(". <b>").append(Html.escape(item.title())).append("</b> <code>")
                    .append(Html.escape(item.id())).append("</code> ")
                    .append(String.format(Locale.ROOT, "%.2f", item.score()));
            if (item.fallback()) {
                sb.append(" (").append(item.lang().code()).append(')');
            }
            sb.append('\n').append(texts.get(lang, "kb.matched", Html.escape(String.join(", ", item.matchedTerms()))))
                    .append('\n');
        }
        return sb.toString().strip();
    }

    void start() {
    }

    void tick() {
        try {
            digests.tick();
        } catch (RuntimeException e) {
            log.error("digest tick failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        suggester.close();
    }
}
