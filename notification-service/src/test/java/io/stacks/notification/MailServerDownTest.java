package io.stacks.notification;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

@QuarkusTest
@TestProfile(BrokenBackendStandins.SmtpDown.class)
class MailServerDownTest {

    @Inject
    DynamoDbClient dynamoDb;

    @Test
    void answers503AndRecordsDeliveryFailed() {
        String to = Backstage.newRecipient();
        given().auth().oauth2(Backstage.serviceToken()).contentType(ContentType.JSON)
                .body(Map.of("to", to, "template", "verify", "variables", Map.of("link", Backstage.verifyLink())))
                .when().post("/internal/mail")
                .then().statusCode(503).contentType("application/problem+json")
                .header("Retry-After", notNullValue()).body("status", equalTo(503));

        ScanResponse records = dynamoDb.scan(scan -> scan.tableName("stacks-notification-deliveries")
                .filterExpression("#to = :to").expressionAttributeNames(Map.of("#to", "to"))
                .expressionAttributeValues(Map.of(":to", AttributeValue.fromS(to))));
        assertEquals(1, records.count());
        Map<String, AttributeValue> record = records.items().get(0);
        assertEquals("FAILED", record.get("status").s());
        assertTrue(record.get("error").s().contains("Exception"), record.get("error").s());
        assertEquals(List.of(), Backstage.read(to));
    }

    @Test
    void freesTheIdempotencyKeyOfAMailNotSent() {
        String key = Backstage.newIdempotencyKey();
        send(Backstage.verifyRequest(Backstage.newRecipient()), key).statusCode(503);

        assertNull(Backstage.idempotencyKey(dynamoDb, key));
    }

    @Test
    void answers503AgainToARetryWithTheSameKey() {
        String to = Backstage.newRecipient();
        String key = Backstage.newIdempotencyKey();
        Map<String, Object> request = Backstage.verifyRequest(to);
        send(request, key).statusCode(503);

        send(request, key).statusCode(503).contentType("application/problem+json")
                .header("Retry-After", notNullValue());
        assertEquals(2, Backstage.deliveriesTo(dynamoDb, to).stream()
                .filter(record -> record.get("status").s().equals("FAILED")).count());
    }

    @Test
    void isNotReady() {
        given().when().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"));
    }

    private static ValidatableResponse send(Map<String, Object> request, String key) {
        return given().auth().oauth2(Backstage.serviceToken()).contentType(ContentType.JSON)
                .header(Backstage.IDEMPOTENCY_KEY, key).body(request)
                .when().post("/internal/mail").then();
    }
}
