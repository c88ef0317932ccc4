package io.stacks.book;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/** Looks into book-service's `outbox` table behind the service, over a JDBC connection of the test's own. */
final class OutboxTable {

    /** The outbox row of one event, as far as tests care. */
    record Row(String id, String type, String status, int attempts, String lastError) {
    }

    private OutboxTable() {
    }

    /** The event recorded for the book (tests use a fresh book each, and delete it once), if it is still there. */
    static Optional<Row> eventOf(String bookId) {
        Config config = ConfigProvider.getConfig();
        try (Connection connection = DriverManager.getConnection(
                config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
                PreparedStatement select = connection.prepareStatement(
                        "SELECT id, type, status, attempts, last_error FROM outbox WHERE event_key = ?")) {
            select.setString(1, bookId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(new Row(rows.getString("id"), rows.getString("type"),
                        rows.getString("status"), rows.getInt("attempts"), rows.getString("last_error")))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the outbox table", e);
        }
    }
}
