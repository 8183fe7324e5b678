/**
 * The managers' daily digest, and spreadsheet exports of the comments.
 *
 * <p>{@link dev.replydesk.digest.Digests} reads a day from the store ({@code DigestRepository},
 * plain SQL for H2 and PostgreSQL), builds it ({@code DigestBuilder}: pure, the day against the
 * daily average of the seven days before) and writes it ({@code DigestRenderer}: Telegram HTML
 * within 4096 characters, or plain text; {@code DigestChart}: a PNG of comments per hour).
 * Words live in {@code i18n/digest_{ru,uk,en}.properties}. A day is a calendar day in
 * {@code managers.timezone}; durations are measured by the SLA clock (working time when
 * {@code sla.working-hours} is set); open comments are counted when the digest is made.
 * {@link dev.replydesk.digest.DigestScheduler} sends it once a day to each manager, recording
 * {@code digest_sent (the day reported, manager)} in the same transaction as the queued
 * messages ({@link dev.replydesk.digest.DigestSink#of} puts them in the outbox), and serves
 * {@code /digest} and {@code /export}. {@link dev.replydesk.digest.Exporter} writes CSV and XLSX.
 *
 * <p>Never writes to the ledger's tables (only {@code digest_sent}), never talks to Telegram
 * itself (messages go through a {@link dev.replydesk.digest.DigestSink}, the outbox), and never
 * changes what the bot shows moderators.
 */
package dev.replydesk.digest;
