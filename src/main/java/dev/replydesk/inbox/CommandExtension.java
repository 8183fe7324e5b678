package dev.replydesk.inbox;

import dev.replydesk.language.Lang;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/** A slash command another feature adds to the bot (/kb, /kbgaps, /digest, /export). */
public interface CommandExtension {
    /** Who may use it. */
    enum Audience { MODERATORS, MANAGERS, EDITORS }

    Audience audience();

    /** Whether it works in a private chat with the bot. */
    boolean inPrivate();

    /** Whether it works in the moderators' chat. */
    boolean inModeratorsChat();

    /**
     * Runs the command inside the update's transaction.
     *
     * @return the HTML to answer with, or empty to say nothing (the command sent what it had to)
     */
    Optional<String> run(Connection c, long userId, long chatId, String args, Lang lang) throws SQLException;
}
