package io.stacks.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.restassured.http.ContentType;
import io.stacks.devstack.TestIsbns;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The 13 requests of the original library API (S0), through the gateway, as its clients made them. */
@ExtendWith(RunningStack.class)
class LibraryApiTest {

    @Test
    void originalRequestsWorkWithBasicAuth() {
        String username = Accounts.verifiedUser();
        runOriginalRequests(username, () -> given().auth().preemptive().basic(username, Accounts.PASSWORD));
    }

    @Test
    void originalRequestsWorkWithBearerToken() {
        String username = Accounts.verifiedUser();
        String token = Accounts.accessToken(username, Accounts.PASSWORD);
        runOriginalRequests(username, () -> given().auth().oauth2(token));
    }

    @Test
    void registeringTwiceSaysTheUserExists() {
        String username = Accounts.verifiedUser();
        given().contentType(ContentType.JSON).body(Map.of("username", username, "password", Accounts.PASSWORD))
                .post("/user/register")
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("already exists"));
    }

    @Test
    void unverifiedAccountCannotAuthenticate() {
        String username = Accounts.newUsername();
        Accounts.register(username, Accounts.PASSWORD);
        given().auth().preemptive().basic(username, Accounts.PASSWORD).get("/")
                .then().statusCode(403).contentType("application/problem+json");
    }

    private void runOriginalRequests(String username, Supplier<RequestSpecification> as) {
        // 1: no credentials
        given().get("/").then().statusCode(401).contentType("application/problem+json");
        // 3: the current time for an authenticated caller
        as.get().get("/").then().statusCode(200).body("time", notNullValue());

        // 4: create a book
        String isbn = TestIsbns.random();
        String bookId = as.get().contentType(ContentType.JSON)
                .body(Map.of("title", "The Dispossessed", "author", "Ursula K. Le Guin", "isbn", isbn, "quantity", 2))
                .post("/book")
                .then().statusCode(201).header("Location", containsString("/book/"))
                .body("createdBy", equalTo(username)).body("createdAt", notNullValue())
                .extract().path("id");
        // 5: all books
        as.get().get("/book").then().statusCode(200).contentType(ContentType.JSON)
                .header("X-Total-Count", notNullValue()).body("$.size()", greaterThan(0));
        // 6: one book
        as.get().get("/book/" + bookId).then().statusCode(200).body("isbn", equalTo(isbn));
        // 7: update it
        as.get().contentType(ContentType.JSON)
                .body(Map.of("title", "The Dispossessed", "author", "Ursula K. Le Guin", "isbn", isbn, "quantity", 5))
                .put("/book/" + bookId).then().statusCode(200).body("quantity", equalTo(5));

        // 9: an image for the book
        byte[] png = Images.of("png", 0xff0000);
        String imageId = as.get().multiPart("file", "cover.png", png, "image/png")
                .post("/book/" + bookId + "/image")
                .then().statusCode(201).body("url", notNullValue()).body("book.id", equalTo(bookId))
                .extract().path("id");
        String url = as.get().get("/book/" + bookId + "/image/" + imageId)
                .then().statusCode(200).body("id", equalTo(imageId)).extract().path("url");
        assertArrayEquals(png, as.get().get(url).then().statusCode(200).contentType("image/png")
                .extract().asByteArray());
        // 10: replace it
        byte[] jpeg = Images.of("jpg", 0x00ff00);
        as.get().multiPart("file", "cover.jpg", jpeg, "image/jpeg").put("/book/" + bookId + "/image/" + imageId)
                .then().statusCode(200).body("id", equalTo(imageId)).body("contentType", equalTo("image/jpeg"));
        // 11: read it
        String replacedUrl = as.get().get("/book/" + bookId + "/image/" + imageId)
                .then().statusCode(200).body("url", notNullValue()).extract().path("url");
        assertArrayEquals(jpeg, as.get().get(replacedUrl).then().statusCode(200).extract().asByteArray());
        // 12: delete it
        as.get().delete("/book/" + bookId + "/image/" + imageId).then().statusCode(204);
        as.get().get("/book/" + bookId + "/image/" + imageId).then().statusCode(404);

        // a book deleted with an image still attached takes the image with it
        String keptImageId = as.get().multiPart("file", "back.gif", Images.of("gif", 0x0000ff), "image/gif")
                .post("/book/" + bookId + "/image").then().statusCode(201).extract().path("id");
        // 8: delete the book
        as.get().delete("/book/" + bookId).then().statusCode(204);
        as.get().get("/book/" + bookId).then().statusCode(404);
        as.get().get("/book/" + bookId + "/image/" + keptImageId).then().statusCode(404);
        as.get().get("/book").then().statusCode(200).body("id", org.hamcrest.Matchers.not(hasItem(bookId)));

        // 13: password-reset mail
        given().contentType(ContentType.JSON).body(Map.of("username", username)).post("/reset")
                .then().statusCode(202);
        Mailbox.awaitToken(username, "Reset", 1);
    }
}
