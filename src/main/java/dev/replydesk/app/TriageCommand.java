package dev.replydesk.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.replydesk.triage.Label;
import dev.replydesk.triage.Triage;
import dev.replydesk.triage.Verdict;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * {@code triage}: one comment per line on stdin, one JSON verdict per line on stdout, flushed
 * line by line so it can sit in a pipe. Rules come from {@code triage/} beside the config file,
 * or from the jar when there is none.
 */
final class TriageCommand implements Command {
    static final String DEFAULT_CONFIG = "config/replydesk.yml";

    /** Made at the first use: every command is built at each start, and Jackson takes a while to load. */
    private ObjectMapper json;

    @Override
    public String name() {
        return "triage";
    }

    @Override
    public String summary() {
        return "label comments on stdin (complaint, troll, ...), JSON lines";
    }

    @Override
    public String usage() {
        return """
                Usage: java -jar replydesk.jar triage [--config FILE]

                Reads one comment per line (UTF-8) and prints one JSON line per comment:
                  {"label": "complaint", "negative": true, "needs_answer": true, "reasons": ["..."]}
                Labels: complaint, troll, question, praise, spam, other. An empty line is "other".

                Options:
                  --config FILE  config file (default config/replydesk.yml); the rules are read
                                 from the triage/ folder beside it, else the jar's built-in ones
                """;
    }

    @Override
    public int run(List<String> args, InputStream in, PrintStream out, PrintStream err) throws Exception {
        Args parsed = Args.parse(args, Set.of("config"), Set.of()).atMostPositional(0);
        Triage triage = load(Path.of(parsed.option("config", DEFAULT_CONFIG)));
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        boolean first = true;
        while ((line = reader.readLine()) != null) {
            if (first && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            first = false;
            out.println(render(triage.classify(line)));
            out.flush();
        }
        return 0;
    }

    /** The rules folder {@code triage/} next to the config file, else the jar's defaults. */
    static Triage load(Path config) {
        Path parent = config.toAbsolutePath().getParent();
        Path rules = parent == null ? null : parent.resolve("triage");
        if (rules != null && Files.isDirectory(rules)) {
            return Triage.load(rules);
        }
        return Triage.defaults();
    }

    String render(Verdict verdict) throws JsonProcessingException {
        Label label = verdict.label();
        StringBuilder sb = new StringBuilder(160);
        sb.append("{\"label\": ").append(json().writeValueAsString(label.code()))
                .append(", \"negative\": ").append(label.negative())
                .append(", \"needs_answer\": ").append(label.needsAnswer())
                .append(", \"reasons\": [");
        for (int i = 0; i < verdict.reasons().size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(json().writeValueAsString(verdict.reasons().get(i)));
        }
        return sb.append("]}").toString();
    }

    private ObjectMapper json() {
        if (json == null) {
            json = new ObjectMapper();
        }
        return json;
    }
}
