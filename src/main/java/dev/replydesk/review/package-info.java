/**
 * The reply checklist: judges a moderator's draft reply before it is published.
 *
 * <p>{@link dev.replydesk.review.Checklist#check} takes the thread ({@link dev.replydesk.review.Turn}s),
 * the draft and the matching knowledge-base entry's facts ({@link dev.replydesk.review.Reference})
 * and returns a {@link dev.replydesk.review.Review}: per {@link dev.replydesk.review.Check} pass or
 * fail, and for a failure the reason, quoting the words that triggered it.
 * <ul>
 *   <li><b>polite</b> — no insults, blame, sarcasm, condescension or shouting; not saccharine
 *       (piles of apologies, strings of "!", several emoji, diminutives, gushing); one form of
 *       address;</li>
 *   <li><b>logical</b> — answers the kind of question and the topic raised, concretely; no
 *       self-contradiction; does not ask for what the customer already gave;</li>
 *   <li><b>consistent</b> — keeps the brand's earlier promises, agreements and refusals in the
 *       thread, and the entry's amounts and terms;</li>
 *   <li><b>links</b> — no external link unless a customer asked for one.</li>
 * </ul>
 *
 * <p>Word lists and thresholds are per language in {@code config/review/<lang>.yml} (ru, uk, en);
 * the language is the draft's, as {@link dev.replydesk.language.LanguageDetector} tells it. Words
 * are compared by stem (Snowball for Russian and English) or lemma (morfologik-ukrainian).
 *
 * <p>This package is pure: it must never read the clock, the database, the network or Telegram,
 * and never decide what happens to a draft (block, warn, publish) — callers do that from
 * {@code review.block} / {@code review.warn}. It reads files only in {@code Checklist.load}.
 */
package dev.replydesk.review;
