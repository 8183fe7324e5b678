/**
 * The configuration: immutable, validated records for every section of
 * {@code config/replydesk.yml}, and {@link dev.replydesk.config.ConfigLoader}, which reads the
 * YAML (SnakeYAML node API, so every problem names the key path and the file line), substitutes
 * {@code ${NAME}} / {@code ${NAME:-default}} from the environment, and reports all problems at
 * once in a {@link dev.replydesk.config.ConfigException}.
 *
 * <p>Must never: print the Telegram token, the storage password or the webhook secret (records
 * that hold them redact their {@code toString}, and error messages never quote them); read the
 * environment itself (the caller passes it in); depend on any other replydesk package except
 * {@code language}; hold mutable or static state.
 */
package dev.replydesk.config;
