package io.stacks.notification;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.stacks.devstack.StandinsTestResource;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@QuarkusTest
@QuarkusTestResource(value = StandinsTestResource.class,
        initArgs = @ResourceArg(name = "service", value = "notification-service"))
class MailResourceTest {

    private static final String PROBLEM = "application/problem+json";
    private static final Pattern TOKEN = Pattern.compile("token=([A-Za-z0-9_-]+)");

    @Inject
    DynamoDbClient dynamoDb;

    @Test
    void sendsVerifyMailAndRecordsItSent() {
        String to = Backstage.newRecipient();
        String link = Backstage.verifyLink();
        String requestId = "test-" + UUID.randomUUID();

        String id = given().auth().oauth2(Backstage.serviceToken()).header("X-Request-Id", requestId)
                .contentType(ContentType.JSON)
                .body(Map.of("to", to, "template", "verify", "variables", Map.of("link", link)))
                .when().post("/internal/mail")
                .then().statusCode(202).contentType(ContentType.JSON)
                .body("status", equalTo("SENT")).body("id", notNullValue())
                .extract().path("id");

        List<Map<String, Object>> inbox = Backstage.inbox(to);
        assertEquals(1, inbox.size());
        assertEquals("Confirm your Stacks account", inbox.get(0).get("subject"));
        String mime = (String) inbox.get(0).get("mimeMessage");
        assertTrue(mime.contains("To: " + to), mime);
        assertTrue(mime.contains(link), mime);
        Matcher token = TOKEN.matcher(mime);
        assertTrue(token.find());
        assertEquals(link.substring(link.indexOf("token=") + 6), token.group(1));

        Map<String, AttributeValue> record = delivery(id);
        assertEquals("SENT", record.get("status").s());
        assertEquals(to, record.get("to").s());
        assertEquals("verify", record.get("template").s());
        assertEquals("Confirm your Stacks account", record.get("subject").s());
        assertEquals(requestId, record.get("requestId").s());
        Instant sentAt = Instant.parse(record.get("sentAt").s());
        assertTrue(Duration.between(sentAt, Instant.now()).abs().toMinutes() < 1, "sentAt " + sentAt);
        long expiresAt = Long.parseLong(record.get("expiresAt").n());
        long ninetyDays = Instant.now().plus(Duration.ofDays(90)).getEpochSecond();
        assertTrue(Math.abs(expiresAt - ninetyDays) < 60, "expiresAt " + expiresAt);
    }

    @Test
    void sendsResetMailWithItsExpiry() {
        String to = Backstage.newRecipient();
        String link = "http://127.0.0.1:8080/app/reset?token=" + UUID.randomUUID().toString().replace("-", "");

        String id = given().auth().oauth2(Backstage.serviceToken()).contentType(ContentType.JSON)
                .body(Map.of("to", to, "template", "reset", "variables", Map.of("link", link)))
                .when().post("/internal/mail")
                .then().statusCode(202).body("status", equalTo("SENT")).extract().path("id");

        List<Map<String, Object>> inbox = Backstage.inbox(to);
        assertEquals(1, inbox.size());
        assertEquals("Reset your Stacks password", inbox.get(0).get("subject"));
        String mime = (String) inbox.get(0).get("mimeMessage");
        assertTrue(mime.contains(link), mime);
        assertTrue(mime.contains("expires in 15 minutes"), mime);
        assertEquals("reset", delivery(id).get("template").s());
    }

    @Test
    void rejectsUnknownTemplate() {
        given().auth().oauth2(Backstage.serviceToken()).contentType(ContentType.JSON)
                .body(Map.of("to", Backstage.newRecipient(), "template", "newsletter",
                        "variables", Map.of("link", Backstage.verifyLink())))
                .when().post("/internal/mail")
                .then().statusCode(400).contentType(PROBLEM)
                .body("detail", containsString("newsletter")).body("errors.template", containsString("newsletter"));
    }

    @Test
    void rejectsInvalidRecipientAddress() {
        given().auth().oauth2(Backstage.serviceToken()).contentType(ContentType.JSON)
                .body(Backstage.verifyRequest("not-an-address"))
                .when().post("/internal/mail")
                .then().statusCode(400).contentType(PROBLEM).body("errors.to", notNullValue());
    }

    @Test
    void rejectsTemplateWithoutItsLink() {
        String to = Backstage.newRecipient();
        given().auth().oauth2(Backstage.serviceToken()).contentType(ContentType.JSON)
                .body(Map.of("to", to, "template", "verify", "variables", Map.of("name", "Ada")))
                .when().post("/internal/mail")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors.'variables.link'", containsString("verify"));
        assertTrue(Backstage.read(to).isEmpty());
    }

    @Test
    void rejectsLinkThatIsNotAWebAddress() {
        given().auth().oauth2(Backstage.serviceToken()).contentType(ContentType.JSON)
                .body(Map.of("to", Backstage.newRecipient(), "template", "reset",
                        "variables", Map.of("link", "javascript:alert(1)")))
                .when().post("/internal/mail")
                .then().statusCode(400).contentType(PROBLEM).body("errors.'variables.link'", notNullValue());
    }

    @Test
    void rejectsMalformedJson() {
        given().auth().oauth2(Backstage.serviceToken()).contentType(ContentType.JSON)
                .body("{\"to\": \"a@example.com\", \"template\": ")
                .when().post("/internal/mail")
                .then().statusCode(400).contentType(PROBLEM).body("status", equalTo(400));
    }

    @Test
    void rejectsVariablesOfTheWrongType() {
        given().auth().oauth2(Backstage.serviceToken()).contentType(ContentType.JSON)
                .body("{\"to\": \"a@example.com\", \"template\": \"verify\", \"variables\": \"link\"}")
                .when().post("/internal/mail")
                .then().statusCode(400).contentType(PROBLEM).body("errors.variables", notNullValue());
    }

    @Test
    void rejectsEmptyBody() {
        given().auth().oauth2(Backstage.serviceToken()).contentType(ContentType.JSON)
                .when().post("/internal/mail")
                .then().statusCode(400).contentType(PROBLEM);
    }

    private Map<String, AttributeValue> delivery(String id) {
        return Backstage.delivery(dynamoDb, id);
    }
}
