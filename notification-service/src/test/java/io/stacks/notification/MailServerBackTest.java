package io.stacks.notification;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.stacks.devstack.StandinsTestResource;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The mail server is down at first (the service points at a closed port); the test brings it back. */
@QuarkusTest
@TestProfile(BrokenBackendStandins.SmtpDownUntilRelayed.class)
class MailServerBackTest {

    @Inject
    DynamoDbClient dynamoDb;

    @Test
    void sendsWithTheKeyOfAFailedAttemptOnceTheMailServerIsBack() throws Exception {
        String to = Backstage.newRecipient();
        String key = Backstage.newIdempotencyKey();
        Map<String, Object> request = Backstage.verifyRequest(to);
        send(request, key).statusCode(503).contentType("application/problem+json");
        assertTrue(Backstage.read(to).isEmpty());
        assertNull(Backstage.idempotencyKey(dynamoDb, key), "the key of a mail not sent is free again");

        int mailerPort = ConfigProvider.getConfig().getValue("quarkus.mailer.port", Integer.class);
        try (TcpRelay smtp = TcpRelay.open(mailerPort, StandinsTestResource.backends().smtpPort())) {
            String id = send(request, key).statusCode(202).body("status", equalTo("SENT")).extract().path("id");

            Backstage.assertInboxHolds(to, 1);
            assertEquals(id, Backstage.idempotencyKey(dynamoDb, key).get("deliveryId").s());
            List<Map<String, AttributeValue>> records = Backstage.deliveriesTo(dynamoDb, to);
            assertEquals(Set.of("FAILED", "SENT"), records.stream().map(record -> record.get("status").s())
                    .collect(Collectors.toSet()), "the failed attempt stays in the log beside the sent mail");
            String failed = records.stream().filter(record -> record.get("status").s().equals("FAILED"))
                    .findFirst().orElseThrow().get("pk").s();
            assertNotEquals("delivery#" + id, failed);
        }
    }

    private static ValidatableResponse send(Map<String, Object> request, String key) {
        return given().auth().oauth2(Backstage.serviceToken()).contentType(ContentType.JSON)
                .header(Backstage.IDEMPOTENCY_KEY, key).body(request)
                .when().post("/internal/mail").then();
    }
}
