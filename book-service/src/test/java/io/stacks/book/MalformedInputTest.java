package io.stacks.book;

import static io.restassured.RestAssured.given;
import static io.restassured.config.EncoderConfig.encoderConfig;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.stacks.devstack.ServiceTokenIssuer;
import io.stacks.devstack.StandinsTestResource;
import io.stacks.devstack.TestIsbns;
import io.stacks.devstack.TestTokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Input that is not quite what the API takes: JSON that is repeated, doubled, of the wrong type, not JSON at all or
 * sent under the wrong Content-Type, and pages past what can be counted. Each is a 4xx problem that names the field
 * or header, in the client's terms, never the parser's. The JSON cases hold for POST /book and PUT /book/{id} alike.
 */
@QuarkusTest
@QuarkusTestResource(value = StandinsTestResource.class, initArgs = @ResourceArg(name = "service", value = "book-service"))
@QuarkusTestResource(ImageServiceStub.class)
@QuarkusTestResource(ServiceTokenIssuer.class)
class MalformedInputTest {

    private static final String PROBLEM = "application/problem+json";
    /** What a problem detail must never show: the JSON library, its settings, its exceptions. */
    private static final Matcher<String> NAMES_NO_INTERNALS = allOf(not(containsString("JsonReadFeature")),
            not(containsString("StreamReadFeature")), not(containsString("StreamReadConstraints")),
            not(containsString("com.fasterxml")), not(containsStringIgnoringCase("jackson")),
            not(containsString("Exception")));

    private final String ownerId = UUID.randomUUID().toString();
    private final String owner = TestTokens.mint(ownerId, "owner-" + ownerId.substring(0, 8) + "@example.com", "member");

    @TestHTTPResource("/book")
    URI books;

    // --- JSON read strictly ---

    @ParameterizedTest
    @ValueSource(strings = { "POST", "PUT" })
    void rejectsRepeatedJsonKeyNamingTheField(String method) {
        String body = "{\"title\":\"Dune\",\"author\":\"Frank Herbert\",\"isbn\":\"" + TestIsbns.random()
                + "\",\"quantity\":3,\"title\":\"Children of Dune\"}";
        problem(send(method, body), 400)
                .body("errors.title", equalTo("appears more than once"))
                .body("detail", equalTo("title: appears more than once"));
    }

    @Test
    void keepsTheBookUnchangedWhenAnUpdateRepeatsAKey() {
        String id = create();
        String body = "{\"title\":\"Dune Messiah\",\"author\":\"Frank Herbert\",\"isbn\":\"" + TestIsbns.random()
                + "\",\"quantity\":0,\"quantity\":7}";
        problem(json().body(body).put("/book/" + id), 400).body("errors.quantity", equalTo("appears more than once"));
        given().auth().oauth2(owner).get("/book/" + id).then().statusCode(200)
                .body("title", equalTo("Dune")).body("quantity", equalTo(3));
    }

    @ParameterizedTest
    @ValueSource(strings = { "POST", "PUT" })
    void rejectsASecondJsonDocumentAfterTheFirst(String method) {
        String first = bookJson(TestIsbns.random());
        problem(send(method, first + " " + bookJson(TestIsbns.random())), 400)
                .body("detail", containsString("more than one JSON value"))
                .body(NAMES_NO_INTERNALS);
    }

    @Test
    void storesNothingFromABodyWithTwoJsonDocuments() {
        String isbn = TestIsbns.random();
        problem(json().body(bookJson(isbn) + "{}").post("/book"), 400);
        // Had the first document been stored, its ISBN would now be taken (409).
        json().body(bookJson(isbn)).post("/book").then().statusCode(201);
    }

    @ParameterizedTest
    @ValueSource(strings = { "POST", "PUT" })
    void rejectsAFractionForAWholeNumberNamingTheField(String method) {
        problem(send(method, bookWith("quantity", "1.5")), 400)
                .body("errors.quantity", equalTo("must be of type number"))
                .body(NAMES_NO_INTERNALS);
    }

    @ParameterizedTest
    @ValueSource(strings = { "POST", "PUT" })
    void rejectsANumberWhereTextBelongsNamingTheField(String method) {
        problem(send(method, bookWith("title", "42")), 400)
                .body("errors.title", equalTo("must be of type string"))
                .body(NAMES_NO_INTERNALS);
    }

    @ParameterizedTest
    @ValueSource(strings = { "POST", "PUT" })
    void rejectsABooleanWhereTextBelongsNamingTheField(String method) {
        problem(send(method, bookWith("author", "true")), 400)
                .body("errors.author", equalTo("must be of type string"))
                .body(NAMES_NO_INTERNALS);
    }

    @ParameterizedTest
    @ValueSource(strings = { "POST", "PUT" })
    void rejectsTextWhereANumberBelongsNamingTheField(String method) {
        problem(send(method, bookWith("quantity", "\"2\"")), 400)
                .body("errors.quantity", equalTo("must be of type number"))
                .body(NAMES_NO_INTERNALS);
    }

    @ParameterizedTest
    @ValueSource(strings = { "NaN", "Infinity", "-Infinity" })
    void rejectsNaNAndInfinityWithThePositionAndWithoutParserSettings(String literal) {
        problem(json().body(bookWith("quantity", literal)).post("/book"), 400)
                .body("detail", containsString("NaN or Infinity"))
                .body("detail", matchesPattern(".*\\(line 1, column \\d+\\)$"))
                .body(NAMES_NO_INTERNALS);
    }

    @ParameterizedTest
    @ValueSource(strings = { "POST", "PUT" })
    void rejectsJsonCutBetweenTokensSayingWhereItEnds(String method) {
        problem(send(method, "{\"title\":\"Dune\",\"author\":"), 400)
                .body("detail", equalTo("the request body ends before its JSON value does (line 1, column 26)"))
                .body(NAMES_NO_INTERNALS);
    }

    @ParameterizedTest
    @ValueSource(strings = { "POST", "PUT" })
    void rejectsJsonCutInsideAStringSayingWhereItEnds(String method) {
        problem(send(method, "{\"title\":\"Dune\",\"author\":\"Frank Her"), 400)
                .body("detail", matchesPattern(
                        "the request body ends before its JSON value does \\(line 1, column \\d+\\)"))
                .body(NAMES_NO_INTERNALS);
    }

    @Test
    void reportsTheLineWhereMultiLineJsonEnds() {
        problem(json().body("{\n  \"title\": \"Dune\",\n  \"author\": ").post("/book"), 400)
                .body("detail", matchesPattern(".*ends before its JSON value does \\(line 3, column \\d+\\)"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "POST", "PUT" })
    void rejectsNestingDeeperThanAThousandLevelsWithoutParserLimits(String method) {
        String deep = "[".repeat(2000) + "]".repeat(2000);
        String body = bookJson(TestIsbns.random()).replaceFirst("\\{", "{\"notes\":" + deep + ",");
        problem(send(method, body), 400)
                .body("detail", containsString("nested deeper than 1000 levels"))
                .body(NAMES_NO_INTERNALS);
    }

    @Test
    void rejectsDeeplyNestedObjectsWithoutParserLimits() {
        String deep = "{\"a\":".repeat(2000) + "1" + "}".repeat(2000);
        String body = bookJson(TestIsbns.random()).replaceFirst("\\{", "{\"notes\":" + deep + ",");
        problem(json().body(body).post("/book"), 400)
                .body("detail", containsString("nested deeper than 1000 levels"))
                .body(NAMES_NO_INTERNALS);
    }

    // --- Content-Type ---

    @ParameterizedTest
    @ValueSource(strings = { "POST", "PUT" })
    void rejectsJsonWithoutContentTypeNamingTheHeader(String method) throws IOException, InterruptedException {
        String path = method.equals("PUT") ? "/" + create() : "";
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(books + path)).header("Authorization", "Bearer " + owner)
                .method(method, HttpRequest.BodyPublishers.ofString(bookJson(TestIsbns.random()))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(415, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith(PROBLEM),
                response.headers().toString());
        JsonPath problem = JsonPath.from(response.body());
        assertEquals(415, problem.getInt("status"));
        assertEquals("Content-Type must be application/json (was missing)", problem.getString("detail"));
    }

    @Test
    void rejectsWildcardContentTypeNamingTheHeader() {
        problem(withContentType("*/*").post("/book"), 415)
                .body("detail", equalTo("Content-Type must be application/json (was '*/*')"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "text/plain", "application/octet-stream", "application/xml", "application/*" })
    void rejectsAContentTypeThatIsNotJsonNamingTheHeader(String type) {
        problem(withContentType(type).post("/book"), 415)
                .body("detail", containsStringIgnoringCase("Content-Type"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "bogus", "iso-8859-1", "UTF-16" })
    void rejectsACharsetOtherThanUtf8NamingTheHeader(String charset) {
        problem(withContentType("application/json; charset=" + charset).post("/book"), 415)
                .body("detail", startsWith("Content-Type"))
                .body("detail", containsString(charset));
    }

    @Test
    void rejectsAnotherCharsetOnUpdateTooAndKeepsTheBook() {
        String id = create();
        problem(withContentType("application/json; charset=iso-8859-1").put("/book/" + id), 415)
                .body("detail", startsWith("Content-Type"));
        given().auth().oauth2(owner).get("/book/" + id).then().statusCode(200).body("title", equalTo("Dune"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "application/json", "application/json; charset=UTF-8", "application/json;charset=utf-8",
        "Application/JSON; Charset=Utf-8" })
    void acceptsJsonInUtf8WhateverTheCase(String type) {
        withContentType(type).post("/book").then().statusCode(201).body("title", equalTo("Dune"));
    }

    // --- paging ---

    @Test
    void rejectsThePageWhoseFirstBookCannotBeCountedNamingPage() {
        problem(given().auth().oauth2(owner).queryParam("page", Integer.MAX_VALUE).get("/book"), 400)
                .body("errors", hasKey("page"))
                .body("errors", not(hasKey("size")))
                .body("detail", startsWith("page: "));
    }

    @Test
    void rejectsPageTimesSizeBeyondTheIntegerRangeNamingPage() {
        problem(given().auth().oauth2(owner).queryParam("page", 21474837).queryParam("size", 100).get("/book"), 400)
                .body("errors.page", equalTo("must be a whole number from 0 to 21474836"));
    }

    @Test
    void answersTheLastCountablePageWithAnEmptyList() {
        given().auth().oauth2(owner).queryParam("page", 21474836).queryParam("size", 100).get("/book")
                .then().statusCode(200).contentType(ContentType.JSON)
                .header("X-Total-Count", notNullValue())
                .body("$.size()", equalTo(0));
    }

    // --- helpers ---

    private io.restassured.specification.RequestSpecification json() {
        return given().auth().oauth2(owner).contentType(ContentType.JSON);
    }

    /** The request as typed: the Content-Type header exactly as given, the body a valid book in UTF-8. */
    private io.restassured.specification.RequestSpecification withContentType(String type) {
        return given().config(RestAssured.config().encoderConfig(
                encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .auth().oauth2(owner).contentType(type)
                .body(bookJson(TestIsbns.random()).getBytes(StandardCharsets.UTF_8));
    }

    /** POST /book, or PUT to a book of the owner's made for the purpose. */
    private Response send(String method, String body) {
        return switch (method) {
            case "POST" -> json().body(body).post("/book");
            case "PUT" -> json().body(body).put("/book/" + create());
            default -> throw new IllegalArgumentException(method);
        };
    }

    private String create() {
        return json().body(bookJson(TestIsbns.random())).post("/book").then().statusCode(201).extract().path("id");
    }

    private static String bookJson(String isbn) {
        return "{\"title\":\"Dune\",\"author\":\"Frank Herbert\",\"isbn\":\"" + isbn + "\",\"quantity\":3}";
    }

    /** A valid book with one field's JSON value replaced, as raw JSON text. */
    private static String bookWith(String field, String rawValue) {
        Map<String, String> fields = new java.util.LinkedHashMap<>(Map.of("title", "\"Dune\"",
                "author", "\"Frank Herbert\"", "isbn", "\"" + TestIsbns.random() + "\"", "quantity", "3"));
        fields.put(field, rawValue);
        return fields.entrySet().stream().map(e -> "\"" + e.getKey() + "\":" + e.getValue())
                .collect(java.util.stream.Collectors.joining(",", "{", "}"));
    }

    private static ValidatableResponse problem(Response response, int status) {
        return response.then().statusCode(status).contentType(PROBLEM).body("status", equalTo(status))
                .body("title", notNullValue()).body("requestId", notNullValue());
    }
}
