package io.stacks.user;

import static io.restassured.RestAssured.given;
import static io.restassured.config.EncoderConfig.encoderConfig;
import static io.stacks.user.TestAccounts.PASSWORD;
import static io.stacks.user.TestAccounts.credentials;
import static io.stacks.user.TestAccounts.newUsername;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * JSON bodies of the account endpoints read strictly: a key given twice, a second document, a number or boolean
 * for text, NaN, a cut-off or deeply nested body, and a body not declared as UTF-8 JSON are each a 4xx problem that
 * names the field or header, never the parser, and change nothing. (The stand-ins are declared on
 * {@link SignUpTest}.)
 */
@QuarkusTest
class MalformedInputTest {

    private static final String PROBLEM = "application/problem+json";
    private static final Matcher<String> NAMES_NO_INTERNALS = allOf(not(containsString("JsonReadFeature")),
            not(containsString("StreamReadFeature")), not(containsString("StreamReadConstraints")),
            not(containsString("com.fasterxml")), not(containsStringIgnoringCase("jackson")),
            not(containsString("Exception")));

    @TestHTTPResource("/auth/token")
    URI tokenEndpoint;

    /** Each JSON endpoint, with a body that repeats one of its keys, and that key. */
    static Stream<Arguments> repeatedKeys() {
        return Stream.of(
                Arguments.of("/user/register", "{\"username\":\"" + newUsername() + "\",\"password\":\"" + PASSWORD
                        + "\",\"username\":\"" + newUsername() + "\"}", "username"),
                Arguments.of("/auth/token", "{\"username\":\"" + newUsername() + "\",\"password\":\"wrong-one-1\","
                        + "\"password\":\"" + PASSWORD + "\"}", "password"),
                Arguments.of("/reset", "{\"username\":\"" + newUsername() + "\",\"username\":\"" + newUsername()
                        + "\"}", "username"),
                Arguments.of("/reset/confirm", "{\"token\":\"one\",\"password\":\"Rainy-night-77\",\"token\":\"two\"}",
                        "token"),
                Arguments.of("/user/verify", "{\"token\":\"one\",\"token\":\"two\"}", "token"));
    }

    /** Each JSON endpoint with a body it reads, followed by a second JSON document. */
    static Stream<Arguments> secondDocuments() {
        return Stream.of(
                Arguments.of("/user/register", "{\"username\":\"" + newUsername() + "\",\"password\":\"" + PASSWORD
                        + "\"} {\"username\":\"" + newUsername() + "\",\"password\":\"" + PASSWORD + "\"}"),
                Arguments.of("/auth/token", "{\"username\":\"" + newUsername() + "\",\"password\":\"" + PASSWORD
                        + "\"} {}"),
                Arguments.of("/reset", "{\"username\":\"" + newUsername() + "\"}\n{\"username\":\"x@example.com\"}"),
                Arguments.of("/reset/confirm", "{\"token\":\"one\",\"password\":\"Rainy-night-77\"}[]"),
                Arguments.of("/user/verify", "{\"token\":\"one\"} 42"));
    }

    /** Each JSON endpoint with a number or boolean for one of its text fields, and that field. */
    static Stream<Arguments> scalarsForText() {
        return Stream.of(
                Arguments.of("/user/register", "{\"username\":42,\"password\":\"" + PASSWORD + "\"}", "username"),
                Arguments.of("/user/register", "{\"username\":\"" + newUsername() + "\",\"password\":12345678}",
                        "password"),
                Arguments.of("/auth/token", "{\"username\":\"" + newUsername() + "\",\"password\":true}", "password"),
                Arguments.of("/reset", "{\"username\":true}", "username"),
                Arguments.of("/reset/confirm", "{\"token\":\"one\",\"password\":1.5}", "password"),
                Arguments.of("/user/verify", "{\"token\":42}", "token"));
    }

    // --- repeated keys ---

    @ParameterizedTest
    @MethodSource("repeatedKeys")
    void rejectsRepeatedJsonKeyNamingTheField(String path, String body, String field) {
        problem(json().body(body).post(path), 400)
                .body("errors." + field, equalTo("appears more than once"))
                .body("detail", equalTo(field + ": appears more than once"));
    }

    @Test
    void createsNoAccountFromASignUpThatRepeatsTheUsername() {
        String first = newUsername();
        String second = newUsername();
        problem(json().body("{\"username\":\"" + first + "\",\"password\":\"" + PASSWORD + "\",\"username\":\""
                + second + "\"}").post("/user/register"), 400);
        // Neither spelling was taken: both sign up now.
        json().body(credentials(first, PASSWORD)).post("/user/register").then().statusCode(201);
        json().body(credentials(second, PASSWORD)).post("/user/register").then().statusCode(201);
    }

    @Test
    void issuesNoTokenWhenTheRightPasswordIsTheSecondOfTwo() {
        String username = newUsername();
        TestAccounts.registerVerified(username);
        problem(json().body("{\"username\":\"" + username + "\",\"password\":\"wrong-one-1\",\"password\":\""
                + PASSWORD + "\"}").post("/auth/token"), 400)
                .body("errors.password", equalTo("appears more than once"))
                .body("$", not(org.hamcrest.Matchers.hasKey("access_token")));
    }

    @Test
    void keepsTheVerificationTokenUsableAfterABodyThatRepeatsIt() {
        String username = newUsername();
        TestAccounts.register(username);
        String token = MailStub.lastToken(username, "verify");
        problem(json().body("{\"token\":\"" + token + "\",\"token\":\"" + token + "\"}").post("/user/verify"), 400)
                .body("errors.token", equalTo("appears more than once"));
        json().body(Map.of("token", token)).post("/user/verify").then().statusCode(200)
                .body("verified", equalTo(true));
    }

    // --- one JSON value, of the declared types ---

    @ParameterizedTest
    @MethodSource("secondDocuments")
    void rejectsASecondJsonDocumentAfterTheFirst(String path, String body) {
        problem(json().body(body).post(path), 400)
                .body("detail", containsString("more than one JSON value"))
                .body(NAMES_NO_INTERNALS);
    }

    @Test
    void createsNoAccountFromASignUpFollowedByASecondDocument() {
        String username = newUsername();
        problem(json().body("{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD + "\"} {}")
                .post("/user/register"), 400);
        json().body(credentials(username, PASSWORD)).post("/user/register").then().statusCode(201);
    }

    @ParameterizedTest
    @MethodSource("scalarsForText")
    void rejectsANumberOrBooleanWhereTextBelongsNamingTheField(String path, String body, String field) {
        problem(json().body(body).post(path), 400)
                .body("errors." + field, equalTo("must be of type string"))
                .body(NAMES_NO_INTERNALS);
    }

    @ParameterizedTest
    @ValueSource(strings = { "NaN", "Infinity", "-Infinity" })
    void rejectsNaNAndInfinityWithThePositionAndWithoutParserSettings(String literal) {
        problem(json().body("{\"username\":" + literal + ",\"password\":\"" + PASSWORD + "\"}")
                .post("/user/register"), 400)
                .body("detail", containsString("NaN or Infinity"))
                .body("detail", matchesPattern(".*\\(line 1, column \\d+\\)$"))
                .body(NAMES_NO_INTERNALS);
    }

    @ParameterizedTest
    @ValueSource(strings = { "/user/register", "/auth/token", "/reset", "/reset/confirm", "/user/verify" })
    void rejectsJsonCutShortSayingWhereItEnds(String path) {
        problem(json().body("{\"username\":\"a@example.com\",\"token\":").post(path), 400)
                .body("detail", matchesPattern(
                        "the request body ends before its JSON value does \\(line 1, column \\d+\\)"))
                .body(NAMES_NO_INTERNALS);
    }

    @ParameterizedTest
    @ValueSource(strings = { "/user/register", "/auth/token", "/reset", "/reset/confirm", "/user/verify" })
    void rejectsNestingDeeperThanAThousandLevelsWithoutParserLimits(String path) {
        String deep = "[".repeat(2000) + "]".repeat(2000);
        problem(json().body("{\"extra\":" + deep + ",\"username\":\"" + newUsername() + "\",\"password\":\""
                + PASSWORD + "\",\"token\":\"one\"}").post(path), 400)
                .body("detail", containsString("nested deeper than 1000 levels"))
                .body(NAMES_NO_INTERNALS);
    }

    // --- Content-Type ---

    @Test
    void rejectsCredentialsWithoutContentTypeNamingTheHeader() throws IOException, InterruptedException {
        String body = "{\"username\":\"" + newUsername() + "\",\"password\":\"" + PASSWORD + "\"}";
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(tokenEndpoint)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(415, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith(PROBLEM),
                response.headers().toString());
        assertEquals("Content-Type must be application/json (was missing)",
                JsonPath.from(response.body()).getString("detail"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "/user/register", "/auth/token", "/reset", "/reset/confirm", "/user/verify" })
    void rejectsWildcardContentTypeNamingTheHeader(String path) {
        problem(withContentType("*/*", "{\"username\":\"" + newUsername() + "\",\"password\":\"" + PASSWORD
                + "\",\"token\":\"one\"}").post(path), 415)
                .body("detail", equalTo("Content-Type must be application/json (was '*/*')"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "bogus", "iso-8859-1" })
    void rejectsSignUpInACharsetOtherThanUtf8NamingTheHeader(String charset) {
        String username = newUsername();
        problem(withContentType("application/json; charset=" + charset,
                "{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD + "\"}").post("/user/register"), 415)
                .body("detail", startsWith("Content-Type"))
                .body("detail", containsString(charset));
        json().body(credentials(username, PASSWORD)).post("/user/register").then().statusCode(201);
    }

    @ParameterizedTest
    @ValueSource(strings = { "application/json; charset=utf-8", "APPLICATION/JSON; CHARSET=UTF-8" })
    void acceptsJsonInUtf8WhateverTheCase(String type) {
        withContentType(type, "{\"username\":\"" + newUsername() + "\",\"password\":\"" + PASSWORD + "\"}")
                .post("/user/register").then().statusCode(201);
    }

    // --- helpers ---

    private static io.restassured.specification.RequestSpecification json() {
        return given().contentType(ContentType.JSON);
    }

    /** The Content-Type header exactly as given; the body in UTF-8 whatever it says. */
    private static io.restassured.specification.RequestSpecification withContentType(String type, String body) {
        return given().config(RestAssured.config().encoderConfig(
                encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .contentType(type).body(body.getBytes(StandardCharsets.UTF_8));
    }

    private static ValidatableResponse problem(Response response, int status) {
        return response.then().statusCode(status).contentType(PROBLEM).body("status", equalTo(status))
                .body("title", notNullValue()).body("requestId", notNullValue());
    }
}
