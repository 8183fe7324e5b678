package dev.replydesk.config;

import java.net.URI;
import java.time.Duration;

/**
 * {@code telegram:} how to reach the Bot API.
 *
 * @param token       {@code telegram.token}: the bot token from BotFather; never printed
 * @param apiUrl      {@code telegram.api-url}: Bot API server, default https://api.telegram.org
 * @param pollTimeout {@code telegram.poll-timeout}: long-polling timeout, default 50s
 */
public record Telegram(String token, URI apiUrl, Duration pollTimeout) {
    public static final URI DEFAULT_API_URL = URI.create("https://api.telegram.org");
    public static final Duration DEFAULT_POLL_TIMEOUT = Duration.ofSeconds(50);

    public Telegram {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("telegram.token is required");
        }
        Checks.required(apiUrl, "telegram.api-url");
        String scheme = apiUrl.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme) || apiUrl.getHost() == null) {
            throw new IllegalArgumentException("telegram.api-url must be an http or https URL");
        }
        Checks.required(pollTimeout, "telegram.poll-timeout");
        if (pollTimeout.isNegative() || pollTimeout.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("telegram.poll-timeout must be between 0s and 10m");
        }
    }

    /** The token never leaves this record through toString. */
    @Override
    public String toString() {
        return "Telegram[token=***, apiUrl=" + apiUrl + ", pollTimeout=" + pollTimeout + "]";
    }
}
