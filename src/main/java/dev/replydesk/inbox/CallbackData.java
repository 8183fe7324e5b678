package dev.replydesk.inbox;

import java.util.Optional;

/**
 * Callback data of the card buttons: an action code and ids, never a payload, always within
 * Telegram's 64 bytes. Parsed strictly: anything else is refused as forged.
 */
record CallbackData(String action, long commentId, int arg) {
    static final String TAKE = "tk";
    static final String ELSEWHERE = "ae";
    static final String NO_ANSWER = "na";
    static final String SUGGESTION = "sg";
    static final String REOPEN = "ro";
    static final String RELABEL = "rl";
    static final String SET_LABEL = "sl";
    static final String SEND_ANYWAY = "sa";
    static final String EDIT = "ed";
    static final String CANCEL = "cx";
    static final String SEND_DRAFT = "sd";
    static final String START_CLOCK = "sc";

    static String take(long id) {
        return TAKE + ":" + id;
    }

    static String elsewhere(long id) {
        return ELSEWHERE + ":" + id;
    }

    static String noAnswer(long id) {
        return NO_ANSWER + ":" + id;
    }

    static String suggestion(long id, int index) {
        return SUGGESTION + ":" + id + ":" + index;
    }

    static String reopen(long id) {
        return REOPEN + ":" + id;
    }

    static String relabel(long id) {
        return RELABEL + ":" + id;
    }

    static String setLabel(long id, int labelIndex) {
        return SET_LABEL + ":" + id + ":" + labelIndex;
    }

    /** For draft buttons the id is the reply's id. */
    static String sendAnyway(long replyId) {
        return SEND_ANYWAY + ":" + replyId;
    }

    static String edit(long replyId) {
        return EDIT + ":" + replyId;
    }

    static String sendDraft(long replyId) {
        return SEND_DRAFT + ":" + replyId;
    }

    static String startClock(long commentId) {
        return START_CLOCK + ":" + commentId;
    }

    static String cancel(long replyId) {
        return CANCEL + ":" + replyId;
    }

    static Optional<CallbackData> parse(String data) {
        if (data == null || data.length() > 64) {
            return Optional.empty();
        }
        String[] parts = data.split(":", -1);
        if (parts.length < 2 || parts.length > 3) {
            return Optional.empty();
        }
        try {
            long id = Long.parseLong(parts[1]);
            int arg = parts.length == 3 ? Integer.parseInt(parts[2]) : -1;
            if (id <= 0 || (parts.length == 3 && arg < 0)) {
                return Optional.empty();
            }
            return switch (parts[0]) {
                case TAKE, ELSEWHERE, NO_ANSWER, REOPEN, RELABEL, SEND_ANYWAY, EDIT, CANCEL, SEND_DRAFT, START_CLOCK ->
                        parts.length == 2 ? Optional.of(new CallbackData(parts[0], id, -1)) : Optional.empty();
                case SUGGESTION, SET_LABEL ->
                        parts.length == 3 ? Optional.of(new CallbackData(parts[0], id, arg)) : Optional.empty();
                default -> Optional.empty();
            };
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
