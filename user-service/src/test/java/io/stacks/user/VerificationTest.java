package io.stacks.user;

import static io.restassured.RestAssured.given;
import static io.stacks.user.TestAccounts.newUsername;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@QuarkusTest
class VerificationTest {

    private static final String INVALID = "the token is invalid or has expired";

    @Inject
    DynamoDbClient dynamo;

    @Test
    void verifiesAccountWithMailedToken() {
        String username = newUsername();
        String id = TestAccounts.register(username);
        given().contentType(ContentType.JSON).body(Map.of("token", MailStub.lastToken(username, "verify")))
                .when().post("/user/verify")
                .then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("id", equalTo(id))
                .body("username", equalTo(username))
                .body("verified", equalTo(true));
    }

    @Test
    void rejectsReusedVerificationToken() {
        String username = newUsername();
        TestAccounts.register(username);
        String token = MailStub.lastToken(username, "verify");
        given().contentType(ContentType.JSON).body(Map.of("token", token)).post("/user/verify").then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("token", token))
                .when().post("/user/verify")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo(INVALID));
    }

    @Test
    void rejectsUnknownVerificationToken() {
        given().contentType(ContentType.JSON).body(Map.of("token", "no-such-token"))
                .when().post("/user/verify")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo(INVALID));
    }

    @Test
    void rejectsExpiredVerificationTokenNotYetDeletedByTtl() {
        String id = TestAccounts.register(newUsername());
        String token = "expired-" + id;
        dynamo.putItem(put -> put.tableName(TestAccounts.TOKENS_TABLE).item(Map.of(
                "pk", AttributeValue.fromS("verify#" + TestAccounts.sha256Hex(token)),
                "userId", AttributeValue.fromS(id),
                "expiresAt", AttributeValue.fromN(Long.toString(Instant.now().getEpochSecond() - 1)))));
        given().contentType(ContentType.JSON).body(Map.of("token", token))
                .when().post("/user/verify")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo(INVALID));
    }

    @Test
    void rejectsMissingVerificationToken() {
        given().contentType(ContentType.JSON).body("{}")
                .when().post("/user/verify")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.token", equalTo("must not be blank"));
    }

    @Test
    void rejectsMalformedVerificationJson() {
        given().contentType(ContentType.JSON).body("{token")
                .when().post("/user/verify")
                .then().statusCode(400)
                .contentType("application/problem+json");
    }
}
