package dev.replydesk.app;

import com.fasterxml.jackson.databind.JsonNode;
import dev.replydesk.testing.FakeBotApi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;

/** What the flow tests ask of a running bot and the messages it posted. */
final class FlowChecks {
    private FlowChecks() {
    }

    static boolean hasButtons(FakeBotApi.Posted p) {
        return p.replyMarkup() != null && p.replyMarkup().path("inline_keyboard").size() > 0;
    }

    static String button(FakeBotApi.Posted posted, String prefix) {
        for (JsonNode row : posted.replyMarkup().path("inline_keyboard")) {
            for (JsonNode b : row) {
                if (b.path("callback_data").asText().startsWith(prefix)) {
                    return b.path("callback_data").asText();
                }
            }
        }
        throw new AssertionError("no button " + prefix + " in " + posted.replyMarkup());
    }

    static long scalar(RunCommand.Bot bot, String sql) {
        return bot.wiring.db.withConnection(c -> {
            try (ResultSet rs = c.createStatement().executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    static String string(RunCommand.Bot bot, String sql) {
        return bot.wiring.db.withConnection(c -> {
            try (ResultSet rs = c.createStatement().executeQuery(sql)) {
                return rs.next() ? rs.getString(1) : null;
            }
        });
    }

    /** Copies the test knowledge base ({@code src/test/resources/kb-fixture}) into {@code kb}. */
    static void copyKnowledgeBaseFixture(Path kb) throws IOException {
        Path fixture = Path.of("src/test/resources/kb-fixture");
        try (var files = Files.walk(fixture)) {
            for (Path f : files.toList()) {
                Path to = kb.resolve(fixture.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(f, to);
                }
            }
        }
    }
}
