package io.stacks.user;

import static io.restassured.RestAssured.given;
import static io.stacks.user.TestAccounts.PASSWORD;
import static io.stacks.user.TestAccounts.credentials;
import static io.stacks.user.TestAccounts.newUsername;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.stacks.devstack.StandinsTestResource;
import io.stacks.user.NotificationServiceStub.Mode;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@QuarkusTest
@QuarkusTestResource(value = StandinsTestResource.class,
        initArgs = @ResourceArg(name = "service", value = "user-service"))
@QuarkusTestResource(NotificationServiceStub.class)
class SignUpTest {

    @Inject
    DynamoDbClient dynamo;

    @AfterEach
    void answerMailNormally() {
        MailStub.answer(Mode.ACCEPT);
    }

    @Test
    void createsUnverifiedMemberAccount() {
        String username = newUsername();
        given().contentType(ContentType.JSON).body(credentials(username, PASSWORD))
                .when().post("/user/register")
                .then().statusCode(201)
                .contentType(ContentType.JSON)
                .header("Location", "/user/me")
                .body("id", notNullValue())
                .body("username", equalTo(username))
                .body("roles", equalTo(List.of("member")))
                .body("verified", equalTo(false))
                .body("createdAt", notNullValue())
                .body("$", not(hasKey("passwordHash")));
    }

    @Test
    void normalisesUsernameToTrimmedLowerCase() {
        String username = newUsername();
        given().contentType(ContentType.JSON).body(credentials("  " + username.toUpperCase() + " ", PASSWORD))
                .when().post("/user/register")
                .then().statusCode(201)
                .body("username", equalTo(username));
    }

    @Test
    void returnsCreationTimeAsIsoInstant() {
        String createdAt = given().contentType(ContentType.JSON).body(credentials(newUsername(), PASSWORD))
                .when().post("/user/register")
                .then().statusCode(201).extract().path("createdAt");
        Instant created = Instant.parse(createdAt);
        assertTrue(Math.abs(Instant.now().getEpochSecond() - created.getEpochSecond()) < 60, createdAt);
    }

    @Test
    void requestsVerificationMailWithTokenLink() {
        String username = newUsername();
        TestAccounts.register(username);
        List<Map<String, Object>> calls = MailStub.callsTo(username);
        assertEquals(1, calls.size(), "the stub configured for notification-service saw the call");
        Map<String, Object> mail = MailStub.mail(calls.get(0));
        assertEquals("POST", calls.get(0).get("method"));
        assertEquals("verify", mail.get("template"));
        String link = MailStub.link(calls.get(0));
        String publicUrl = ConfigProvider.getConfig().getValue("stacks.public-url", String.class);
        assertTrue(link.startsWith(publicUrl + "/app/verify?token="), link);
        assertEquals(43, MailStub.tokenIn(link).length(), "32 random bytes, base64url");
    }

    @Test
    void authenticatesMailRequestWithShortLivedServiceToken() {
        String username = newUsername();
        TestAccounts.register(username);
        String authorization = (String) MailStub.callsTo(username).get(0).get("authorization");
        assertTrue(authorization.startsWith("Bearer "), authorization);
        JsonPath claims = TestAccounts.claims(authorization.substring("Bearer ".length()));
        assertEquals(List.of("service"), claims.getList("groups"));
        assertEquals("user-service", claims.getString("sub"));
        assertEquals("user-service", claims.getString("upn"));
        assertEquals("https://stacks.local", claims.getString("iss"));
        long lifetime = claims.getLong("exp") - claims.getLong("iat");
        assertTrue(lifetime > 0 && lifetime <= 300, "lives " + lifetime + " s");
    }

    @Test
    void addressesMailRequestTokenToNotificationServiceOnly() {
        String username = newUsername();
        TestAccounts.register(username);
        String authorization = (String) MailStub.callsTo(username).get(0).get("authorization");
        assertEquals(List.of("notification-service"),
                TestAccounts.audiences(authorization.substring("Bearer ".length())));
    }

    @Test
    void givesConfiguredAdminAllRoles() {
        given().contentType(ContentType.JSON).body(credentials("Root@Stacks.test", PASSWORD))
                .when().post("/user/register")
                .then().statusCode(201)
                .body("roles", containsInAnyOrder("member", "staff", "admin"));
    }

    @Test
    void storesVerificationTokenOnlyAsHash() {
        String username = newUsername();
        String id = TestAccounts.register(username);
        String token = MailStub.lastToken(username, "verify");
        Map<String, AttributeValue> item = dynamo.getItem(get -> get.tableName(TestAccounts.TOKENS_TABLE)
                .key(Map.of("pk", AttributeValue.fromS("verify#" + TestAccounts.sha256Hex(token))))).item();
        assertEquals(id, item.get("userId").s());
        long expiresAt = Long.parseLong(item.get("expiresAt").n());
        assertTrue(Math.abs(expiresAt - Instant.now().plusSeconds(24 * 3600).getEpochSecond()) < 60);
        List<Map<String, AttributeValue>> all = dynamo.scan(scan -> scan.tableName(TestAccounts.TOKENS_TABLE)).items();
        assertFalse(all.toString().contains(token), "the raw token is stored nowhere");
    }

    @Test
    void rejectsUsernameThatIsNotAnEmailAddress() {
        given().contentType(ContentType.JSON).body(credentials("not-an-email", PASSWORD))
                .when().post("/user/register")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.username", equalTo("must be a valid e-mail address"));
    }

    @Test
    void rejectsPasswordShorterThanEightCharacters() {
        assertPasswordRejected("abc1def", "must be at least 8 characters");
    }

    @Test
    void rejectsPasswordLongerThanSeventyTwoBytes() {
        assertPasswordRejected("a1" + "é".repeat(36), "must be at most 72 bytes");
    }

    @Test
    void rejectsPasswordWithoutLetter() {
        assertPasswordRejected("12345678-90", "must contain a letter");
    }

    @Test
    void rejectsPasswordWithoutDigit() {
        assertPasswordRejected("no-digits-here", "must contain a digit");
    }

    @Test
    void rejectsPasswordContainingUsername() {
        String username = newUsername();
        given().contentType(ContentType.JSON).body(credentials(username, "x1" + username.toUpperCase()))
                .when().post("/user/register")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.password", equalTo("must not contain the username"));
    }

    @Test
    void rejectsPasswordContainingLocalPartOfUsername() {
        String username = newUsername();
        String localPart = username.substring(0, username.indexOf('@'));
        given().contentType(ContentType.JSON).body(credentials(username, "Pw-" + localPart + "-9"))
                .when().post("/user/register")
                .then().statusCode(400)
                .body("errors.password", equalTo("must not contain the username"));
    }

    @Test
    void rejectsDuplicateUsername() {
        String username = newUsername();
        TestAccounts.register(username);
        given().contentType(ContentType.JSON).body(credentials(username.toUpperCase(), PASSWORD))
                .when().post("/user/register")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("status", equalTo(409))
                .body("detail", equalTo("user already exists"));
    }

    @Test
    void answersConflictNotServerErrorToConcurrentDuplicateSignUps() throws Exception {
        int attempts = 4;
        List<Integer> answered = signUpConcurrently(newUsername(), attempts);
        assertEquals(1, answered.stream().filter(status -> status == 201).count(), answered.toString());
        assertEquals(attempts - 1, answered.stream().filter(status -> status == 409).count(), answered.toString());
    }

    @Test
    void rejectsMalformedJson() {
        given().contentType(ContentType.JSON).body("{\"username\": ")
                .when().post("/user/register")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400));
    }

    @Test
    void rejectsWrongJsonType() {
        given().contentType(ContentType.JSON).body("{\"username\": [\"a@example.com\"], \"password\": \"" + PASSWORD + "\"}")
                .when().post("/user/register")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.username", equalTo("must be of type string"));
    }

    @Test
    void rejectsMissingFields() {
        given().contentType(ContentType.JSON).body("{}")
                .when().post("/user/register")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.username", notNullValue())
                .body("errors.password", notNullValue());
    }

    @Test
    void rejectsEmptyBody() {
        given().contentType(ContentType.JSON)
                .when().post("/user/register")
                .then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void acceptsSignUpWhileNotificationServiceFails() {
        String username = newUsername();
        MailStub.answer(Mode.FAIL);
        TestAccounts.register(username);
        MailStub.awaitCalls(username, 1, MailStub.answeredWith(Mode.FAIL));
        assertAccountExistsUnverified(username);
    }

    @Test
    void acceptsSignUpWhileNotificationServiceIsUnreachable() {
        String username = newUsername();
        MailStub.answer(Mode.DROP);
        TestAccounts.register(username);
        MailStub.awaitCalls(username, 1, MailStub.answeredWith(Mode.DROP));
        assertAccountExistsUnverified(username);
    }

    @Test
    void deliversVerificationMailAfterNotificationServiceRecovers() {
        String username = newUsername();
        MailStub.answer(Mode.FAIL);
        String id = TestAccounts.register(username);
        MailStub.awaitCalls(username, 1, MailStub.answeredWith(Mode.FAIL));
        MailStub.answer(Mode.ACCEPT);
        assertVerifiesWithDeliveredToken(username, id);
    }

    @Test
    void deliversVerificationMailOnceNotificationServiceIsReachableAgain() {
        String username = newUsername();
        MailStub.answer(Mode.DROP);
        String id = TestAccounts.register(username);
        MailStub.awaitCalls(username, 1, MailStub.answeredWith(Mode.DROP));
        MailStub.answer(Mode.ACCEPT);
        assertVerifiesWithDeliveredToken(username, id);
    }

    @Test
    void keepsVerificationTokenWhileMailIsUndelivered() {
        String username = newUsername();
        MailStub.answer(Mode.FAIL);
        TestAccounts.register(username);
        List<Map<String, Object>> failed = MailStub.awaitCalls(username, 1, MailStub.answeredWith(Mode.FAIL));
        Map<String, AttributeValue> item = verifyItem(MailStub.tokenIn(MailStub.link(failed.get(0))));
        assertTrue(item != null && !item.isEmpty(), "the token the pending mail carries is stored");
    }

    @Test
    void sendsNoVerificationMailForRefusedDuplicateSignUp() {
        String username = newUsername();
        TestAccounts.register(username);
        given().contentType(ContentType.JSON).body(credentials(username, PASSWORD))
                .when().post("/user/register")
                .then().statusCode(409);
        assertEquals(1, MailStub.callsTo(username).size(), "only the first sign-up's mail");
        assertEquals(List.of(), OutboxRows.mailTo(username), "nothing left in the outbox");
    }

    @Test
    void sendsOneVerificationMailForConcurrentDuplicateSignUps() throws Exception {
        String username = newUsername();
        List<Integer> answered = signUpConcurrently(username, 4);
        assertEquals(1, answered.stream().filter(status -> status == 201).count(), answered.toString());
        assertEquals(1, MailStub.callsTo(username).size(), "the sign-ups that lost recorded no mail");
    }

    private void assertAccountExistsUnverified(String username) {
        given().contentType(ContentType.JSON).body(credentials(username, PASSWORD))
                .when().post("/auth/token")
                .then().statusCode(403)
                .body("detail", equalTo("the account is not verified yet"));
    }

    private static void assertVerifiesWithDeliveredToken(String username, String id) {
        String token = MailStub.lastToken(username, "verify");
        List<Map<String, Object>> calls = MailStub.callsTo(username);
        assertEquals("ACCEPT", calls.get(calls.size() - 1).get("mode"), "the last attempt was delivered");
        given().contentType(ContentType.JSON).body(Map.of("token", token))
                .when().post("/user/verify")
                .then().statusCode(200)
                .body("id", equalTo(id))
                .body("verified", equalTo(true));
    }

    private Map<String, AttributeValue> verifyItem(String token) {
        return dynamo.getItem(get -> get.tableName(TestAccounts.TOKENS_TABLE)
                .key(Map.of("pk", AttributeValue.fromS("verify#" + TestAccounts.sha256Hex(token))))).item();
    }

    /** Signs the same username up from several threads at once; the answers' statuses. */
    private static List<Integer> signUpConcurrently(String username, int attempts) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Integer>> statuses = new ArrayList<>();
        for (int i = 0; i < attempts; i++) {
            statuses.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return given().contentType(ContentType.JSON).body(credentials(username, PASSWORD))
                        .when().post("/user/register").then().extract().statusCode();
            }));
        }
        start.countDown();
        List<Integer> answered = new ArrayList<>();
        for (CompletableFuture<Integer> status : statuses) {
            answered.add(status.get());
        }
        return answered;
    }

    private static void assertPasswordRejected(String password, String rule) {
        given().contentType(ContentType.JSON).body(credentials(newUsername(), password))
                .when().post("/user/register")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("errors.password", equalTo(rule));
    }
}
