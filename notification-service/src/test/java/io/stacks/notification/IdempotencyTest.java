package io.stacks.notification;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The Idempotency-Key header: user-service's outbox may deliver the same mail request twice, and each key sends
 * at most one mail. Runs against the module-wide stand-ins (declared on MailResourceTest).
 */
@QuarkusTest
class IdempotencyTest {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    DynamoDbClient dynamoDb;

    @TestHTTPResource("/internal/mail")
    URI mailEndpoint;

    @Test
    void sendsOneMailForARepeatedIdempotencyKey() {
        String to = Backstage.newRecipient();
        String key = Backstage.newIdempotencyKey();
        Map<String, Object> request = Backstage.verifyRequest(to);

        String first = send(request, key).statusCode(202).extract().path("id");
        String repeated = send(request, key).statusCode(202).extract().path("id");

        assertEquals(first, repeated);
        Backstage.assertInboxHolds(to, 1);
    }

    @Test
    void answersARepeatedKeyWithTheFirstDeliveryRecordedSent() {
        String to = Backstage.newRecipient();
        String key = Backstage.newIdempotencyKey();
        Map<String, Object> request = Backstage.verifyRequest(to);
        String first = send(request, key).statusCode(202).body("status", equalTo("SENT")).extract().path("id");

        send(request, key).statusCode(202).contentType(ContentType.JSON)
                .body("id", equalTo(first)).body("status", equalTo("SENT"));

        List<Map<String, AttributeValue>> records = Backstage.deliveriesTo(dynamoDb, to);
        assertEquals(1, records.size(), "delivery records for " + to);
        assertEquals("delivery#" + first, records.get(0).get("pk").s());
        assertEquals("SENT", records.get(0).get("status").s());
    }

    @Test
    void answersARepeatedKeyWithTheFirstDeliveryStatusAsRecorded() {
        // The first mail went out but its record could not be marked SENT (the log failed after the send):
        // the repeated request reports the record as it stands and still sends nothing.
        String to = Backstage.newRecipient();
        String key = Backstage.newIdempotencyKey();
        Map<String, Object> request = Backstage.verifyRequest(to);
        String first = send(request, key).statusCode(202).extract().path("id");
        dynamoDb.updateItem(update -> update.tableName(Backstage.DELIVERIES_TABLE)
                .key(Map.of("pk", AttributeValue.fromS("delivery#" + first)))
                .updateExpression("SET #status = :pending REMOVE sentAt")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":pending", AttributeValue.fromS("PENDING"))));

        send(request, key).statusCode(202).body("id", equalTo(first)).body("status", equalTo("PENDING"));

        Backstage.assertInboxHolds(to, 1);
    }

    @Test
    void keepsTheKeyForTheFirstDeliveryUntilItsRecordExpires() {
        String key = Backstage.newIdempotencyKey();
        String first = send(Backstage.verifyRequest(Backstage.newRecipient()), key).statusCode(202)
                .extract().path("id");

        Map<String, AttributeValue> claim = Backstage.idempotencyKey(dynamoDb, key);
        assertEquals(first, claim.get("deliveryId").s());
        assertEquals(Backstage.delivery(dynamoDb, first).get("expiresAt").n(), claim.get("expiresAt").n());
    }

    @Test
    void sendsOneMailPerDistinctIdempotencyKey() {
        String to = Backstage.newRecipient();
        Map<String, Object> request = Backstage.verifyRequest(to);

        String first = send(request, Backstage.newIdempotencyKey()).statusCode(202).extract().path("id");
        String second = send(request, Backstage.newIdempotencyKey()).statusCode(202).extract().path("id");

        assertNotEquals(first, second);
        Backstage.assertInboxHolds(to, 2);
    }

    @Test
    void sendsEveryRequestWithoutIdempotencyKey() {
        String to = Backstage.newRecipient();
        Map<String, Object> request = Backstage.verifyRequest(to);

        String first = send(request, null).statusCode(202).body("status", equalTo("SENT")).extract().path("id");
        String second = send(request, null).statusCode(202).body("status", equalTo("SENT")).extract().path("id");

        assertNotEquals(first, second);
        Backstage.assertInboxHolds(to, 2);
    }

    @Test
    void sendsOneMailForConcurrentRequestsWithTheSameKey() throws Exception {
        String to = Backstage.newRecipient();
        String key = Backstage.newIdempotencyKey();
        String body = "{\"to\":\"" + to + "\",\"template\":\"verify\",\"variables\":{\"link\":\""
                + Backstage.verifyLink() + "\"}}";
        HttpRequest request = HttpRequest.newBuilder(mailEndpoint).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + Backstage.serviceToken())
                .header("Content-Type", "application/json").header(Backstage.IDEMPOTENCY_KEY, key)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        int callers = 4;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        List<HttpResponse<String>> responses = new ArrayList<>();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try {
            List<Future<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                calls.add(pool.submit(() -> {
                    start.await();
                    return client.send(request, HttpResponse.BodyHandlers.ofString());
                }));
            }
            start.countDown();
            for (Future<HttpResponse<String>> call : calls) {
                responses.add(call.get(30, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }

        for (HttpResponse<String> response : responses) {
            assertEquals(202, response.statusCode(), response.body());
        }
        Set<String> ids = responses.stream().map(response -> JsonPath.from(response.body()).getString("id"))
                .collect(Collectors.toSet());
        assertEquals(1, ids.size(), "delivery ids " + ids);
        Backstage.assertInboxHolds(to, 1);
    }

    @Test
    void acceptsIdempotencyKeyOf128Characters() {
        String to = Backstage.newRecipient();
        String key = (Backstage.newIdempotencyKey() + "k".repeat(128)).substring(0, 128);
        send(Backstage.verifyRequest(to), key).statusCode(202).body("status", equalTo("SENT"));
        Backstage.assertInboxHolds(to, 1);
    }

    @Test
    void rejectsIdempotencyKeyLongerThan128Characters() {
        String to = Backstage.newRecipient();
        send(Backstage.verifyRequest(to), "k".repeat(129))
                .statusCode(400).contentType(PROBLEM).body("status", equalTo(400))
                .body("detail", containsString("128"))
                .body("errors.'Idempotency-Key'", containsString("1 to 128"));
        assertTrue(Backstage.read(to).isEmpty());
    }

    @Test
    void rejectsEmptyIdempotencyKey() {
        String to = Backstage.newRecipient();
        send(Backstage.verifyRequest(to), "")
                .statusCode(400).contentType(PROBLEM).body("status", equalTo(400));
        assertTrue(Backstage.read(to).isEmpty());
    }

    @Test
    void leavesTheKeyOfARejectedRequestFree() {
        String to = Backstage.newRecipient();
        String key = Backstage.newIdempotencyKey();
        send(Map.of("to", to, "template", "verify", "variables", Map.of()), key).statusCode(400);

        send(Backstage.verifyRequest(to), key).statusCode(202).body("status", equalTo("SENT"));
        Backstage.assertInboxHolds(to, 1);
    }

    private static ValidatableResponse send(Map<String, Object> request, String idempotencyKey) {
        var call = given().auth().oauth2(Backstage.serviceToken()).contentType(ContentType.JSON).body(request);
        if (idempotencyKey != null) {
            call.header(Backstage.IDEMPOTENCY_KEY, idempotencyKey);
        }
        return call.when().post("/internal/mail").then();
    }
}
