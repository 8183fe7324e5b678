package dev.replydesk.telegram;

import dev.replydesk.outbox.AnswerResult;
import dev.replydesk.outbox.BotApi;
import dev.replydesk.outbox.Button;
import dev.replydesk.outbox.Keyboard;
import dev.replydesk.outbox.Outgoing;
import dev.replydesk.outbox.SendResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.methods.send.SendDocument;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.send.SendPhoto;
import org.telegram.telegrambots.meta.api.methods.updates.SetWebhook;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.api.objects.InputFile;
import org.telegram.telegrambots.meta.api.objects.ReplyParameters;
import org.telegram.telegrambots.meta.api.objects.ResponseParameters;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox's port to Telegram, on TelegramBots' {@link OkHttpTelegramClient} against any Bot
 * API server ({@code telegram.api-url}: api.telegram.org, a self-hosted server, a test server).
 *
 * <p>Every call has a deadline (OkHttp connect, read, write and whole-call timeouts), and OkHttp
 * does not silently repeat a failed request: a send is repeated only by the outbox, which knows
 * whether it was recorded. Outcomes map to {@link SendResult}: 429 → {@code RetryAfter}
 * (Telegram's {@code retry_after}); 5xx, 401/404 (the bot itself is refused: token or server, not
 * this message), network errors, timeouts and unreadable answers → {@code Unavailable}; other
 * 4xx → {@code Rejected}, except "message is not modified" on an edit, which is success.
 *
 * <p>The token is part of every request URL; it is redacted from every reason and log line.
 * Never deletes a message.
 */
public final class TelegramBotApi implements BotApi, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TelegramBotApi.class);
    private static final Pattern TOKEN_LIKE = Pattern.compile("\\d{5,}:[A-Za-z0-9_-]{20,}");
    private static final int MAX_ANSWER_TEXT = 200;

    private final String token;
    private final OkHttpClient http;
    private final OkHttpTelegramClient client;

    /** A client whose calls take at most 30 seconds each. */
    public TelegramBotApi(String token, URI apiUrl) {
        this(token, apiUrl, Duration.ofSeconds(30));
    }

    /**
     * @param callTimeout the deadline of one whole call (connect, write, wait, read); the outbox's
     *     lease must be longer
     */
    public TelegramBotApi(String token, URI apiUrl, Duration callTimeout) {
        this.token = Objects.requireNonNull(token, "token");
        if (token.isBlank()) {
            throw new IllegalArgumentException("the bot token is empty");
        }
        Duration connect = callTimeout.compareTo(Duration.ofSeconds(10)) < 0 ? callTimeout : Duration.ofSeconds(10);
        this.http = new OkHttpClient.Builder()
                .connectTimeout(connect)
                .readTimeout(callTimeout)
                .writeTimeout(callTimeout)
                .callTimeout(callTimeout)
                .retryOnConnectionFailure(false)
                // idle connections are let go before a server would close them under us: with no
                // silent retry, a stale connection would cost a failed attempt and a backoff
                .connectionPool(new ConnectionPool(5, 20, TimeUnit.SECONDS))
                .build();
        this.client = new OkHttpTelegramClient(http, token, telegramUrl(apiUrl));
    }

    /**
     * {@code telegram.api-url} as TelegramBots wants it: scheme, host and port (443 or 80 when the
     * URL has none). A path is refused: TelegramBots always asks for {@code /bot<token>/<method>}.
     */
    public static TelegramUrl telegramUrl(URI apiUrl) {
        Objects.requireNonNull(apiUrl, "apiUrl");
        String scheme = apiUrl.getScheme() == null ? "" : apiUrl.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new IllegalArgumentException("telegram.api-url must be http(s)://host[:port], got " + apiUrl);
        }
        if (apiUrl.getHost() == null) {
            throw new IllegalArgumentException("telegram.api-url has no host: " + apiUrl);
        }
        String path = apiUrl.getPath();
        if (path != null && !path.isEmpty() && !path.equals("/")) {
            throw new IllegalArgumentException("telegram.api-url cannot have a path (" + path
                    + "): the Bot API lives at the server's root");
        }
        int port = apiUrl.getPort() != -1 ? apiUrl.getPort() : scheme.equals("https") ? 443 : 80;
        return new TelegramUrl(scheme, apiUrl.getHost(), port, false);
    }

    /** {@code text} with {@code token}, and anything shaped like a bot token, replaced. */
    public static String redact(String text, String token) {
        if (text == null) {
            return null;
        }
        String s = token == null || token.isEmpty() ? text : text.replace(token, "<token>");
        return TOKEN_LIKE.matcher(s).replaceAll("<token>");
    }

    @Override
    public SendResult execute(Outgoing message, Long resolvedTargetMessageId) {
        try {
            return switch (message) {
                case Outgoing.Send s -> new SendResult.Sent(client.execute(sendMessage(s)).getMessageId());
                case Outgoing.Edit e -> {
                    long target = Objects.requireNonNull(resolvedTargetMessageId, "the message to edit");
                    client.execute(editMessageText(e, target));
                    yield new SendResult.Sent(target);
                }
                case Outgoing.Document d -> {
                    Message m = client.execute(SendDocument.builder()
                            .chatId(d.chatId())
                            .document(new InputFile(new ByteArrayInputStream(d.content()), d.fileName()))
                            .caption(d.caption())
                            .parseMode(d.caption() == null ? null : "HTML")
                            .build());
                    yield new SendResult.Sent(m.getMessageId());
                }
                case Outgoing.Photo p -> {
                    Message m = client.execute(SendPhoto.builder()
                            .chatId(p.chatId())
                            .photo(new InputFile(new ByteArrayInputStream(p.png()), p.fileName()))
                            .caption(p.caption())
                            .parseMode(p.caption() == null ? null : "HTML")
                            .build());
                    yield new SendResult.Sent(m.getMessageId());
                }
            };
        } catch (TelegramApiRequestException e) {
            return mapRequestError(e, message instanceof Outgoing.Edit ? resolvedTargetMessageId : null);
        } catch (TelegramApiValidationException e) {
            return new SendResult.Rejected("invalid request: " + redact(e.getMessage(), token));
        } catch (TelegramApiException e) {
            return new SendResult.Unavailable(networkReason(e));
        } catch (ArithmeticException | IllegalArgumentException | NullPointerException e) {
            return new SendResult.Rejected("cannot build the request: " + redact(e.getMessage(), token));
        } catch (RuntimeException e) {
            return new SendResult.Unavailable("the Bot API client failed: " + redact(e.toString(), token));
        }
    }

    @Override
    public AnswerResult answerCallback(String callbackId, String text, boolean alert) {
        String shown = text;
        if (shown != null && shown.length() > MAX_ANSWER_TEXT) {
            shown = shown.substring(0, MAX_ANSWER_TEXT - 1) + "…";
        }
        try {
            client.execute(AnswerCallbackQuery.builder()
                    .callbackQueryId(callbackId)
                    .text(shown)
                    .showAlert(alert)
                    .build());
            return new AnswerResult.Answered();
        } catch (TelegramApiRequestException e) {
            String reason = redact(e.getErrorCode() + " " + e.getApiResponse(), token);
            log.warn("answerCallbackQuery refused: {}", reason);
            return new AnswerResult.Failed(reason);
        } catch (TelegramApiException e) {
            String reason = networkReason(e);
            log.warn("answerCallbackQuery failed: {}", reason);
            return new AnswerResult.Failed(reason);
        } catch (RuntimeException e) {
            String reason = redact(e.toString(), token);
            log.warn("answerCallbackQuery failed: {}", reason);
            return new AnswerResult.Failed(reason);
        }
    }

    /**
     * Registers the webhook for webhook mode: Telegram then POSTs the updates replydesk handles to
     * {@code url}, with {@code secretToken} in the {@code X-Telegram-Bot-Api-Secret-Token} header,
     * at most {@code maxConnections} at a time. Pending updates are kept.
     *
     * @return empty when Telegram accepted it, else why not (the token redacted)
     */
    public Optional<String> setWebhook(String url, String secretToken, int maxConnections) {
        try {
            client.execute(SetWebhook.builder()
                    .url(url)
                    .secretToken(secretToken)
                    .maxConnections(maxConnections)
                    .allowedUpdates(UpdateHandler.ALLOWED_UPDATES)
                    .dropPendingUpdates(false)
                    .build());
            return Optional.empty();
        } catch (TelegramApiRequestException e) {
            return Optional.of(redact(e.getErrorCode() + " " + e.getApiResponse(), token)
                    .replace(secretToken, "<secret>"));
        } catch (TelegramApiException e) {
            return Optional.of(networkReason(e).replace(secretToken, "<secret>"));
        }
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    // ---- requests ---------------------------------------------------------------------------

    private static SendMessage sendMessage(Outgoing.Send s) {
        return SendMessage.builder()
                .chatId(s.chatId())
                .text(s.html())
                .parseMode("HTML")
                .messageThreadId(s.threadId())
                .replyParameters(s.replyToMessageId() == null ? null : ReplyParameters.builder()
                        .messageId(Math.toIntExact(s.replyToMessageId()))
                        .allowSendingWithoutReply(false)
                        .build())
                .replyMarkup(markup(s.keyboard()))
                .build();
    }

    /**
     * Telegram drops the buttons of a message edited without {@code reply_markup}: a null or empty
     * keyboard here removes them (the outbox passes the known buttons for "leave as is").
     */
    private static EditMessageText editMessageText(Outgoing.Edit e, long target) {
        return EditMessageText.builder()
                .chatId(e.chatId())
                .messageId(Math.toIntExact(target))
                .text(e.html())
                .parseMode("HTML")
                .replyMarkup(markup(e.keyboard()))
                .build();
    }

    private static InlineKeyboardMarkup markup(Keyboard keyboard) {
        if (keyboard == null || keyboard.isEmpty()) {
            return null;
        }
        List<InlineKeyboardRow> rows = new ArrayList<>();
        for (List<Button> row : keyboard.rows()) {
            InlineKeyboardRow r = new InlineKeyboardRow();
            for (Button b : row) {
                r.add(InlineKeyboardButton.builder().text(b.text()).callbackData(b.callbackData()).build());
            }
            rows.add(r);
        }
        return new InlineKeyboardMarkup(rows);
    }

    // ---- outcomes ---------------------------------------------------------------------------

    private SendResult mapRequestError(TelegramApiRequestException e, Long editTarget) {
        Integer code = e.getErrorCode();
        String description = e.getApiResponse() == null ? "" : e.getApiResponse();
        if (code == null) {
            return new SendResult.Unavailable("unreadable answer from the Bot API server: "
                    + redact(e.getMessage() + (e.getCause() == null ? "" : " (" + e.getCause().getMessage() + ")"),
                    token));
        }
        String reason = redact(code + " " + description, token);
        ResponseParameters parameters = e.getParameters();
        if (code == 429) {
            Integer retryAfter = parameters == null ? null : parameters.getRetryAfter();
            return retryAfter == null ? new SendResult.Unavailable(reason + " (no retry_after)")
                    : new SendResult.RetryAfter(Duration.ofSeconds(retryAfter));
        }
        if (code >= 500 || code == 401 || code == 404) {
            return new SendResult.Unavailable(reason);
        }
        if (editTarget != null && code == 400 && description.toLowerCase(Locale.ROOT).contains("message is not modified")) {
            return new SendResult.Sent(editTarget);
        }
        if (parameters != null && parameters.getMigrateToChatId() != null) {
            return new SendResult.Rejected(reason + " (the chat is now " + parameters.getMigrateToChatId() + ")");
        }
        return new SendResult.Rejected(reason);
    }

    private String networkReason(TelegramApiException e) {
        Throwable cause = e.getCause();
        if (cause instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        while (cause != null && cause.getCause() != null && !(cause instanceof IOException)) {
            cause = cause.getCause();
        }
        String what = cause == null ? e.getMessage()
                : cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        return redact("cannot reach the Bot API server: " + what, token);
    }
}
