/**
 * Comments, their versions and cards, moderators' replies, and the ledger of what still needs an
 * answer (clocks, owners, nudges, escalations).
 *
 * <p>{@link dev.replydesk.inbox.Intake} handles each event in one transaction with its
 * acknowledgement; everything it sends goes through the outbox in that transaction. Talks to
 * triage, the knowledge base and the checklist only through its seams
 * ({@link dev.replydesk.inbox.Analysis.Analyzer}, {@link dev.replydesk.inbox.DraftChecker},
 * {@link dev.replydesk.inbox.CommandExtension}).
 *
 * <p>Must never delete a comment, a version, a reply or an audit row, never call Telegram
 * directly, and never read the wall clock (the injected {@link java.time.Clock} only).
 */
package dev.replydesk.inbox;
