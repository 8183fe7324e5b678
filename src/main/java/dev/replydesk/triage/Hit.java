package dev.replydesk.triage;

/**
 * One piece of evidence: a feature found in a comment.
 *
 * @param feature the feature's name, {@code not_}-prefixed when a negation turned it around
 * @param surface the words as the customer wrote them
 * @param start   char offset in the comment, for telling what came before a "but"
 * @param named   true when the reason should show the feature's name (order number), not the words
 * @param opening true when the words open a sentence or follow a comma near its start, where
 *                "как", "where" ask rather than compare
 */
record Hit(String feature, String surface, int start, boolean named, boolean opening) {
}
