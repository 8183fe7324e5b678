/**
 * The knowledge base: Markdown entries that editors keep in git ({@code <dir>/<lang>/<id>.md}),
 * their validation, an in-memory Lucene index over them (kept on disk between starts when the
 * caller names a file: {@code IndexCache}), suggestions for a comment, hot reload, explanations for
 * editors and the grouping of questions the knowledge base could not answer.
 *
 * <p>Public surface, for the bot and the CLI:
 * <ul>
 *   <li>{@link dev.replydesk.knowledge.KnowledgeBase} — a loaded, immutable set of
 *       {@link dev.replydesk.knowledge.Entry entries} and the {@link dev.replydesk.knowledge.Problem
 *       problems} found (what {@code kb check} prints);</li>
 *   <li>{@link dev.replydesk.knowledge.Suggester} — {@code suggest(text)} gives
 *       {@link dev.replydesk.knowledge.Suggestions} (at most three
 *       {@link dev.replydesk.knowledge.Suggestion}s, none when it abstains), {@code explain(text)}
 *       an {@link dev.replydesk.knowledge.Explanation} for {@code /kb}, {@code gapGrouper()} a
 *       {@link dev.replydesk.knowledge.GapGrouper} that groups unanswered comments into
 *       {@link dev.replydesk.knowledge.GapGroup}s;</li>
 *   <li>{@link dev.replydesk.knowledge.KnowledgeWatcher} — keeps a suggester in step with the
 *       folder and its rule files (one thread, {@code kb-watcher}) and reports broken files once.</li>
 * </ul>
 *
 * <p>How a comment is matched: its language is detected; its words are reduced by that
 * language's Lucene analyzer (Russian Snowball, Ukrainian morfologik lemmas, English Porter),
 * marked with the synonym groups of {@code config/knowledge/synonyms.txt} (which also link the
 * languages), and looked up as whole forms, synonym groups, word starts and likely typos. A
 * weighted BM25 query finds candidates; each is then scored by how much of the comment it
 * explains and how telling that evidence is (a confidence in [0, 1]); below the threshold the
 * suggester abstains, unless the best stands clearly ahead of the others on a telling word.
 *
 * <p>This package must never import {@code org.telegram.*}, talk to the database, or let one
 * broken file take the rest of the knowledge base down: a file that cannot be read is reported as
 * a {@link dev.replydesk.knowledge.Problem} and skipped, or its last good version kept. The index
 * cache must never be used for entries, rule files or code other than those it was built from.
 */
package dev.replydesk.knowledge;
