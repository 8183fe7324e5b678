package dev.replydesk.triage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The team's own labelled comments in {@code src/test/resources/triage/*.tsv}. */
final class Fixtures {
    record Case(String file, Label label, String text) {
        @Override
        public String toString() {
            return file + " " + label.code() + ": " + text;
        }
    }

    static final List<String> BY_LANGUAGE = List.of("ru.tsv", "uk.tsv", "en.tsv");
    static final List<String> MIXED = List.of("hard.tsv", "fresh.tsv", "more.tsv", "batch5.tsv", "batch6.tsv",
            "batch7.tsv", "batch8.tsv", "batch9.tsv", "batch10.tsv", "batch11.tsv", "batch12.tsv", "batch13.tsv",
            "batch14.tsv", "batch15.tsv", "batch16.tsv");

    private Fixtures() {
    }

    static List<Case> read(String file) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/triage/" + file)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + file);
            }
            List<Case> cases = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\t", 2);
                Label label = Label.fromCode(parts[0])
                        .orElseThrow(() -> new IllegalStateException(file + ": bad label in " + line));
                cases.add(new Case(file, label, parts[1].strip()));
            }
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Case> all() {
        List<Case> all = new ArrayList<>();
        BY_LANGUAGE.forEach(f -> all.addAll(read(f)));
        MIXED.forEach(f -> all.addAll(read(f)));
        return all;
    }
}
