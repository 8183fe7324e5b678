package dev.replydesk.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TriageCommandTest {
    private final ObjectMapper json = new ObjectMapper();

    private record Run(int code, List<String> lines, String err) {
    }

    private static Run run(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> words = new ArrayList<>(List.of("triage"));
        words.addAll(List.of(args));
        int code = Main.run(words, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        return new Run(code, text.isEmpty() ? List.of() : List.of(text.split("\n", -1)).subList(0, text.split("\n", -1).length - 1),
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void printsOneJsonLinePerCommentInTheDocumentedShape() {
        Run r = run("Заказ 123456 не работает, уже неделю жду\nПодскажите, сколько стоит доставка?\n");
        assertEquals(0, r.code(), r.err());
        assertEquals(2, r.lines().size());
        assertEquals("{\"label\": \"complaint\", \"negative\": true, \"needs_answer\": true, "
                + "\"reasons\": [\"order number + 'не работает' → complaint\", "
                + "\"a long wait behind a real order or payment\", "
                + "\"unhappy about something concrete the brand can solve\"]}", r.lines().get(0));
        assertTrue(r.lines().get(1).startsWith("{\"label\": \"question\", \"negative\": false, \"needs_answer\": true, \"reasons\": ["),
                r.lines().get(1));
    }

    @Test
    void fieldsComeInOrderAndParseAsJson() throws IOException {
        Run r = run("вы все идиоты\nспасибо, всё пришло вовремя\r\n\n");
        assertEquals(3, r.lines().size());
        String[][] expected = {{"troll", "true", "false"}, {"praise", "false", "false"}, {"other", "false", "false"}};
        for (int i = 0; i < 3; i++) {
            JsonNode node = json.readTree(r.lines().get(i));
            List<String> names = new ArrayList<>();
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                names.add(it.next());
            }
            assertEquals(List.of("label", "negative", "needs_answer", "reasons"), names);
            assertEquals(expected[i][0], node.get("label").asText());
            assertEquals(Boolean.parseBoolean(expected[i][1]), node.get("negative").asBoolean());
            assertEquals(Boolean.parseBoolean(expected[i][2]), node.get("needs_answer").asBoolean());
            assertTrue(node.get("reasons").isArray() && !node.get("reasons").isEmpty());
        }
    }

    @Test
    void anEmptyLineIsOther() {
        Run r = run("\n");
        assertEquals(1, r.lines().size());
        assertTrue(r.lines().get(0).startsWith("{\"label\": \"other\""), r.lines().get(0));
    }

    @Test
    void readsTheRulesBesideTheGivenConfigFile(@TempDir Path dir) throws IOException {
        Path rules = Files.createDirectories(dir.resolve("triage"));
        for (String name : List.of("shared.txt", "weights.yml", "ru.txt", "uk.txt", "en.txt")) {
            Files.copy(Path.of("config/triage").resolve(name), rules.resolve(name));
        }
        Files.writeString(rules.resolve("ru.txt"), Files.readString(rules.resolve("ru.txt")) + "\n[problem]\nчихает\n");
        Path config = dir.resolve("replydesk.yml");
        Files.writeString(config, "# test config\n");
        assertTrue(run("радио чихает\n", "--config", config.toString()).lines().get(0).contains("\"complaint\""));
        assertTrue(run("радио чихает\n").lines().get(0).contains("\"other\""));
    }

    @Test
    void fallsBackToTheBuiltInRulesWhenNoFolderIsBesideTheConfig(@TempDir Path dir) {
        Run r = run("вы все идиоты\n", "--config", dir.resolve("replydesk.yml").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.lines().get(0).startsWith("{\"label\": \"troll\""), r.lines().get(0));
    }

    @Test
    void anUnknownOptionIsABadUsage() {
        Run r = run("", "--rules", "x");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("unknown option --rules"), r.err());
    }
}
