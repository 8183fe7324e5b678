package dev.replydesk.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.replydesk.language.Lang;
import dev.replydesk.language.LanguageDetector;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code review}: runs the reply checklist over JSON lines on stdin, one verdict line per input
 * line. A line that cannot be read gets an {@code {"error": ...}} line (and a message naming its
 * line number on stderr), so output lines stay aligned with input lines.
 */
final class ReviewCommand implements Command {
    private final ObjectMapper json = new ObjectMapper();

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
                  --kb DIR       knowledge base: DIR/<lang>/<id>.md entries (default: ./knowledge-base
                                 when it exists); "kb" ids are looked up there in the draft's language
                  --config FILE  replydesk.yml; the checklist rules are read from review/ beside it
                                 (FILE may also be a rules directory holding ru.yml, uk.yml, en.yml).
                                 Default: ./config/review when it exists, else the built-in rules.
                """;
    }

    @Override
    public int run(List<String> words, InputStream in, PrintStream out, PrintStream err) throws IOException {
        Args args = Args.parse(words, Set.of("config", "kb"), Set.of()).atMostPositional(0);
        Checklist checklist = checklist(args.option("config"));
        Path kbDir = args.option("kb").map(Path::of).orElse(Path.of("knowledge-base"));
        if (args.option("kb").isPresent() && !Files.isDirectory(kbDir)) {
            throw new Args.UsageException("--kb " + kbDir + " is not a directory");
        }
        Entries kb = Files.isDirectory(kbDir) ? Entries.load(kbDir) : Entries.none();
        LanguageDetector detector = new LanguageDetector();
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
                    reference = kb.find(request.kb(), detector.detect(request.draft()));
                    if (reference.isEmpty() && unknown.add(request.kb())) {
                        err.println("replydesk review: line " + lineNo + ": no knowledge-base entry '"
                                + request.kb() + "'; checking without it");
                    }
                }
                Review review = checklist.check(request.thread(), request.draft(), reference);
                out.println(json.writeValueAsString(render(review)));
            } catch (BadLine e) {
                bad++;
                err.println("replydesk review: line " + lineNo + ": " + e.getMessage());
                ObjectNode error = json.createObjectNode();
                error.put("error", "line " + lineNo + ": " + e.getMessage());
                out.println(json.writeValueAsString(error));
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
            root = json.readTree(line);
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
        ObjectNode root = json.createObjectNode();
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

    /**
     * The knowledge base as the checklist needs it: id and language to title, answer and link.
     * A minimal reader of the entries' front matter, standing in until the knowledge package's
     * loader is on main.
     */
    private record Entries(Map<String, Map<Lang, Reference>> byId) {
        static Entries none() {
            return new Entries(Map.of());
        }

        static Entries load(Path dir) throws IOException {
            Map<String, Map<Lang, Reference>> byId = new HashMap<>();
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                    Path parent = file.getParent();
                    Lang lang = parent == null ? Lang.DEFAULT
                            : Lang.fromCode(parent.getFileName().toString()).orElse(Lang.DEFAULT);
                    Reference ref = read(file);
                    byId.computeIfAbsent(ref.id(), k -> new HashMap<>()).putIfAbsent(lang, ref);
                }
            }
            return new Entries(byId);
        }

        Optional<Reference> find(String id, Lang lang) {
            Map<Lang, Reference> langs = byId.get(id);
            if (langs == null || langs.isEmpty()) {
                return Optional.empty();
            }
            if (langs.containsKey(lang)) {
                return Optional.of(langs.get(lang));
            }
            if (langs.containsKey(Lang.DEFAULT)) {
                return Optional.of(langs.get(Lang.DEFAULT));
            }
            return langs.values().stream().findFirst();
        }

        private static Reference read(Path file) throws IOException {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            String name = file.getFileName().toString();
            String id = name.substring(0, name.length() - 3);
            String link = null;
            int i = 0;
            if (!lines.isEmpty() && lines.get(0).strip().equals("---")) {
                for (i = 1; i < lines.size() && !lines.get(i).strip().equals("---"); i++) {
                    String l = lines.get(i);
                    String value = l.contains(":") ? stripComment(l.substring(l.indexOf(':') + 1)) : "";
                    if (l.startsWith("id:") && !value.isEmpty()) {
                        id = value;
                    } else if (l.startsWith("link:") && !value.isEmpty()) {
                        link = value;
                    }
                }
                i++;
            }
            String title = "";
            StringBuilder answer = new StringBuilder();
            for (; i < lines.size(); i++) {
                String l = lines.get(i);
                if (title.isEmpty() && l.startsWith("# ")) {
                    title = l.substring(2).strip();
                } else {
                    answer.append(l).append('\n');
                }
            }
            return new Reference(id, title, answer.toString().strip(), link);
        }

        private static String stripComment(String value) {
            String v = value.strip();
            int hash = v.indexOf(" #");
            if (hash >= 0) {
                v = v.substring(0, hash).strip();
            }
            if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
                v = v.substring(1, v.length() - 1);
            }
            return v;
        }
    }
}
