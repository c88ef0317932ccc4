package io.stacks.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The reset flow end to end: the mail, its token, the new password working and the old one failing at once. */
@ExtendWith(RunningStack.class)
class PasswordResetTest {

    private static final String NEW_PASSWORD = "a-new-secret-77";

    @Test
    void resetReplacesThePasswordAtOnceEvenForCachedBasicCredentials() {
        String username = Accounts.verifiedUser();
        // the gateway now holds a token for the old Basic credentials
        given().auth().preemptive().basic(username, Accounts.PASSWORD).get("/").then().statusCode(200);

        requestReset(username);
        String token = Mailbox.awaitToken(username, "Reset", 1);
        given().contentType(ContentType.JSON).body(Map.of("token", token, "password", NEW_PASSWORD))
                .post("/reset/confirm").then().statusCode(200).body("username", equalTo(username));

        given().auth().preemptive().basic(username, Accounts.PASSWORD).get("/").then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("username", username, "password", Accounts.PASSWORD))
                .post("/auth/token").then().statusCode(401);
        given().auth().preemptive().basic(username, NEW_PASSWORD).get("/").then().statusCode(200);
    }

    @Test
    void secondResetInsideTheTtlSendsNoSecondMail() {
        String username = Accounts.verifiedUser();
        requestReset(username);
        Mailbox.awaitToken(username, "Reset", 1);
        requestReset(username);
        // the first mail has arrived; give a wrongly sent second one the same time to arrive before counting
        sleep(1500);
        assertEquals(1, Mailbox.count(username, "Reset").size());
    }

    @Test
    void resetTokenWorksOnlyOnce() {
        String username = Accounts.verifiedUser();
        requestReset(username);
        String token = Mailbox.awaitToken(username, "Reset", 1);
        given().contentType(ContentType.JSON).body(Map.of("token", token, "password", NEW_PASSWORD))
                .post("/reset/confirm").then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("token", token, "password", "yet-another-99"))
                .post("/reset/confirm").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void unknownUsernameGetsTheSameAnswerAndNoMail() {
        String stranger = Accounts.newUsername();
        String known = Accounts.verifiedUser();
        String unknownAnswer = requestReset(stranger);
        String knownAnswer = requestReset(known);
        assertEquals(knownAnswer, unknownAnswer);
        Mailbox.awaitToken(known, "Reset", 1);
        assertEquals(0, Mailbox.messages(stranger).size());
    }

    private static String requestReset(String username) {
        return given().contentType(ContentType.JSON).body(Map.of("username", username)).post("/reset")
                .then().statusCode(202).extract().path("message");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
