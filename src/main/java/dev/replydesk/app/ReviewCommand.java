package dev.replydesk.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.replydesk.knowledge.KnowledgeBase;
import dev.replydesk.review.Check;
import dev.replydesk.review.Checklist;
import dev.replydesk.review.Reference;
import dev.replydesk.review.Review;
import dev.replydesk.review.Turn;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code review}: runs the reply checklist over JSON lines on stdin, one verdict line per input
 * line. A line that cannot be read gets an {@code {"error": ...}} line (and a message naming its
 * line number on stderr), so output lines stay aligned with input lines.
 */
final class ReviewCommand implements Command {
    /** Made at the first use: every command is built at each start, and Jackson takes a while to load. */
    private ObjectMapper json;

    @Override
    public String name() {
        return "review";
    }

    @Override
    public String summary() {
        return "check draft replies (JSON lines on stdin) against the checklist";
    }

    @Override
    public String usage() {
        return """
                Usage: java -jar replydesk.jar review [--kb DIR] [--config FILE]

                Reads JSON lines from stdin:
                  {"thread": [{"role": "customer"|"brand", "text": "..."}], "draft": "...", "kb": "id or null"}
                and prints one line per input line:
                  {"checks": {"polite": true, "logical": true, "consistent": false, "links": true},
                   "reasons": {"consistent": "..."}}
                A line that is not valid gets {"error": "..."} (and a message on stderr).

                Options:
                  --kb DIR       knowledge base: DIR/<lang>/<id>.md entries (default: knowledge-base.dir
                                 of --config, else ./knowledge-base when it exists); "kb" ids are
                                 looked up in the draft's language, else in ru, else in any
                  --config FILE  replydesk.yml; the checklist rules are read from review/ beside it
                                 (FILE may also be a rules directory holding ru.yml, uk.yml, en.yml).
                                 Default: ./config/review when it exists, else the built-in rules.
                """;
    }

    @Override
    public int run(List<String> words, InputStream in, PrintStream out, PrintStream err) throws IOException {
        Args args = Args.parse(words, Set.of("config", "kb"), Set.of()).atMostPositional(0);
        Optional<String> config = args.option("config");
        Checklist checklist = checklist(config);
        Path kbDir;
        if (args.option("kb").isPresent()) {
            kbDir = Path.of(args.option("kb").get());
            if (!Files.isDirectory(kbDir)) {
                throw new Args.UsageException("--kb " + kbDir + " is not a directory");
            }
        } else {
            kbDir = KnowledgeDir.fromConfig(config.filter(c -> Files.isRegularFile(Path.of(c))));
        }
        KnowledgeBase kb = Files.isDirectory(kbDir) ? KnowledgeBase.load(kbDir) : KnowledgeBase.empty(kbDir);
        Set<String> unknown = new HashSet<>();

        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        int lineNo = 0;
        int bad = 0;
        String line;
        while ((line = reader.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            try {
                Request request = parse(line);
                Optional<Reference> reference = Optional.empty();
                if (request.kb() != null) {
                    reference = kb.entry(request.kb(), checklist.language(request.thread(), request.draft()))
                            .map(e -> new Reference(e.id(), e.title(), e.answer(), e.link()));
                    if (reference.isEmpty() && unknown.add(request.kb())) {
                        err.println("replydesk review: line " + lineNo + ": no knowledge-base entry '"
                                + request.kb() + "'; checking without it");
                    }
                }
                Review review = checklist.check(request.thread(), request.draft(), reference);
                out.println(json().writeValueAsString(render(review)));
            } catch (BadLine e) {
                bad++;
                err.println("replydesk review: line " + lineNo + ": " + e.getMessage());
                ObjectNode error = json().createObjectNode();
                error.put("error", "line " + lineNo + ": " + e.getMessage());
                out.println(json().writeValueAsString(error));
            }
        }
        out.flush();
        return bad == 0 ? 0 : 1;
    }

    private static Checklist checklist(Optional<String> config) {
        if (config.isEmpty()) {
            Path local = Path.of("config", "review");
            return Files.isDirectory(local) ? Checklist.load(local) : Checklist.defaults();
        }
        Path path = Path.of(config.get());
        Path rules;
        if (Files.isDirectory(path)) {
            rules = Files.isRegularFile(path.resolve("ru.yml")) || !Files.isDirectory(path.resolve("review"))
                    ? path : path.resolve("review");
        } else if (Files.isRegularFile(path)) {
            Path parent = path.toAbsolutePath().getParent();
            rules = parent.resolve("review");
        } else {
            throw new Args.UsageException("--config " + path + " does not exist");
        }
        return Checklist.load(rules);
    }

    private record Request(List<Turn> thread, String draft, String kb) {
    }

    private static final class BadLine extends Exception {
        BadLine(String message) {
            super(message);
        }
    }

    private Request parse(String line) throws BadLine {
        JsonNode root;
        try {
            root = json().readTree(line);
        } catch (JsonProcessingException e) {
            throw new BadLine("not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new BadLine("expected a JSON object");
        }
        JsonNode draft = root.get("draft");
        if (draft == null || !draft.isTextual()) {
            throw new BadLine("\"draft\" must be a string");
        }
        List<Turn> thread = new ArrayList<>();
        JsonNode turns = root.get("thread");
        if (turns != null && !turns.isNull()) {
            if (!turns.isArray()) {
                throw new BadLine("\"thread\" must be a list of {\"role\", \"text\"}");
            }
            int i = 0;
            for (JsonNode turn : turns) {
                JsonNode role = turn.get("role");
                JsonNode text = turn.get("text");
                if (role == null || !role.isTextual() || text == null || !text.isTextual()) {
                    throw new BadLine("thread[" + i + "] must have string \"role\" and \"text\"");
                }
                Turn.Role r = switch (role.asText().toLowerCase(Locale.ROOT)) {
                    case "customer" -> Turn.Role.CUSTOMER;
                    case "brand" -> Turn.Role.BRAND;
                    default -> throw new BadLine("thread[" + i + "].role must be \"customer\" or \"brand\", is \""
                            + role.asText() + "\"");
                };
                thread.add(new Turn(r, text.asText()));
                i++;
            }
        }
        JsonNode kb = root.get("kb");
        if (kb != null && !kb.isNull() && !kb.isTextual()) {
            throw new BadLine("\"kb\" must be an entry id or null");
        }
        String id = kb == null || kb.isNull() || kb.asText().isBlank() ? null : kb.asText().strip();
        return new Request(thread, draft.asText(), id);
    }

    private ObjectNode render(Review review) {
        ObjectNode root = json().createObjectNode();
        ObjectNode checks = root.putObject("checks");
        for (Check c : Check.values()) {
            checks.put(c.code(), review.passed(c));
        }
        ObjectNode reasons = root.putObject("reasons");
        for (Check c : review.failed()) {
            reasons.put(c.code(), review.reasons().getOrDefault(c, ""));
        }
        return root;
    }

    private ObjectMapper json() {
        if (json == null) {
            json = new ObjectMapper();
        }
        return json;
    }
}
