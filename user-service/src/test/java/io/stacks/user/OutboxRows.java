package io.stacks.user;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The service's `outbox` table, read over plain JDBC with the service's own datasource settings: what is still to
 * be delivered (PENDING) or was given up (DEAD). Delivered events are no longer there.
 */
final class OutboxRows {

    static final String PENDING = "PENDING";
    static final String DEAD = "DEAD";

    record Row(String id, String type, String eventKey, String target, String method, String path, String payload,
            String status, int attempts, String lastError) {
    }

    private OutboxRows() {
    }

    /** The events whose mail goes to the recipient, oldest first. */
    static List<Row> mailTo(String recipient) {
        return select("WHERE LOCATE(?, payload) > 0 ORDER BY created_at", "\"to\":\"" + recipient + "\"");
    }

    static Optional<Row> byId(String id) {
        return select("WHERE id = ?", id).stream().findFirst();
    }

    /** Whether an event for the recipient may still be delivered (it is PENDING, maybe in a delivery right now). */
    static boolean pendingMailTo(String recipient) {
        return mailTo(recipient).stream().anyMatch(row -> PENDING.equals(row.status()));
    }

    private static List<Row> select(String where, String parameter) {
        List<Row> rows = new ArrayList<>();
        try (Connection connection = connect();
                PreparedStatement select = connection.prepareStatement("SELECT id, type, event_key, target, "
                        + "method, path, payload, status, attempts, last_error FROM outbox " + where)) {
            select.setString(1, parameter);
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows.add(new Row(result.getString("id"), result.getString("type"), result.getString("event_key"),
                            result.getString("target"), result.getString("method"), result.getString("path"),
                            result.getString("payload"), result.getString("status"), result.getInt("attempts"),
                            result.getString("last_error")));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the outbox table", e);
        }
        return rows;
    }

    private static Connection connect() throws SQLException {
        Config config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
    }
}
