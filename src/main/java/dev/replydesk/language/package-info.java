/**
 * Languages: {@link dev.replydesk.language.Lang} (ru, uk, en), the comment
 * {@link dev.replydesk.language.LanguageDetector} (surzhyk included) and
 * {@link dev.replydesk.language.Texts}, the bot's own words from the resource bundles
 * {@code i18n/messages_*.properties}. Texts shown to people never live in code.
 */
package dev.replydesk.language;
