/**
 * The knowledge base: Markdown entries that editors keep in git ({@code <dir>/<lang>/<id>.md}),
 * their validation, a Lucene index over them, suggestions for a comment, hot reload, and the
 * grouping of questions the knowledge base could not answer.
 *
 * <p>Public surface: {@link dev.replydesk.knowledge.KnowledgeBase} (a loaded, immutable set of
 * entries and the problems found while loading), {@link dev.replydesk.knowledge.Entry},
 * {@link dev.replydesk.knowledge.Problem}.
 *
 * <p>This package must never import {@code org.telegram.*}, talk to the database, or let one
 * broken file take the rest of the knowledge base down: a file that cannot be read is reported as
 * a {@link dev.replydesk.knowledge.Problem} and skipped.
 */
package dev.replydesk.knowledge;
