package dev.replydesk.outbox;

import java.util.List;
import java.util.Objects;

/**
 * Inline buttons under a message, row by row. {@link #NONE} (no rows) means no buttons.
 *
 * <p>For an {@link Outgoing.Edit}, a {@code null} keyboard means "leave the buttons as they
 * are" and {@code NONE} means "remove them". Telegram itself drops the buttons of a message whose
 * text is edited without repeating them, so for "leave as is" the outbox repeats the buttons it
 * last put on that message (it knows them for every message it sent or edited).
 */
public record Keyboard(List<List<Button>> rows) {
    public static final Keyboard NONE = new Keyboard(List.of());

    public Keyboard {
        Objects.requireNonNull(rows, "rows");
        rows = rows.stream().map(List::copyOf).toList();
        for (List<Button> row : rows) {
            if (row.isEmpty()) {
                throw new IllegalArgumentException("a keyboard row needs at least one button");
            }
        }
    }

    /** One row of buttons. */
    public static Keyboard row(Button... buttons) {
        return new Keyboard(List.of(List.of(buttons)));
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }
}
