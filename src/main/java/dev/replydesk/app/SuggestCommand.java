package dev.replydesk.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.replydesk.knowledge.Problem;
import dev.replydesk.knowledge.Suggester;
import dev.replydesk.knowledge.Suggestion;
import dev.replydesk.knowledge.Suggestions;
import dev.replydesk.language.Lang;
import dev.replydesk.language.LanguageDetector;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * {@code suggest [--kb DIR]}: one comment per line on stdin, one JSON line per comment on stdout
 * with what the bot would show — an empty list when it abstains.
 */
final class SuggestCommand implements Command {
    @Override
    public String name() {
        return "suggest";
    }

    @Override
    public String summary() {
        return "knowledge-base suggestions for comments on stdin, JSON lines";
    }

    @Override
    public String usage() {
        return """
                Usage: java -jar replydesk.jar suggest [--kb DIR] [--rules DIR] [--explain] [--config FILE]

                Reads one comment per line on stdin and prints one JSON line per comment:
                  {"lang": "ru", "suggestions": [{"id": "...", "score": 0.87, "title": "..."}]}
                best first, at most three, and an empty list when nothing fits.
                --kb     the knowledge-base folder (default: knowledge-base.dir of the config
                         file, else ./knowledge-base)
                --rules  folder with synonyms.txt, ignored-words.txt and the other rule files
                         (default: ./config/knowledge, else the built-in ones)
                --explain  print, per comment, the best candidates with scores and the words
                         each matched (what editors see with /kb)
                Problems in the knowledge base are listed on stderr; broken files are skipped.
                """;
    }

    @Override
    public int run(List<String> words, InputStream in, PrintStream out, PrintStream err) throws Exception {
        Args args = Args.parse(words, Set.of("kb", "rules", "config"), Set.of("explain")).atMostPositional(0);
        Path kb = args.option("kb").map(Path::of).orElse(KnowledgeDir.fromConfig(args.option("config")));
        Path rules = Path.of(args.option("rules", "config/knowledge"));
        ObjectMapper json = new ObjectMapper().registerModule(new SimpleModule()
                .addSerializer(Lang.class, new StdSerializer<Lang>(Lang.class) {
                    @Override
                    public void serialize(Lang value, JsonGenerator gen, SerializerProvider provider)
                            throws IOException {
                        gen.writeString(value.code());
                    }
                }));
        try (Suggester suggester = Suggester.open(kb, KnowledgeDir.languageFromConfig(args.option("config")), rules,
                new LanguageDetector())) {
            for (Problem p : suggester.knowledgeBase().problems()) {
                err.println(p);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (args.flag("explain")) {
                    out.println(json.writeValueAsString(suggester.explain(line)));
                    continue;
                }
                Suggestions s = suggester.suggest(line);
                ObjectNode node = json.createObjectNode();
                node.put("lang", s.lang().code());
                ArrayNode items = node.putArray("suggestions");
                for (Suggestion item : s.items()) {
                    ObjectNode o = items.addObject();
                    o.put("id", item.id());
                    o.put("score", item.score());
                    o.put("title", item.title());
                    if (item.fallback()) {
                        o.put("fallback", item.lang().code());
                    }
                }
                out.println(json.writeValueAsString(node));
            }
        }
        return 0;
    }
}
