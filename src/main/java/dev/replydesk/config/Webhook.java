package dev.replydesk.config;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * {@code webhook:} receive updates by HTTPS webhook behind a reverse proxy instead of long
 * polling (the default).
 *
 * @param enabled     {@code webhook.enabled}: default false
 * @param listen      {@code webhook.listen}: host:port to bind, default 0.0.0.0:8443
 * @param path        {@code webhook.path}: URL path, default /telegram/webhook
 * @param secretToken {@code webhook.secret-token}: checked against the
 *                    X-Telegram-Bot-Api-Secret-Token header; required when enabled; never printed
 * @param url         {@code webhook.url}: the public https URL the reverse proxy serves; when set,
 *                    the bot registers it with setWebhook at start; empty when not set (then the
 *                    webhook is registered by hand)
 * @param maxConnections {@code webhook.max-connections}: how many updates Telegram may deliver at
 *                    once (setWebhook's max_connections), 1-100, default 1: one at a time keeps
 *                    Telegram's order, so an edit never arrives before its message
 */
public record Webhook(boolean enabled, String listen, String path, String secretToken, String url,
        int maxConnections) {
    public static final String DEFAULT_LISTEN = "0.0.0.0:8443";
    public static final String DEFAULT_PATH = "/telegram/webhook";
    public static final int DEFAULT_MAX_CONNECTIONS = 1;
    static final Pattern LISTEN = Pattern.compile("(.+):(\\d{1,5})");
    static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{1,256}");

    public Webhook {
        Objects.requireNonNull(listen, "webhook.listen");
        var m = LISTEN.matcher(listen);
        if (!m.matches() || Integer.parseInt(m.group(2)) < 1 || Integer.parseInt(m.group(2)) > 65535) {
            throw new IllegalArgumentException("webhook.listen must be host:port, like 0.0.0.0:8443");
        }
        Objects.requireNonNull(path, "webhook.path");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("webhook.path must start with /");
        }
        secretToken = secretToken == null ? "" : secretToken;
        url = url == null ? "" : url;
        if (!url.isEmpty() && !url.startsWith("https://") && !url.startsWith("http://")) {
            throw new IllegalArgumentException("webhook.url must be an https URL");
        }
        if (maxConnections < 1 || maxConnections > 100) {
            throw new IllegalArgumentException("webhook.max-connections must be between 1 and 100");
        }
        if (enabled && !SECRET.matcher(secretToken).matches()) {
            throw new IllegalArgumentException(
                    "webhook.secret-token is required when webhook.enabled is true (1-256 of A-Z a-z 0-9 _ -)");
        }
    }

    /** Without {@code url}: registered by hand; one update at a time. */
    public Webhook(boolean enabled, String listen, String path, String secretToken) {
        this(enabled, listen, path, secretToken, "", DEFAULT_MAX_CONNECTIONS);
    }

    public static Webhook disabled() {
        return new Webhook(false, DEFAULT_LISTEN, DEFAULT_PATH, "");
    }

    public String host() {
        var m = LISTEN.matcher(listen);
        m.matches();
        return m.group(1);
    }

    public int port() {
        var m = LISTEN.matcher(listen);
        m.matches();
        return Integer.parseInt(m.group(2));
    }

    @Override
    public String toString() {
        return "Webhook[enabled=" + enabled + ", listen=" + listen + ", path=" + path + ", secretToken="
                + (secretToken.isEmpty() ? "" : "***") + ", url=" + url + ", maxConnections=" + maxConnections + "]";
    }
}
