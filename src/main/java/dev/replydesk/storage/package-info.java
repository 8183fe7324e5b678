/**
 * The store: DataSource, transactions, Flyway migrations ({@code resources/db/migration}).
 *
 * <p>Never deletes anything: comments, versions and the audit trail refuse DELETE in the
 * database itself. Knows no feature's tables beyond running their migrations.
 */
package dev.replydesk.storage;
