package io.stacks.user;

import static io.restassured.RestAssured.given;
import static io.stacks.user.TestAccounts.PASSWORD;
import static io.stacks.user.TestAccounts.credentials;
import static io.stacks.user.TestAccounts.newUsername;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.stacks.devstack.TestTokens;
import io.stacks.platform.auth.Roles;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class LoginTest {

    private static final String BAD_CREDENTIALS = "the username or password is wrong";

    @Test
    void issuesBearerTokenForVerifiedAccount() {
        String username = newUsername();
        String id = TestAccounts.registerVerified(username);
        String token = given().contentType(ContentType.JSON).body(credentials(username, PASSWORD))
                .when().post("/auth/token")
                .then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("token_type", equalTo("Bearer"))
                .body("expires_in", equalTo(900))
                .body("access_token", notNullValue())
                .extract().path("access_token");
        JsonPath claims = TestAccounts.claims(token);
        assertEquals("https://stacks.local", claims.getString("iss"));
        assertEquals(id, claims.getString("sub"));
        assertEquals(username, claims.getString("upn"));
        assertEquals(List.of("member"), claims.getList("groups"));
        assertEquals(900, claims.getLong("exp") - claims.getLong("iat"));
        assertEquals("RS256", TestAccounts.header(token).getString("alg"));
    }

    @Test
    void issuesUserTokenForThePublicApiAudience() {
        String username = newUsername();
        TestAccounts.registerVerified(username);
        assertEquals(List.of("stacks-api"), TestAccounts.audiences(TestAccounts.login(username, PASSWORD)));
    }

    @Test
    void acceptsIssuedTokenAtUserMe() {
        String username = newUsername();
        String id = TestAccounts.registerVerified(username);
        given().auth().oauth2(TestAccounts.login(username, PASSWORD))
                .when().get("/user/me")
                .then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("id", equalTo(id))
                .body("username", equalTo(username))
                .body("roles", equalTo(List.of("member")))
                .body("verified", equalTo(true))
                .body("createdAt", notNullValue());
    }

    @Test
    void givesAdminTokenEveryRoleGroup() {
        String admin = "chief@stacks.test";
        TestAccounts.registerVerified(admin);
        List<String> groups = TestAccounts.claims(TestAccounts.login(admin, PASSWORD)).getList("groups");
        assertEquals(3, groups.size());
        assertTrue(groups.containsAll(List.of(Roles.MEMBER, Roles.STAFF, Roles.ADMIN)), groups.toString());
    }

    @Test
    void logsInWithUsernameInAnotherCase() {
        String username = newUsername();
        TestAccounts.registerVerified(username);
        TestAccounts.login(" " + username.toUpperCase(), PASSWORD);
    }

    @Test
    void refusesUnverifiedAccount() {
        String username = newUsername();
        TestAccounts.register(username);
        given().contentType(ContentType.JSON).body(credentials(username, PASSWORD))
                .when().post("/auth/token")
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("detail", equalTo("the account is not verified yet"));
    }

    @Test
    void refusesWrongPassword() {
        String username = newUsername();
        TestAccounts.registerVerified(username);
        given().contentType(ContentType.JSON).body(credentials(username, PASSWORD + "x"))
                .when().post("/auth/token")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .body("detail", equalTo(BAD_CREDENTIALS));
    }

    @Test
    void refusesUnknownUserWithTheSameAnswerAsWrongPassword() {
        given().contentType(ContentType.JSON).body(credentials(newUsername(), PASSWORD))
                .when().post("/auth/token")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .body("detail", equalTo(BAD_CREDENTIALS));
    }

    @Test
    void refusesOverlongPasswordAsWrongPassword() {
        String username = newUsername();
        TestAccounts.registerVerified(username);
        given().contentType(ContentType.JSON).body(credentials(username, PASSWORD + "x".repeat(80)))
                .when().post("/auth/token")
                .then().statusCode(401)
                .body("detail", equalTo(BAD_CREDENTIALS));
    }

    @Test
    void rejectsLoginWithoutPassword() {
        given().contentType(ContentType.JSON).body("{\"username\":\"a@example.com\"}")
                .when().post("/auth/token")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.password", notNullValue());
    }

    @Test
    void rejectsMalformedLoginJson() {
        given().contentType(ContentType.JSON).body("not json")
                .when().post("/auth/token")
                .then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void refusesUserMeWithoutToken() {
        given().when().get("/user/me")
                .then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void refusesUserMeWithMalformedToken() {
        given().auth().oauth2("not.a.token")
                .when().get("/user/me")
                .then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void refusesUserMeWithTamperedToken() {
        String username = newUsername();
        TestAccounts.registerVerified(username);
        String[] parts = TestAccounts.login(username, PASSWORD).split("\\.");
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("{\"iss\":\"https://stacks.local\",\"sub\":\"x\",\"upn\":\"x@example.com\",\"groups\":[\"admin\"],"
                        + "\"exp\":" + (System.currentTimeMillis() / 1000 + 600) + "}").getBytes(StandardCharsets.UTF_8));
        given().auth().oauth2(parts[0] + "." + forged + "." + parts[2])
                .when().get("/user/me")
                .then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void refusesUserMeForAccountThatDoesNotExist() {
        given().auth().oauth2(TestTokens.mint(UUID.randomUUID().toString(), newUsername(), Roles.MEMBER))
                .when().get("/user/me")
                .then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void refusesServiceTokenAtUserMe() {
        given().auth().oauth2(TestTokens.service("book-service", "user-service"))
                .when().get("/user/me")
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("status", equalTo(403));
    }

    @Test
    void refusesUserMeWithTokenForAnotherService() {
        given().auth().oauth2(TestTokens.service("book-service", "notification-service"))
                .when().get("/user/me")
                .then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void acceptsTestTokenForThePublicApiAtUserMe() {
        String username = newUsername();
        String id = TestAccounts.registerVerified(username);
        given().auth().oauth2(TestTokens.mint(id, username, Roles.MEMBER))
                .when().get("/user/me")
                .then().statusCode(200)
                .body("id", equalTo(id));
    }

    @Test
    void publishesRsaSigningKeyAsJwks() {
        given().when().get("/.well-known/jwks.json")
                .then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("keys.size()", equalTo(1))
                .body("keys[0].kty", equalTo("RSA"))
                .body("keys[0].use", equalTo("sig"))
                .body("keys[0].alg", equalTo("RS256"))
                .body("keys[0].kid.size()", equalTo(16))
                .body("keys[0].e", equalTo("AQAB"))
                .body("keys[0].n", matchesPattern("[A-Za-z0-9_-]{342}"));
    }

    @Test
    void signsTokensWithThePublishedKey() throws Exception {
        String username = newUsername();
        TestAccounts.registerVerified(username);
        String token = TestAccounts.login(username, PASSWORD);
        JsonPath jwks = given().get("/.well-known/jwks.json").then().extract().jsonPath();
        assertEquals(jwks.getString("keys[0].kid"), TestAccounts.header(token).getString("kid"));
        Base64.Decoder base64Url = Base64.getUrlDecoder();
        PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                new BigInteger(1, base64Url.decode(jwks.getString("keys[0].n"))),
                new BigInteger(1, base64Url.decode(jwks.getString("keys[0].e")))));
        String[] parts = token.split("\\.");
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(key);
        rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertTrue(rs256.verify(base64Url.decode(parts[2])));
    }

    @Test
    void servesJwksWithoutAuthentication() {
        given().auth().oauth2("garbage")
                .when().get("/.well-known/jwks.json")
                .then().statusCode(200)
                .body("keys[0].kid", notNullValue());
    }
}
