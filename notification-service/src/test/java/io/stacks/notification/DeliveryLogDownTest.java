package io.stacks.notification;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(BrokenBackendStandins.DynamoDbDown.class)
class DeliveryLogDownTest {

    @Test
    void answers503AndSendsNothing() {
        String to = Backstage.newRecipient();
        given().auth().oauth2(Backstage.serviceToken()).contentType(ContentType.JSON)
                .body(Map.of("to", to, "template", "reset", "variables", Map.of("link", Backstage.verifyLink())))
                .when().post("/internal/mail")
                .then().statusCode(503).contentType("application/problem+json")
                .header("Retry-After", notNullValue()).body("status", equalTo(503));
        assertTrue(Backstage.read(to).isEmpty());
    }

    @Test
    void answers503ToARequestWithAnIdempotencyKeyAndSendsNothing() {
        // Claiming the key fails, and so does freeing it again: still a 503 the caller may retry, not a 500.
        String to = Backstage.newRecipient();
        given().auth().oauth2(Backstage.serviceToken()).contentType(ContentType.JSON)
                .header(Backstage.IDEMPOTENCY_KEY, Backstage.newIdempotencyKey()).body(Backstage.verifyRequest(to))
                .when().post("/internal/mail")
                .then().statusCode(503).contentType("application/problem+json")
                .header("Retry-After", notNullValue()).body("status", equalTo(503));
        assertTrue(Backstage.read(to).isEmpty());
    }

    @Test
    void isNotReady() {
        given().when().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"));
    }
}
