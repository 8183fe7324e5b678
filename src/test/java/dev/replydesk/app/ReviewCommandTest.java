package dev.replydesk.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReviewCommandTest {
    private final ObjectMapper json = new ObjectMapper();

    private record Run(int code, List<String> out, String err) {
    }

    private Run run(String input, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> words = new java.util.ArrayList<>(List.of("review"));
        words.addAll(List.of(args));
        int code = Main.run(words, new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8).lines().toList(), err.toString(StandardCharsets.UTF_8));
    }

    private static Path kb(Path dir) throws Exception {
        Path ru = Files.createDirectories(dir.resolve("ru"));
        Files.writeString(ru.resolve("exchange.md"), """
                ---
                id: exchange
                questions:
                  - Можно ли обменять товар?
                tags: [returns]
                link: https://tehnoshop.ru/exchange   # shown only when asked
                ---
                # Как обменять товар?

                Обменять товар можно в течение 21 дня с покупки при сохранённом чеке.
                """);
        return dir;
    }

    @Test
    void printsOneVerdictLinePerDraftWithReasonsForFailedChecksOnly(@TempDir Path dir) throws Exception {
        String input = """
                {"thread": [{"role": "customer", "text": "Можно обменять утюг?"}], "draft": "Да, в течение 21 дня с покупки, если есть чек.", "kb": "exchange"}
                {"thread": [{"role": "customer", "text": "Можно обменять утюг?"}], "draft": "Да, в течение 14 дней с покупки, если есть чек.", "kb": "exchange"}
                """;
        Run r = run(input, "--kb", kb(dir).toString(), "--config", Path.of("config", "review").toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(2, r.out().size());
        JsonNode ok = json.readTree(r.out().get(0));
        assertEquals(List.of("polite", "logical", "consistent", "links"), fieldNames(ok.get("checks")));
        ok.get("checks").forEach(v -> assertTrue(v.asBoolean()));
        assertEquals(0, ok.get("reasons").size());
        JsonNode bad = json.readTree(r.out().get(1));
        assertFalse(bad.get("checks").get("consistent").asBoolean());
        assertTrue(bad.get("checks").get("polite").asBoolean());
        assertEquals(List.of("consistent"), fieldNames(bad.get("reasons")));
        assertTrue(bad.get("reasons").get("consistent").asText().contains("14 дней"), bad.toString());
        assertTrue(r.out().get(1).contains("«"), "non-ASCII is written as is, not escaped");
    }

    @Test
    void aBadLineGetsAnErrorLineAndTheRestGoOn() {
        String input = """
                {"thread": [], "draft": "Спасибо!", "kb": null}
                {"thread": [ this is not json
                {"thread": [{"role": "moderator", "text": "x"}], "draft": "y", "kb": null}
                {"thread": [{"role": "customer", "text": "Как дела?"}], "draft": "Всё хорошо, спасибо.", "kb": null}
                """;
        Run r = run(input);
        assertEquals(1, r.code());
        assertEquals(4, r.out().size(), r.out().toString());
        assertTrue(r.out().get(0).startsWith("{\"checks\""));
        assertTrue(r.out().get(1).startsWith("{\"error\":\"line 2: "), r.out().get(1));
        assertTrue(r.out().get(2).contains("moderator"), r.out().get(2));
        assertTrue(r.out().get(3).startsWith("{\"checks\""));
        assertTrue(r.err().contains("line 2:"), r.err());
        assertTrue(r.err().contains("line 3:"), r.err());
    }

    @Test
    void anUnknownEntryIsReportedOnceAndTheDraftCheckedWithoutIt(@TempDir Path dir) throws Exception {
        String line = "{\"thread\": [{\"role\": \"customer\", \"text\": \"Как обменять?\"}], \"draft\": \"Принесите товар и чек "
                + "в магазин.\", \"kb\": \"no-such-entry\"}\n";
        Run r = run(line + line, "--kb", kb(dir).toString());
        assertEquals(0, r.code());
        assertEquals(2, r.out().size());
        assertEquals(1, r.err().lines().filter(l -> l.contains("no-such-entry")).count(), r.err());
    }

    @Test
    void unknownOptionIsAUsageError() {
        Run r = run("", "--kbase", "x");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--kbase"));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
