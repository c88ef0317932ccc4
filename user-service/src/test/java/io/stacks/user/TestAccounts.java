package io.stacks.user;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Shortcuts through the public API for tests that need an account in a given state. */
final class TestAccounts {

    static final String PASSWORD = "Sunny-day-42";
    static final String TOKENS_TABLE = "stacks-user-tokens";

    private TestAccounts() {
    }

    static String newUsername() {
        return "u" + UUID.randomUUID().toString().substring(0, 12) + "@example.com";
    }

    static Map<String, String> credentials(String username, String password) {
        return Map.of("username", username, "password", password);
    }

    /** Signs up and returns the new account's id. */
    static String register(String username) {
        return given().contentType(ContentType.JSON).body(credentials(username, PASSWORD))
                .when().post("/user/register")
                .then().statusCode(201).extract().path("id");
    }

    /** Signs up and verifies through the mailed link; returns the account's id. */
    static String registerVerified(String username) {
        String id = register(username);
        given().contentType(ContentType.JSON).body(Map.of("token", MailStub.lastToken(username, "verify")))
                .when().post("/user/verify")
                .then().statusCode(200);
        return id;
    }

    static String login(String username, String password) {
        return given().contentType(ContentType.JSON).body(credentials(username, password))
                .when().post("/auth/token")
                .then().statusCode(200).extract().path("access_token");
    }

    /** The claims of a JWT, read without checking the signature. */
    static JsonPath claims(String jwt) {
        return part(jwt, 1);
    }

    /** A JWT's `aud`, which may be one string or a list of them. */
    static List<String> audiences(String jwt) {
        Object aud = claims(jwt).get("aud");
        if (aud == null) {
            return List.of();
        }
        return aud instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of(aud.toString());
    }

    static JsonPath header(String jwt) {
        return part(jwt, 0);
    }

    private static JsonPath part(String jwt, int index) {
        String json = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[index]),
                StandardCharsets.UTF_8);
        return JsonPath.from(json);
    }

    static String sha256Hex(String value) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
