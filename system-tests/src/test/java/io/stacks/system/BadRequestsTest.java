package io.stacks.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;

import io.restassured.http.ContentType;
import io.stacks.devstack.TestIsbns;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Bad input through the gateway: always the right 4xx with a problem+json body, never a 5xx. */
@ExtendWith(RunningStack.class)
class BadRequestsTest {

    private static String token;

    @BeforeAll
    static void signIn() {
        String username = Accounts.verifiedUser();
        token = Accounts.accessToken(username, Accounts.PASSWORD);
    }

    @Test
    void malformedJsonIs400() {
        problem(given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"title\": \"x\",").post("/book"), 400);
        problem(given().contentType(ContentType.JSON).body("{oops").post("/user/register"), 400);
    }

    @Test
    void missingFieldsAre400NamingEachField() {
        problem(given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"title\":\"Only a title\"}")
                .post("/book"), 400).body("errors", hasKey("author")).body("errors", hasKey("isbn"));
        problem(given().contentType(ContentType.JSON).body("{}").post("/user/register"), 400);
    }

    @Test
    void wrongTypesAre400() {
        problem(given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("title", "T", "author", "A", "isbn", TestIsbns.random(), "quantity", "lots")).post("/book"), 400)
                .body("errors", hasKey("quantity"));
    }

    @Test
    void weakPasswordIs400NamingTheRule() {
        problem(given().contentType(ContentType.JSON)
                .body(Map.of("username", Accounts.newUsername(), "password", "short")).post("/user/register"), 400)
                .body("errors", hasKey("password"));
    }

    @Test
    void unknownIdsAre404() {
        problem(given().auth().oauth2(token).get("/book/" + UUID.randomUUID()), 404);
        problem(given().auth().oauth2(token).get("/book/" + UUID.randomUUID() + "/image/" + UUID.randomUUID()), 404);
    }

    @Test
    void wrongMediaTypeIs415() {
        problem(given().auth().oauth2(token).contentType(ContentType.XML).body("<book/>").post("/book"), 415);
        String bookId = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("title", "T", "author", "A", "isbn", TestIsbns.random(), "quantity", 1)).post("/book")
                .then().statusCode(201).extract().path("id");
        problem(given().auth().oauth2(token).multiPart("file", "notes.png", "just text".getBytes(), "image/png")
                .post("/book/" + bookId + "/image"), 415);
    }

    @Test
    void missingAuthIs401() {
        problem(given().get("/book"), 401);
        problem(given().get("/"), 401);
        problem(given().get("/user/me"), 401);
        problem(given().contentType(ContentType.JSON).body(Map.of("title", "T")).post("/book"), 401);
    }

    @Test
    void wrongPasswordIs401NotAServerError() {
        problem(given().auth().preemptive().basic(Accounts.verifiedUser(), "not-the-password-1").get("/book"), 401);
    }

    @Test
    void internalEndpointsAreNotRouted() {
        problem(given().auth().oauth2(token).delete("/internal/book/" + UUID.randomUUID() + "/images"), 404);
    }

    @Test
    void checkStatusReportsEveryServiceUp() {
        given().get("/check-status").then().statusCode(200).body("status", equalTo("UP"));
    }

    private static ValidatableResponse problem(Response response, int status) {
        return response.then().statusCode(status).contentType("application/problem+json")
                .body("status", equalTo(status)).body("detail", notNullValue());
    }
}
