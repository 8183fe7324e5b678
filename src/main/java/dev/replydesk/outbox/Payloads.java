package dev.replydesk.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Outgoing messages as the JSON kept in {@code outbox.payload} (file bytes go to
 * {@code outbox.content}). Written by hand, field by field, so a rename in a record never makes
 * rows written by an older version unreadable.
 */
final class Payloads {
    static final String SEND = "SEND";
    static final String EDIT = "EDIT";
    static final String DOCUMENT = "DOCUMENT";
    static final String PHOTO = "PHOTO";

    private final ObjectMapper json = new ObjectMapper();

    static String kind(Outgoing m) {
        return switch (m) {
            case Outgoing.Send s -> SEND;
            case Outgoing.Edit e -> EDIT;
            case Outgoing.Document d -> DOCUMENT;
            case Outgoing.Photo p -> PHOTO;
        };
    }

    static byte[] content(Outgoing m) {
        return switch (m) {
            case Outgoing.Document d -> d.content();
            case Outgoing.Photo p -> p.png();
            default -> null;
        };
    }

    String toJson(Outgoing m) {
        ObjectNode o = json.createObjectNode();
        switch (m) {
            case Outgoing.Send s -> {
                o.put("html", s.html());
                putIfSet(o, "threadId", s.threadId() == null ? null : s.threadId().longValue());
                putIfSet(o, "replyTo", s.replyToMessageId());
                if (s.keyboard() != null) {
                    o.set("keyboard", keyboardNode(s.keyboard()));
                }
            }
            case Outgoing.Edit e -> {
                o.put("html", e.html());
                switch (e.target()) {
                    case MessageRef.Message ref -> o.put("targetMessageId", ref.messageId());
                    case MessageRef.OutboxRow ref -> o.put("targetRow", ref.outboxId());
                }
                if (e.keyboard() != null) {
                    o.set("keyboard", keyboardNode(e.keyboard()));
                }
            }
            case Outgoing.Document d -> {
                o.put("fileName", d.fileName());
                o.put("caption", d.caption());
            }
            case Outgoing.Photo p -> {
                o.put("fileName", p.fileName());
                o.put("caption", p.caption());
            }
        }
        return write(o);
    }

    Outgoing fromJson(long chatId, String kind, String payload, byte[] content) {
        JsonNode o = read(payload);
        return switch (kind) {
            case SEND -> new Outgoing.Send(chatId,
                    o.hasNonNull("threadId") ? o.get("threadId").intValue() : null,
                    o.get("html").asText(),
                    o.hasNonNull("replyTo") ? o.get("replyTo").longValue() : null,
                    o.hasNonNull("keyboard") ? keyboard(o.get("keyboard")) : null);
            case EDIT -> new Outgoing.Edit(chatId,
                    o.hasNonNull("targetRow") ? MessageRef.outboxRow(o.get("targetRow").longValue())
                            : MessageRef.message(o.get("targetMessageId").longValue()),
                    o.get("html").asText(),
                    o.hasNonNull("keyboard") ? keyboard(o.get("keyboard")) : null);
            case DOCUMENT -> new Outgoing.Document(chatId, o.get("fileName").asText(), content,
                    o.hasNonNull("caption") ? o.get("caption").asText() : null);
            case PHOTO -> new Outgoing.Photo(chatId, o.get("fileName").asText(), content,
                    o.hasNonNull("caption") ? o.get("caption").asText() : null);
            default -> throw new IllegalStateException("unknown outbox kind " + kind);
        };
    }

    String keyboardJson(Keyboard k) {
        return write(keyboardNode(k));
    }

    Keyboard keyboardFromJson(String s) {
        return keyboard(read(s));
    }

    private ArrayNode keyboardNode(Keyboard k) {
        ArrayNode rows = json.createArrayNode();
        for (List<Button> row : k.rows()) {
            ArrayNode r = rows.addArray();
            for (Button b : row) {
                r.addObject().put("text", b.text()).put("data", b.callbackData());
            }
        }
        return rows;
    }

    private static Keyboard keyboard(JsonNode rows) {
        List<List<Button>> out = new ArrayList<>();
        for (JsonNode r : rows) {
            List<Button> row = new ArrayList<>();
            for (JsonNode b : r) {
                row.add(new Button(b.get("text").asText(), b.get("data").asText()));
            }
            out.add(row);
        }
        return new Keyboard(out);
    }

    private static void putIfSet(ObjectNode o, String field, Long value) {
        if (value != null) {
            o.put(field, value);
        }
    }

    private String write(JsonNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode read(String s) {
        try {
            return json.readTree(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable outbox payload: " + e.getOriginalMessage(), e);
        }
    }
}
