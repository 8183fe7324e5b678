package dev.replydesk.knowledge;

import dev.replydesk.language.Lang;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One knowledge-base entry in one language, as an editor wrote it.
 *
 * @param id        the entry's id; files with the same id in several language folders are
 *                  translations of one entry
 * @param lang      the language folder the file is in
 * @param title     the canonical question (the Markdown {@code # Title})
 * @param questions how customers ask it, from the front matter (the title is not repeated here)
 * @param tags      free-form tags from the front matter
 * @param link      a page to send when the customer asked for a link, or {@code null}
 * @param answer    the Markdown body after the title, trimmed
 * @param file      the file the entry came from
 */
public record Entry(String id, Lang lang, String title, List<String> questions, List<String> tags,
        String link, String answer, Path file) {
    public Entry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(lang, "lang");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(answer, "answer");
        questions = List.copyOf(questions);
        tags = List.copyOf(tags);
    }
}
