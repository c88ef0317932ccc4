package io.stacks.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * The `outbox` table, over plain JDBC on the service's datasource, so that a row is written on the connection of
 * the caller's transaction. Times are stored as UTC. Only the relay's own short transactions call the claim and
 * outcome methods.
 */
@ApplicationScoped
public class OutboxStore {

    static final String PENDING = "PENDING";
    static final String DEAD = "DEAD";

    private final DataSource dataSource;

    OutboxStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    void insert(String id, PeerRequest request, String requestId, Instant now) {
        update("INSERT INTO outbox (id, type, event_key, target, method, path, payload, request_id, status, attempts, "
                + "next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)", id, request.type(),
                request.key(), request.target(), request.method(), request.path(), request.payload(), requestId,
                PENDING, utc(now), utc(now));
    }

    /**
     * Takes up to {@code limit} due events for this relay: they are locked with SKIP LOCKED (another relay takes
     * others), counted as an attempt and hidden from every relay until {@code leaseUntil}. Call in a transaction.
     */
    List<OutboxEvent> claimDue(Instant now, Instant leaseUntil, int limit) {
        List<OutboxEvent> events = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT id, type, event_key, target, method, "
                        + "path, payload, request_id, attempts, created_at FROM outbox WHERE status = ? AND "
                        + "next_attempt_at <= ? ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED")) {
            select.setString(1, PENDING);
            select.setObject(2, utc(now));
            select.setInt(3, limit);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    events.add(new OutboxEvent(rows.getString("id"), new PeerRequest(rows.getString("type"),
                            rows.getString("event_key"), rows.getString("target"), rows.getString("method"),
                            rows.getString("path"), rows.getString("payload")), rows.getString("request_id"),
                            rows.getInt("attempts") + 1,
                            rows.getObject("created_at", LocalDateTime.class).toInstant(ZoneOffset.UTC)));
                }
            }
        } catch (SQLException e) {
            throw new OutboxException("could not claim outbox events", e);
        }
        for (OutboxEvent event : events) {
            update("UPDATE outbox SET attempts = ?, next_attempt_at = ? WHERE id = ?", event.attempts(),
                    utc(leaseUntil), event.id());
        }
        return events;
    }

    /** A delivered event leaves the table: its payload (a mail link, say) is kept no longer than needed. */
    void delivered(String id) {
        update("DELETE FROM outbox WHERE id = ?", id);
    }

    /**
     * Only while the event is still this attempt's: a relay whose lease ran out must not undo a newer one.
     *
     * @return whether it was still this attempt's (and so was changed)
     */
    boolean retryAt(OutboxEvent event, Instant at, String error) {
        return update("UPDATE outbox SET next_attempt_at = ?, last_error = ? WHERE id = ? AND attempts = ?",
                utc(at), truncate(error), event.id(), event.attempts()) == 1;
    }

    /** @return whether it was still this attempt's (and so is now DEAD) */
    boolean dead(OutboxEvent event, String error) {
        return update("UPDATE outbox SET status = ?, last_error = ? WHERE id = ? AND attempts = ?", DEAD,
                truncate(error), event.id(), event.attempts()) == 1;
    }

    /** How many events are in each status (PENDING, DEAD). */
    Map<String, Long> countByStatus() {
        Map<String, Long> counts = new TreeMap<>(Map.of(PENDING, 0L, DEAD, 0L));
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT status, COUNT(*) FROM outbox GROUP BY status");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                counts.put(rows.getString(1), rows.getLong(2));
            }
        } catch (SQLException e) {
            throw new OutboxException("could not count outbox events", e);
        }
        return counts;
    }

    private int update(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new OutboxException("outbox update failed", e);
        }
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static String truncate(String error) {
        return error == null || error.length() <= 1000 ? error : error.substring(0, 1000);
    }
}
