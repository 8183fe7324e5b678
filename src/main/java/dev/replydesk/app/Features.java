package dev.replydesk.app;

import dev.replydesk.config.ReplydeskConfig;
import dev.replydesk.inbox.Analysis;
import dev.replydesk.inbox.DraftChecker;
import dev.replydesk.inbox.Intake;
import dev.replydesk.language.Texts;
import dev.replydesk.outbox.Outbox;
import dev.replydesk.storage.Database;
import java.time.Clock;

/**
 * The judging features behind the inbox's seams: triage and the knowledge base behind the
 * {@link Analysis.Analyzer}, the reply checklist behind the {@link DraftChecker}, and the
 * commands they add.
 */
final class Features implements AutoCloseable {
    private final Analysis.Analyzer analyzer;
    private final DraftChecker checker;

    private Features(Analysis.Analyzer analyzer, DraftChecker checker) {
        this.analyzer = analyzer;
        this.checker = checker;
    }

    static Features load(ReplydeskConfig config, Database db, Outbox outbox, Texts texts, Clock clock) {
        return new Features(Wiring.plainAnalyzer(), Wiring.plainChecker());
    }

    Analysis.Analyzer analyzer() {
        return analyzer;
    }

    DraftChecker checker() {
        return checker;
    }

    void registerCommands(Intake intake) {
    }

    void start() {
    }

    void tick() {
    }

    @Override
    public void close() {
    }
}
