package io.stacks.user;

import static io.restassured.RestAssured.given;
import static io.stacks.user.TestAccounts.PASSWORD;
import static io.stacks.user.TestAccounts.credentials;
import static io.stacks.user.TestAccounts.newUsername;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.stacks.user.NotificationServiceStub.Mode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How mail leaves user-service: through the transactional outbox, after commit, retried until it is taken. */
@QuarkusTest
class MailDeliveryTest {

    @AfterEach
    void answerMailNormally() {
        MailStub.answer(Mode.ACCEPT);
    }

    @Test
    void removesOutboxEventOnceMailIsDelivered() {
        String username = newUsername();
        TestAccounts.register(username);
        Map<String, Object> call = MailStub.callsTo(username).get(0);
        String eventId = (String) call.get("idempotencyKey");
        assertNotNull(eventId, "the delivery names its event");
        assertEquals(Optional.empty(), OutboxRows.byId(eventId));
        assertEquals(List.of(), OutboxRows.mailTo(username));
    }

    @Test
    void keepsMailPendingWithItsErrorWhileNotificationServiceFails() {
        String username = newUsername();
        MailStub.answer(Mode.FAIL);
        TestAccounts.register(username);
        MailStub.awaitCalls(username, 1, MailStub.answeredWith(Mode.FAIL));
        OutboxRows.Row row = Eventually.await("the failed attempt to be noted", () -> OutboxRows.mailTo(username),
                rows -> rows.size() == 1 && rows.get(0).lastError() != null).get(0);
        assertEquals(OutboxRows.PENDING, row.status());
        assertTrue(row.attempts() >= 1, row.toString());
        assertTrue(row.lastError().contains("HTTP 500"), row.lastError());
    }

    @Test
    void recordsVerificationMailAsPostToNotificationService() {
        String username = newUsername();
        MailStub.answer(Mode.FAIL);
        String id = TestAccounts.register(username);
        OutboxRows.Row row = OutboxRows.mailTo(username).get(0); // still there: delivery keeps failing
        assertEquals("mail.verify", row.type());
        assertEquals(id, row.eventKey());
        assertEquals("notification-service", row.target());
        assertEquals("POST", row.method());
        assertEquals("/internal/mail", row.path());
    }

    @Test
    void sendsMailAsJson() {
        String username = newUsername();
        TestAccounts.register(username);
        Map<String, Object> call = MailStub.callsTo(username).get(0);
        assertEquals("POST", call.get("method"));
        assertTrue(String.valueOf(call.get("contentType")).startsWith("application/json"), call.toString());
        assertEquals(username, MailStub.mail(call).get("to"));
    }

    @Test
    void retriesMailWithTheSameIdempotencyKey() {
        String username = newUsername();
        MailStub.answer(Mode.FAIL);
        TestAccounts.register(username);
        MailStub.awaitCalls(username, 2, MailStub.answeredWith(Mode.FAIL));
        MailStub.answer(Mode.ACCEPT);
        List<Map<String, Object>> calls = MailStub.callsTo(username);
        assertTrue(calls.size() >= 3, "two failures and a delivery: " + calls);
        assertEquals("ACCEPT", calls.get(calls.size() - 1).get("mode"));
        List<Object> keys = calls.stream().map(call -> call.get("idempotencyKey")).distinct().toList();
        assertEquals(1, keys.size(), keys.toString());
        assertNotNull(keys.get(0));
    }

    @Test
    void sendsEachMailWithItsOwnIdempotencyKey() {
        String first = newUsername();
        String second = newUsername();
        TestAccounts.register(first);
        TestAccounts.register(second);
        Object firstKey = MailStub.callsTo(first).get(0).get("idempotencyKey");
        Object secondKey = MailStub.callsTo(second).get(0).get("idempotencyKey");
        assertNotNull(firstKey);
        assertNotEquals(firstKey, secondKey);
    }

    @Test
    void sendsVerificationAndResetMailWithDifferentIdempotencyKeys() {
        String username = newUsername();
        TestAccounts.register(username);
        given().contentType(ContentType.JSON).body(Map.of("username", username))
                .when().post("/reset")
                .then().statusCode(202);
        List<Map<String, Object>> calls = MailStub.callsTo(username);
        assertEquals(2, calls.size(), calls.toString());
        assertNotEquals(calls.get(0).get("idempotencyKey"), calls.get(1).get("idempotencyKey"));
    }

    @Test
    void passesSignUpRequestIdToMailDelivery() {
        String username = newUsername();
        String requestId = "signup-" + UUID.randomUUID();
        given().contentType(ContentType.JSON).header("X-Request-Id", requestId)
                .body(credentials(username, PASSWORD))
                .when().post("/user/register")
                .then().statusCode(201);
        assertEquals(requestId, MailStub.callsTo(username).get(0).get("requestId"));
    }

    @Test
    void marksMailDeadWhenNotificationServiceRefusesItForGood() {
        String username = newUsername();
        MailStub.answer(Mode.REJECT);
        TestAccounts.register(username);
        OutboxRows.Row row = awaitDead(username);
        assertTrue(row.lastError() != null && row.lastError().contains("HTTP 400"), String.valueOf(row.lastError()));
        assertEquals(1, row.attempts());
    }

    @Test
    void doesNotRetryMailNotificationServiceRefusedForGood() {
        String username = newUsername();
        MailStub.answer(Mode.REJECT);
        TestAccounts.register(username);
        awaitDead(username);
        MailStub.answer(Mode.ACCEPT);
        assertEquals(1, MailStub.callsTo(username).size(), "a refusal is final");
    }

    @Test
    void countsDeadMailInMetrics() {
        double before = metric(DEAD_MAIL);
        String username = newUsername();
        MailStub.answer(Mode.REJECT);
        TestAccounts.register(username);
        awaitDead(username);
        assertTrue(metric(DEAD_MAIL) >= before + 1, "stacks_outbox_dead_total went from " + before);
    }

    @Test
    void reportsDeadEventsAsGauge() {
        String username = newUsername();
        MailStub.answer(Mode.REJECT);
        TestAccounts.register(username);
        awaitDead(username);
        Eventually.await("the dead-events gauge to count the event", () -> metric(DEAD_EVENTS), dead -> dead >= 1);
    }

    @Test
    void countsDeliveredMailInMetrics() {
        double before = metric(DELIVERED_MAIL);
        String username = newUsername();
        TestAccounts.register(username);
        MailStub.callsTo(username);
        Eventually.await("stacks_outbox_delivered_total to count the mail", () -> metric(DELIVERED_MAIL),
                delivered -> delivered >= before + 1);
    }

    @Test
    void timesDeliveryDelayInMetrics() {
        String username = newUsername();
        TestAccounts.register(username);
        MailStub.callsTo(username);
        Eventually.await("stacks_outbox_delivery_delay_seconds_count to count the delivery",
                () -> metric(DELIVERY_DELAY_COUNT), count -> count >= 1);
    }

    private static final Pattern DEAD_MAIL = sample("stacks_outbox_dead_total", "type=\"mail.verify\"");
    private static final Pattern DELIVERED_MAIL = sample("stacks_outbox_delivered_total", "type=\"mail.verify\"");
    private static final Pattern DEAD_EVENTS = sample("stacks_outbox_events", "status=\"dead\"");
    private static final Pattern DELIVERY_DELAY_COUNT = Pattern.compile(
            "(?m)^stacks_outbox_delivery_delay_seconds_count(?:\\{[^}]*})? ([0-9.eE+-]+)$");

    /** A Prometheus sample line of the metric whose labels include the given one. */
    private static Pattern sample(String name, String label) {
        return Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{[^}]*" + Pattern.quote(label)
                + "[^}]*} ([0-9.eE+-]+)$");
    }

    /** The sample's value in /q/metrics, 0 while the metric has not been registered yet. */
    private static double metric(Pattern sample) {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher matcher = sample.matcher(metrics);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }

    private static OutboxRows.Row awaitDead(String username) {
        return Eventually.await("the refused mail to be marked DEAD", () -> OutboxRows.mailTo(username),
                rows -> rows.size() == 1 && OutboxRows.DEAD.equals(rows.get(0).status())).get(0);
    }
}
