package io.stacks.book;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.stacks.devstack.ServiceTokenIssuer;
import io.stacks.devstack.StandinsTestResource;
import io.stacks.devstack.TestIsbns;
import io.stacks.devstack.TestTokens;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = StandinsTestResource.class, initArgs = @ResourceArg(name = "service", value = "book-service"))
@QuarkusTestResource(ImageServiceStub.class)
// user-service's token endpoint: book-service gets its service token for image-service there.
@QuarkusTestResource(ServiceTokenIssuer.class)
class BookResourceTest {

    private static final String PROBLEM = "application/problem+json";

    private final String ownerId = UUID.randomUUID().toString();
    private final String owner = TestTokens.mint(ownerId, "owner-" + ownerId.substring(0, 8) + "@example.com", "member");

    @Test
    void createsBookOwnedByTheCaller() {
        String isbn = TestIsbns.random();
        given().auth().oauth2(owner).contentType(ContentType.JSON)
                .body(Map.of("title", " Dune ", "author", "Frank Herbert", "isbn", hyphenate(isbn), "quantity", 2))
                .when().post("/book")
                .then().statusCode(201)
                .header("Location", containsString("/book/"))
                .body("id", notNullValue())
                .body("title", equalTo("Dune"))
                .body("isbn", equalTo(isbn))
                .body("quantity", equalTo(2))
                .body("createdBy", endsWith("@example.com"))
                .body("createdById", equalTo(ownerId))
                .body("createdAt", notNullValue());
    }

    @Test
    void locationLeadsToTheNewBook() {
        String location = given().auth().oauth2(owner).contentType(ContentType.JSON).body(book(TestIsbns.random()))
                .post("/book").then().statusCode(201).extract().header("Location");
        // Location names the public (gateway) address; its path is the service's own.
        given().auth().oauth2(TestTokens.forNewUser("member")).get(URI.create(location).getPath())
                .then().statusCode(200).body("title", equalTo("Dune"));
    }

    @Test
    void listsBooksAsJsonArrayWithTotalCount() {
        create(owner);
        given().auth().oauth2(owner).get("/book")
                .then().statusCode(200).contentType(ContentType.JSON)
                .header("X-Total-Count", notNullValue())
                .body("$.size()", org.hamcrest.Matchers.greaterThan(0));
    }

    @Test
    void pagesWithLinkHeaders() {
        create(owner);
        create(owner);
        create(owner);
        given().auth().oauth2(owner).queryParam("page", 1).queryParam("size", 1).get("/book")
                .then().statusCode(200)
                .body("$.size()", equalTo(1))
                .header("Link", containsString("rel=\"next\""))
                .header("Link", containsString("rel=\"prev\""));
    }

    @Test
    void locationAndPageLinksUseThePublicAddress() {
        String publicUrl = ConfigProvider.getConfig().getValue("stacks.public-url", String.class);
        given().auth().oauth2(owner).contentType(ContentType.JSON).body(book(TestIsbns.random())).post("/book")
                .then().header("Location", startsWith(publicUrl + "/book/"));
        create(owner);
        given().auth().oauth2(owner).queryParam("size", 1).get("/book")
                .then().header("Link", equalTo("<" + publicUrl + "/book?size=1&page=1>; rel=\"next\""));
    }

    @Test
    void rejectsPageThatIsNotANumber() {
        problem(given().auth().oauth2(owner).queryParam("page", "two").get("/book"), 400)
                .body("errors", hasKey("page"));
    }

    @Test
    void rejectsPageSizeAboveTheLimit() {
        problem(given().auth().oauth2(owner).queryParam("size", 1000).get("/book"), 400)
                .body("errors", hasKey("size"));
    }

    @Test
    void getsOneBook() {
        String id = create(owner);
        given().auth().oauth2(TestTokens.forNewUser("member")).get("/book/" + id)
                .then().statusCode(200).body("id", equalTo(id));
    }

    @Test
    void answersUnknownBookWith404() {
        problem(given().auth().oauth2(owner).get("/book/" + UUID.randomUUID()), 404)
                .body("detail", containsString("no book"));
    }

    @Test
    void ownerUpdatesTheirBook() {
        String id = create(owner);
        Map<String, Object> change = Map.of("title", "Dune Messiah", "author", "Frank Herbert",
                "isbn", TestIsbns.random(),
                "quantity", 0);
        given().auth().oauth2(owner).contentType(ContentType.JSON).body(change).put("/book/" + id)
                .then().statusCode(200).body("title", equalTo("Dune Messiah")).body("quantity", equalTo(0));
        given().auth().oauth2(owner).get("/book/" + id).then().body("title", equalTo("Dune Messiah"));
    }

    @Test
    void forbidsAnotherMemberToUpdate() {
        String id = create(owner);
        problem(given().auth().oauth2(TestTokens.forNewUser("member")).contentType(ContentType.JSON)
                .body(book(TestIsbns.random())).put("/book/" + id), 403);
    }

    @Test
    void staffUpdatesAnyBook() {
        String id = create(owner);
        given().auth().oauth2(TestTokens.forNewUser("member", "staff")).contentType(ContentType.JSON)
                .body(book(TestIsbns.random())).put("/book/" + id).then().statusCode(200);
    }

    @Test
    void answersUpdateOfUnknownBookWith404() {
        problem(given().auth().oauth2(owner).contentType(ContentType.JSON).body(book(TestIsbns.random()))
                .put("/book/" + UUID.randomUUID()), 404);
    }

    @Test
    void forbidsAnotherMemberToDelete() {
        String id = create(owner);
        problem(given().auth().oauth2(TestTokens.forNewUser("member")).delete("/book/" + id), 403);
        given().auth().oauth2(owner).get("/book/" + id).then().statusCode(200);
    }

    @Test
    void ownerDeletesTheirBook() {
        String id = create(owner);
        given().auth().oauth2(owner).delete("/book/" + id).then().statusCode(204);
        problem(given().auth().oauth2(owner).get("/book/" + id), 404);
    }

    @Test
    void adminDeletesAnyBook() {
        String id = create(owner);
        given().auth().oauth2(TestTokens.forNewUser("member", "staff", "admin")).delete("/book/" + id)
                .then().statusCode(204);
    }

    @Test
    void answersDeleteOfUnknownBookWith404() {
        problem(given().auth().oauth2(owner).delete("/book/" + UUID.randomUUID()), 404);
    }

    @Test
    void rejectsMissingFieldsNamingEach() {
        problem(given().auth().oauth2(owner).contentType(ContentType.JSON).body("{}").post("/book"), 400)
                .body("errors", hasKey("title")).body("errors", hasKey("author"))
                .body("errors", hasKey("isbn")).body("errors", hasKey("quantity"));
    }

    @Test
    void rejectsIsbnWithWrongCheckDigit() {
        String isbn = TestIsbns.random();
        String wrong = isbn.substring(0, 12) + ((isbn.charAt(12) - '0' + 1) % 10);
        problem(given().auth().oauth2(owner).contentType(ContentType.JSON).body(book(wrong)).post("/book"), 400)
                .body("errors.isbn", containsString("ISBN"));
    }

    @Test
    void acceptsIsbn10EndingInX() {
        given().auth().oauth2(owner).contentType(ContentType.JSON).body(book("0-8044-2957-X")).post("/book")
                .then().statusCode(anyOf201or409()).contentType(containsString("json"));
    }

    @Test
    void rejectsNegativeQuantity() {
        Map<String, Object> body = Map.of("title", "T", "author", "A", "isbn", TestIsbns.random(), "quantity", -1);
        problem(given().auth().oauth2(owner).contentType(ContentType.JSON).body(body).post("/book"), 400)
                .body("errors", hasKey("quantity"));
    }

    @Test
    void rejectsQuantityOfTheWrongType() {
        String body = "{\"title\":\"T\",\"author\":\"A\",\"isbn\":\"" + TestIsbns.random() + "\",\"quantity\":\"many\"}";
        problem(given().auth().oauth2(owner).contentType(ContentType.JSON).body(body).post("/book"), 400)
                .body("errors", hasKey("quantity"));
    }

    @Test
    void rejectsMalformedJson() {
        problem(given().auth().oauth2(owner).contentType(ContentType.JSON).body("{\"title\": ").post("/book"), 400)
                .body("detail", containsString("JSON"));
    }

    @Test
    void rejectsEmptyBody() {
        problem(given().auth().oauth2(owner).contentType(ContentType.JSON).post("/book"), 400);
    }

    @Test
    void rejectsBodyThatIsNotJson() {
        problem(given().auth().oauth2(owner).contentType(ContentType.TEXT).body("title=Dune").post("/book"), 415);
    }

    @Test
    void rejectsDuplicateIsbn() {
        String isbn = TestIsbns.random();
        create(owner, isbn);
        problem(given().auth().oauth2(TestTokens.forNewUser("member")).contentType(ContentType.JSON)
                .body(book(hyphenate(isbn))).post("/book"), 409).body("detail", containsString(isbn));
    }

    @Test
    void rejectsUpdateToAnotherBooksIsbn() {
        String isbn = TestIsbns.random();
        create(owner, isbn);
        String id = create(owner);
        problem(given().auth().oauth2(owner).contentType(ContentType.JSON).body(book(isbn)).put("/book/" + id), 409);
    }

    @Test
    void requiresAToken() {
        problem(given().get("/book"), 401).header("WWW-Authenticate", containsString("Bearer"));
    }

    @Test
    void refusesServiceTokenAtPublicEndpoints() {
        String id = create(owner);
        String serviceToken = TestTokens.service("image-service", "book-service");
        problem(given().auth().oauth2(serviceToken).get("/book"), 403);
        problem(given().auth().oauth2(serviceToken).get("/book/" + id), 403);
        problem(given().auth().oauth2(serviceToken).delete("/book/" + id), 403);
        given().auth().oauth2(owner).get("/book/" + id).then().statusCode(200);
    }

    @Test
    void rejectsTokenForAnotherAudience() {
        problem(given().auth().oauth2(TestTokens.service("image-service", "notification-service")).get("/book"), 401);
    }

    @Test
    void rejectsForgedToken() {
        String[] parts = owner.split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
        problem(given().auth().oauth2(forged).get("/book"), 401);
    }

    @Test
    void rejectsBasicCredentials() {
        problem(given().auth().preemptive().basic("someone@example.com", "secret123").get("/book"), 401);
    }

    @Test
    void answersUnknownPathWith404Problem() {
        problem(given().auth().oauth2(owner).get("/nothing/here"), 404);
    }

    @Test
    void echoesTheRequestId() {
        given().auth().oauth2(owner).header("X-Request-Id", "test-req-42").get("/book")
                .then().header("X-Request-Id", equalTo("test-req-42"));
    }

    @Test
    void givesEveryResponseARequestId() {
        problem(given().get("/book/" + UUID.randomUUID()), 401).header("X-Request-Id", notNullValue())
                .body("requestId", notNullValue());
    }

    @Test
    void isReadyWhenTheDatabaseIs() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void publishesPrometheusMetrics() {
        given().get("/q/metrics").then().statusCode(200).body(containsString("http_server_requests"));
    }

    @Test
    void documentsErrorResponsesInOpenApi() {
        String openapi = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().asString();
        assertTrue(openapi.contains("\"409\"") && openapi.contains("application/problem+json"), openapi);
    }

    private static org.hamcrest.Matcher<Integer> anyOf201or409() {
        // the ISBN-10 is fixed, so a second run against a kept database finds it taken
        return org.hamcrest.Matchers.anyOf(equalTo(201), equalTo(409));
    }

    private static ValidatableResponse problem(io.restassured.response.Response response, int status) {
        return response.then().statusCode(status).contentType(PROBLEM).body("status", equalTo(status))
                .body("title", notNullValue());
    }

    private String create(String token) {
        return create(token, TestIsbns.random());
    }

    private String create(String token, String isbn) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(book(isbn)).post("/book")
                .then().statusCode(201).extract().path("id");
    }

    private static Map<String, Object> book(String isbn) {
        return Map.of("title", "Dune", "author", "Frank Herbert", "isbn", isbn, "quantity", 3);
    }

    private static String hyphenate(String isbn13) {
        return isbn13.substring(0, 3) + "-" + isbn13.substring(3, 4) + "-" + isbn13.substring(4, 8) + "-"
                + isbn13.substring(8, 12) + "-" + isbn13.substring(12);
    }
}
