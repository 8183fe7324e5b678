package dev.replydesk.storage;

import java.sql.Connection;
import java.sql.SQLException;
import org.h2.api.Trigger;

/**
 * H2 trigger that refuses DELETE: comments, their versions and the audit trail are kept
 * forever. PostgreSQL gets the same rule from a PL/pgSQL trigger in its own migration.
 */
public final class RefuseDelete implements Trigger {
    private String table = "?";

    @Override
    public void init(Connection conn, String schemaName, String triggerName, String tableName,
            boolean before, int type) {
        this.table = tableName;
    }

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        throw new SQLException("replydesk never deletes: DELETE on " + table + " is refused", "42501");
    }
}
