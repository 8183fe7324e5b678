package dev.replydesk.telegram;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.replydesk.inbox.Event;
import dev.replydesk.inbox.Intake;
import dev.replydesk.outbox.BotApi;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * One update as Telegram sends it, from polling or the webhook, into the intake: parsed on its
 * own (a malformed one is recorded and skipped, never blocking the rest), handled in one
 * transaction, and a button press answered. A {@link dev.replydesk.storage.StorageException}
 * propagates: the update is then not acknowledged and comes again.
 *
 * <p>Texts are scrubbed of what PostgreSQL cannot store in a text column (NUL, unpaired UTF-16
 * surrogates; both become U+FFFD), so such a message cannot stall intake there.
 */
final class UpdateHandler {
    private static final Logger log = LoggerFactory.getLogger(UpdateHandler.class);
    /** The kinds of update replydesk asks Telegram for, by polling and by webhook. */
    static final List<String> ALLOWED_UPDATES = List.of("message", "edited_message", "callback_query");
    private static final Pattern UPDATE_ID = Pattern.compile("\"update_id\"\\s*:\\s*(\\d{1,18})");

    private final Intake intake;
    private final BotApi botApi;
    private final UnaryOperator<String> redact;
    private final ObjectMapper mapper = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    UpdateHandler(Intake intake, BotApi botApi, UnaryOperator<String> redact) {
        this.intake = intake;
        this.botApi = botApi;
        this.redact = redact;
    }

    ObjectMapper mapper() {
        return mapper;
    }

    /** Handles one update; returns what it came to. */
    String handle(JsonNode node) {
        long updateId = node.path("update_id").asLong(-1);
        JsonNode clean = scrub(node);
        String raw = clean.toString();
        if (updateId < 0) {
            log.error("an update without update_id was skipped: {}", abbreviate(raw));
            return "skipped: no update_id";
        }
        Event event;
        try {
            Update update = mapper.treeToValue(clean, Update.class);
            event = UpdateMapper.map(update);
        } catch (IOException | RuntimeException e) {
            log.error("update {} is malformed and was recorded, not handled: {}", updateId, e.getMessage());
            intake.recordUnreadable(updateId, String.valueOf(e.getMessage()), raw);
            return "unreadable";
        }
        if (event == null) {
            intake.recordUnreadable(updateId, "message without chat or id", raw);
            return "unreadable";
        }
        Intake.Result result = intake.handle(event, raw);
        log.debug("update {}: {}", updateId, result.outcome());
        if (event instanceof Event.Callback cb && result.callbackAnswer().isPresent()) {
            Intake.CallbackAnswer a = result.callbackAnswer().get();
            try {
                botApi.answerCallback(cb.callbackId(), a.text(), a.alert());
            } catch (RuntimeException e) {
                log.warn("answerCallbackQuery failed: {}", redact.apply(String.valueOf(e)));
            }
        }
        return result.outcome();
    }

    /**
     * Handles a getUpdates batch as {@link Intake#handleBatch}: one transaction, each update
     * parsed and kept to itself as in {@link #handle}; the button presses among them are answered
     * after the commit. When the intake stopped early (the store failed, or an update must wait),
     * what came before is committed and answered, and the reason is thrown: the rest is fetched
     * again.
     */
    void handleBatch(List<JsonNode> nodes) {
        List<Intake.Incoming> batch = new java.util.ArrayList<>(nodes.size());
        for (JsonNode node : nodes) {
            long updateId = node.path("update_id").asLong(-1);
            JsonNode clean = scrub(node);
            if (updateId < 0) {
                log.error("an update without update_id was skipped: {}", abbreviate(clean.toString()));
                continue;
            }
            try {
                Event event = UpdateMapper.map(mapper.treeToValue(clean, Update.class));
                // written out only if it is to be kept as it came
                batch.add(event == null ? Intake.Incoming.unreadable(updateId, "message without chat or id",
                        clean.toString()) : Intake.Incoming.of(event, clean::toString));
            } catch (IOException | RuntimeException e) {
                log.error("update {} is malformed and was recorded, not handled: {}", updateId, e.getMessage());
                batch.add(Intake.Incoming.unreadable(updateId, String.valueOf(e.getMessage()), clean.toString()));
            }
        }
        if (batch.isEmpty()) {
            return;
        }
        Intake.Batch done = intake.handleBatch(batch);
        for (int i = 0; i < done.results().size(); i++) {
            Intake.Result result = done.results().get(i);
            log.debug("update {}: {}", batch.get(i).updateId(), result.outcome());
            if (batch.get(i).event() instanceof Event.Callback cb && result.callbackAnswer().isPresent()) {
                Intake.CallbackAnswer a = result.callbackAnswer().get();
                try {
                    botApi.answerCallback(cb.callbackId(), a.text(), a.alert());
                } catch (RuntimeException e) {
                    log.warn("answerCallbackQuery failed: {}", redact.apply(String.valueOf(e)));
                }
            }
        }
        if (done.stoppedBy() != null) {
            throw done.stoppedBy();
        }
    }

    /**
     * A body that is not JSON at all: recorded against its update id when one can be read from
     * it, else only logged. Returns what it came to.
     */
    String handleUnparsable(String body, String reason) {
        Matcher m = UPDATE_ID.matcher(body);
        if (m.find()) {
            long updateId = Long.parseLong(m.group(1));
            log.error("update {} is not valid JSON and was recorded, not handled: {}", updateId, reason);
            intake.recordUnreadable(updateId, "not JSON: " + reason, scrub(body));
            return "unreadable";
        }
        log.error("a body that is not JSON and names no update_id was skipped ({}): {}", reason, abbreviate(body));
        return "skipped: not JSON";
    }

    static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }

    /** The tree with every text scrubbed; {@code node} itself where nothing needed it. */
    static JsonNode scrub(JsonNode node) {
        if (node.isTextual()) {
            String t = node.textValue();
            String s = scrub(t);
            return s == t ? node : TextNode.valueOf(s);
        }
        if (node instanceof ObjectNode o) {
            ObjectNode copy = null;
            for (Map.Entry<String, JsonNode> e : o.properties()) {
                JsonNode v = scrub(e.getValue());
                if (v != e.getValue()) {
                    if (copy == null) {
                        copy = o.deepCopy();
                    }
                    copy.set(e.getKey(), v);
                }
            }
            return copy == null ? node : copy;
        }
        if (node instanceof ArrayNode a) {
            ArrayNode copy = null;
            for (int i = 0; i < a.size(); i++) {
                JsonNode v = scrub(a.get(i));
                if (v != a.get(i)) {
                    if (copy == null) {
                        copy = a.deepCopy();
                    }
                    copy.set(i, v);
                }
            }
            return copy == null ? node : copy;
        }
        return node;
    }

    /** {@code s} without NUL and unpaired surrogates (U+FFFD instead); {@code s} itself when clean. */
    static String scrub(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean bad;
            if (c == '\0') {
                bad = true;
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    if (sb != null) {
                        sb.append(c).append(s.charAt(i + 1));
                    }
                    i++;
                    continue;
                }
                bad = true;
            } else {
                bad = Character.isLowSurrogate(c);
            }
            if (bad && sb == null) {
                sb = new StringBuilder(s.length()).append(s, 0, i);
            }
            if (sb != null) {
                sb.append(bad ? '\uFFFD' : c);
            }
        }
        return sb == null ? s : sb.toString();
    }
}
