package io.stacks.notification;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.stacks.devstack.TestTokens;
import io.stacks.platform.auth.Roles;
import org.junit.jupiter.api.Test;

/**
 * Who may ask for mail: only user-service, with a service token minted for notification-service. Runs against the
 * module-wide stand-ins (declared on MailResourceTest). Every refused call leaves the recipient's inbox empty.
 */
@QuarkusTest
class MailAccessTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void acceptsUserServiceTokenForThisService() {
        String to = Backstage.newRecipient();
        given().auth().oauth2(TestTokens.service("user-service", "notification-service"))
                .contentType(ContentType.JSON).body(Backstage.verifyRequest(to))
                .when().post("/internal/mail")
                .then().statusCode(202).body("status", equalTo("SENT"));
        Backstage.assertInboxHolds(to, 1);
    }

    @Test
    void rejectsCallWithoutToken() {
        String to = Backstage.newRecipient();
        given().contentType(ContentType.JSON).body(Backstage.verifyRequest(to))
                .when().post("/internal/mail")
                .then().statusCode(401).contentType(PROBLEM).body("status", equalTo(401))
                .header("WWW-Authenticate", containsString("Bearer"));
        assertTrue(Backstage.read(to).isEmpty());
    }

    @Test
    void rejectsMemberToken() {
        String to = Backstage.newRecipient();
        given().auth().oauth2(TestTokens.forNewUser(Roles.MEMBER)).contentType(ContentType.JSON)
                .body(Backstage.verifyRequest(to))
                .when().post("/internal/mail")
                .then().statusCode(403).contentType(PROBLEM).body("status", equalTo(403));
        assertTrue(Backstage.read(to).isEmpty());
    }

    @Test
    void rejectsServiceGroupOnATokenForThePublicApi() {
        // A token with the service group but the public API's audience (how tests minted service tokens before)
        // is a valid token, yet not one meant for this service.
        String to = Backstage.newRecipient();
        given().auth().oauth2(TestTokens.mint("user-service", "user-service", Roles.SERVICE))
                .contentType(ContentType.JSON).body(Backstage.verifyRequest(to))
                .when().post("/internal/mail")
                .then().statusCode(403).contentType(PROBLEM).body("status", equalTo(403));
        assertTrue(Backstage.read(to).isEmpty());
    }

    @Test
    void rejectsBookServiceToken() {
        String to = Backstage.newRecipient();
        given().auth().oauth2(TestTokens.service("book-service", "notification-service"))
                .contentType(ContentType.JSON).body(Backstage.verifyRequest(to))
                .when().post("/internal/mail")
                .then().statusCode(403).contentType(PROBLEM).body("status", equalTo(403));
        assertTrue(Backstage.read(to).isEmpty());
    }

    @Test
    void rejectsUserServiceTokenMintedForAnotherService() {
        String to = Backstage.newRecipient();
        given().auth().oauth2(TestTokens.service("user-service", "image-service"))
                .contentType(ContentType.JSON).body(Backstage.verifyRequest(to))
                .when().post("/internal/mail")
                .then().statusCode(401).contentType(PROBLEM).body("status", equalTo(401));
        assertTrue(Backstage.read(to).isEmpty());
    }

    @Test
    void rejectsExpiredServiceToken() {
        String to = Backstage.newRecipient();
        given().auth().oauth2(Backstage.expiredServiceToken("user-service", "notification-service"))
                .contentType(ContentType.JSON).body(Backstage.verifyRequest(to))
                .when().post("/internal/mail")
                .then().statusCode(401).contentType(PROBLEM).body("status", equalTo(401));
        assertTrue(Backstage.read(to).isEmpty());
    }
}
