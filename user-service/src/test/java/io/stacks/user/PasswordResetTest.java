package io.stacks.user;

import static io.restassured.RestAssured.given;
import static io.stacks.user.TestAccounts.PASSWORD;
import static io.stacks.user.TestAccounts.credentials;
import static io.stacks.user.TestAccounts.newUsername;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.stacks.user.NotificationServiceStub.Mode;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@QuarkusTest
class PasswordResetTest {

    private static final String ACCEPTED = "if the account exists, a password-reset e-mail has been sent";
    private static final String INVALID = "the token is invalid or has expired";
    private static final String NEW_PASSWORD = "Rainy-night-77";
    /** stacks.users.reset-answer-time, by default: POST /reset answers no sooner, whoever is asked about. */
    private static final Duration ANSWER_TIME = Duration.ofMillis(250);

    @Inject
    DynamoDbClient dynamo;

    @AfterEach
    void answerMailNormally() {
        MailStub.answer(Mode.ACCEPT);
    }

    @Test
    void acceptsResetForKnownUserAndMailsTokenLink() {
        String username = newUsername();
        TestAccounts.register(username);
        requestReset(username);
        List<Map<String, Object>> resets = resetCalls(username);
        assertEquals(1, resets.size());
        String publicUrl = ConfigProvider.getConfig().getValue("stacks.public-url", String.class);
        assertTrue(MailStub.link(resets.get(0)).startsWith(publicUrl + "/app/reset?token="));
        assertTrue(((String) resets.get(0).get("authorization")).startsWith("Bearer "));
    }

    @Test
    void acceptsResetForUnknownUserAlikeWithoutMail() {
        String username = newUsername();
        requestReset(username);
        assertTrue(MailStub.callsTo(username).isEmpty());
    }

    @Test
    void answersKnownAndUnknownAccountsAlikeAndNoSoonerThanTheAnswerTime() {
        String known = newUsername();
        TestAccounts.register(known);
        TimedAnswer forKnown = timedReset(known);
        TimedAnswer forUnknown = timedReset(newUsername());
        assertTakesTheAnswerTime(forKnown, "an existing account");
        assertTakesTheAnswerTime(forUnknown, "an unknown username");
        assertEquals(202, forKnown.status());
        assertEquals(forKnown.status(), forUnknown.status());
        assertEquals(forKnown.contentType(), forUnknown.contentType());
        assertEquals(forKnown.body(), forUnknown.body());
        assertEquals(ACCEPTED, io.restassured.path.json.JsonPath.from(forUnknown.body()).getString("message"));
        assertEquals(1, resetCalls(known).size(), "the known account was really sent a reset");
    }

    @Test
    void answersNoSoonerThanTheAnswerTimeWhenAResetMailWentOutRecently() {
        String known = newUsername();
        TestAccounts.register(known);
        TimedAnswer first = timedReset(known);
        TimedAnswer again = timedReset(known);
        assertTakesTheAnswerTime(again, "an account that was sent a reset mail a moment ago");
        assertEquals(first.status(), again.status());
        assertEquals(first.body(), again.body());
    }

    @Test
    void answersNoSoonerThanTheAnswerTimeForAnotherSpellingOfAnAccount() {
        String known = newUsername();
        TestAccounts.register(known);
        TimedAnswer answer = timedReset("  " + known.toUpperCase(java.util.Locale.ROOT) + " ");
        assertTakesTheAnswerTime(answer, "an existing account spelled in upper case with spaces");
        assertEquals(202, answer.status());
        assertEquals(1, resetCalls(known).size(), "the spelling found the account");
    }

    @Test
    void sendsNoSecondResetMailWithinTokenLifetime() {
        String username = newUsername();
        TestAccounts.register(username);
        requestReset(username);
        requestReset(username);
        assertEquals(1, resetCalls(username).size());
    }

    @Test
    void sendsResetMailAgainOnceTheEarlierOneExpired() {
        String username = newUsername();
        String id = TestAccounts.register(username);
        dynamo.putItem(put -> put.tableName(TestAccounts.TOKENS_TABLE).item(Map.of(
                "pk", AttributeValue.fromS("reset-user#" + id), "userId", AttributeValue.fromS(id),
                "expiresAt", AttributeValue.fromN(Long.toString(Instant.now().getEpochSecond() - 5)))));
        requestReset(username);
        assertEquals(1, resetCalls(username).size());
    }

    @Test
    void storesResetTokenOnlyAsHashWithFifteenMinuteExpiry() {
        String username = newUsername();
        String id = TestAccounts.register(username);
        requestReset(username);
        String token = MailStub.lastToken(username, "reset");
        Map<String, AttributeValue> item = item("reset#" + TestAccounts.sha256Hex(token));
        assertEquals(id, item.get("userId").s());
        long expiresAt = Long.parseLong(item.get("expiresAt").n());
        assertTrue(Math.abs(expiresAt - Instant.now().plusSeconds(900).getEpochSecond()) < 60);
        assertFalse(item("reset-user#" + id).isEmpty(), "the once-per-lifetime marker is there");
        List<Map<String, AttributeValue>> all = dynamo.scan(scan -> scan.tableName(TestAccounts.TOKENS_TABLE)).items();
        assertFalse(all.toString().contains(token), "the raw token is stored nowhere");
    }

    @Test
    void acceptsResetRequestWhileNotificationServiceFails() {
        String username = newUsername();
        TestAccounts.register(username);
        MailStub.callsTo(username); // the verification mail is out of the way
        MailStub.answer(Mode.FAIL);
        requestReset(username);
        MailStub.awaitCalls(username, 1, MailStub.template("reset").and(MailStub.answeredWith(Mode.FAIL)));
    }

    @Test
    void deliversResetMailAfterNotificationServiceRecovers() {
        String username = newUsername();
        TestAccounts.registerVerified(username);
        MailStub.answer(Mode.FAIL);
        requestReset(username);
        MailStub.awaitCalls(username, 1, MailStub.template("reset").and(MailStub.answeredWith(Mode.FAIL)));
        MailStub.answer(Mode.ACCEPT);
        String token = MailStub.lastToken(username, "reset");
        List<Map<String, Object>> resets = resetCalls(username);
        assertEquals("ACCEPT", resets.get(resets.size() - 1).get("mode"), "the last attempt was delivered");
        confirm(token, NEW_PASSWORD);
        TestAccounts.login(username, NEW_PASSWORD);
    }

    @Test
    void keepsResetTokenUsableWhileMailIsUndelivered() {
        String username = newUsername();
        String id = TestAccounts.registerVerified(username);
        MailStub.answer(Mode.FAIL);
        requestReset(username);
        List<Map<String, Object>> failed = MailStub.awaitCalls(username, 1,
                MailStub.template("reset").and(MailStub.answeredWith(Mode.FAIL)));
        String token = MailStub.tokenIn(MailStub.link(failed.get(0)));
        assertEquals(id, item("reset#" + TestAccounts.sha256Hex(token)).get("userId").s());
        assertFalse(item("reset-user#" + id).isEmpty(), "the once-per-lifetime marker is kept");
    }

    @Test
    void sendsNoSecondResetMailWhileTheFirstIsUndelivered() {
        String username = newUsername();
        TestAccounts.registerVerified(username);
        MailStub.answer(Mode.FAIL);
        requestReset(username);
        requestReset(username);
        MailStub.awaitCalls(username, 1, MailStub.template("reset").and(MailStub.answeredWith(Mode.FAIL)));
        MailStub.answer(Mode.ACCEPT);
        List<Map<String, Object>> resets = resetCalls(username);
        assertEquals(1, resets.stream().map(MailStub::link).distinct().count(), "one reset link, maybe retried");
        assertEquals(1, resets.stream().map(call -> call.get("idempotencyKey")).distinct().count());
    }

    @Test
    void rejectsMalformedResetJson() {
        given().contentType(ContentType.JSON).body("{\"username\"")
                .when().post("/reset")
                .then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void rejectsResetWithoutUsername() {
        given().contentType(ContentType.JSON).body("{}")
                .when().post("/reset")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.username", notNullValue());
    }

    @Test
    void rejectsResetWithEmptyBody() {
        given().contentType(ContentType.JSON)
                .when().post("/reset")
                .then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void changesPasswordWithResetToken() {
        String username = newUsername();
        TestAccounts.registerVerified(username);
        given().contentType(ContentType.JSON).body(Map.of("token", resetToken(username), "password", NEW_PASSWORD))
                .when().post("/reset/confirm")
                .then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("username", equalTo(username))
                .body("message", equalTo("password changed"));
    }

    @Test
    void acceptsNewPasswordAfterReset() {
        String username = newUsername();
        TestAccounts.registerVerified(username);
        confirm(resetToken(username), NEW_PASSWORD);
        TestAccounts.login(username, NEW_PASSWORD);
    }

    @Test
    void refusesOldPasswordAfterReset() {
        String username = newUsername();
        TestAccounts.registerVerified(username);
        TestAccounts.login(username, PASSWORD);
        confirm(resetToken(username), NEW_PASSWORD);
        given().contentType(ContentType.JSON).body(credentials(username, PASSWORD))
                .when().post("/auth/token")
                .then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void verifiesAccountThroughReset() {
        String username = newUsername();
        TestAccounts.register(username);
        confirm(resetToken(username), NEW_PASSWORD);
        TestAccounts.login(username, NEW_PASSWORD);
    }

    @Test
    void rejectsWeakNewPasswordAndKeepsTokenUsable() {
        String username = newUsername();
        TestAccounts.registerVerified(username);
        String token = resetToken(username);
        given().contentType(ContentType.JSON).body(Map.of("token", token, "password", "short1"))
                .when().post("/reset/confirm")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.password", equalTo("must be at least 8 characters"));
        confirm(token, NEW_PASSWORD);
    }

    @Test
    void rejectsNewPasswordContainingUsername() {
        String username = newUsername();
        TestAccounts.registerVerified(username);
        given().contentType(ContentType.JSON)
                .body(Map.of("token", resetToken(username), "password", "9" + username))
                .when().post("/reset/confirm")
                .then().statusCode(400)
                .body("errors.password", equalTo("must not contain the username"));
    }

    @Test
    void rejectsReusedResetToken() {
        String username = newUsername();
        TestAccounts.registerVerified(username);
        String token = resetToken(username);
        confirm(token, NEW_PASSWORD);
        given().contentType(ContentType.JSON).body(Map.of("token", token, "password", "Other-pass-55"))
                .when().post("/reset/confirm")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo(INVALID));
    }

    @Test
    void rejectsUnknownResetToken() {
        given().contentType(ContentType.JSON).body(Map.of("token", "made-up", "password", NEW_PASSWORD))
                .when().post("/reset/confirm")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo(INVALID));
    }

    @Test
    void rejectsExpiredResetTokenNotYetDeletedByTtl() {
        String id = TestAccounts.register(newUsername());
        String token = "expired-reset-" + id;
        dynamo.putItem(put -> put.tableName(TestAccounts.TOKENS_TABLE).item(Map.of(
                "pk", AttributeValue.fromS("reset#" + TestAccounts.sha256Hex(token)),
                "userId", AttributeValue.fromS(id),
                "expiresAt", AttributeValue.fromN(Long.toString(Instant.now().getEpochSecond() - 1)))));
        given().contentType(ContentType.JSON).body(Map.of("token", token, "password", NEW_PASSWORD))
                .when().post("/reset/confirm")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo(INVALID));
    }

    @Test
    void rejectsVerificationTokenAsResetToken() {
        String username = newUsername();
        TestAccounts.register(username);
        given().contentType(ContentType.JSON)
                .body(Map.of("token", MailStub.lastToken(username, "verify"), "password", NEW_PASSWORD))
                .when().post("/reset/confirm")
                .then().statusCode(400)
                .body("detail", equalTo(INVALID));
    }

    @Test
    void rejectsConfirmationWithoutFields() {
        given().contentType(ContentType.JSON).body("{}")
                .when().post("/reset/confirm")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.token", notNullValue())
                .body("errors.password", notNullValue());
    }

    @Test
    void rejectsConfirmationWithWrongJsonType() {
        given().contentType(ContentType.JSON).body("{\"token\":\"t\",\"password\":{\"a\":1}}")
                .when().post("/reset/confirm")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.password", equalTo("must be of type string"));
    }

    @Test
    void allowsAnotherResetMailOnceResetIsDone() {
        String username = newUsername();
        String id = TestAccounts.registerVerified(username);
        confirm(resetToken(username), NEW_PASSWORD);
        assertTrue(item("reset-user#" + id).isEmpty());
        requestReset(username);
        assertEquals(2, resetCalls(username).size());
    }

    /** One POST /reset as the client sees it: its answer and how long it took, from sending to the last byte. */
    record TimedAnswer(int status, String contentType, String body, Duration took) {
    }

    private static TimedAnswer timedReset(String username) {
        long started = System.nanoTime();
        io.restassured.response.Response response = given().contentType(ContentType.JSON)
                .body(Map.of("username", username)).when().post("/reset");
        String body = response.asString();
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        return new TimedAnswer(response.statusCode(), response.contentType(), body, took);
    }

    private static void assertTakesTheAnswerTime(TimedAnswer answer, String whose) {
        assertTrue(answer.took().compareTo(ANSWER_TIME) >= 0,
                "POST /reset for " + whose + " answered after " + answer.took().toMillis() + " ms, sooner than "
                        + ANSWER_TIME.toMillis() + " ms");
        // Generous: the floor is what is checked; this only catches an answer held far too long.
        assertTrue(answer.took().compareTo(Duration.ofSeconds(3)) < 0,
                "POST /reset for " + whose + " took " + answer.took().toMillis() + " ms");
    }

    private static void requestReset(String username) {
        given().contentType(ContentType.JSON).body(Map.of("username", username))
                .when().post("/reset")
                .then().statusCode(202)
                .contentType(ContentType.JSON)
                .body("message", equalTo(ACCEPTED));
    }

    private static String resetToken(String username) {
        requestReset(username);
        return MailStub.lastToken(username, "reset");
    }

    private static void confirm(String token, String password) {
        given().contentType(ContentType.JSON).body(Map.of("token", token, "password", password))
                .when().post("/reset/confirm")
                .then().statusCode(200);
    }

    private static List<Map<String, Object>> resetCalls(String username) {
        return MailStub.callsTo(username).stream().filter(call -> "reset".equals(MailStub.mail(call).get("template")))
                .toList();
    }

    private Map<String, AttributeValue> item(String pk) {
        Map<String, AttributeValue> item = dynamo.getItem(get -> get.tableName(TestAccounts.TOKENS_TABLE)
                .key(Map.of("pk", AttributeValue.fromS(pk)))).item();
        return item == null ? Map.of() : item;
    }
}
