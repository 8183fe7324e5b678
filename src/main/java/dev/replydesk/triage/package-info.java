/**
 * Triage: what kind of community comment this is — {@code complaint}, {@code troll},
 * {@code question}, {@code praise}, {@code spam} or {@code other} — with reasons a moderator
 * can read ("order number + 'не работает' → complaint").
 *
 * <p>{@link dev.replydesk.triage.Triage} reads the rule files of {@code config/triage/} once:
 * per-language lexicons ({@code ru.txt}, {@code uk.txt}, {@code en.txt}: words and phrases per
 * feature, {@code *} for any ending), shared regular expressions ({@code shared.txt}: order
 * numbers, money, dates, links) and the scoring model ({@code weights.yml}). A comment is cut
 * into words, negations turn the following evaluation around ("не плохо", "not happy"), words
 * before a "but" count less, and the features' weights plus a few combinations decide. The
 * judgement that matters most: a complaint has something concrete to solve (an order, money,
 * a date, a broken thing), trolling has none; a complaint must not be taken for trolling. Asking
 * after one's own order or money once time has passed ("где мой заказ?", "когда вернут деньги?
 * оформил возврат 10 дней назад") is a complaint however politely it is asked.
 *
 * <p>Must never: do I/O after loading, call the network, keep mutable state, or know about
 * Telegram, storage or the ledger. Others see only {@code Triage}, {@code Verdict} and
 * {@code Label}.
 */
package dev.replydesk.triage;
