package io.stacks.image;

import static io.restassured.RestAssured.given;
import static io.stacks.image.BookImageResourceTest.addedImage;
import static io.stacks.image.BookImageResourceTest.bookOf;
import static io.stacks.image.BookImageResourceTest.member;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.stacks.devstack.TestTokens;
import io.stacks.image.BookImageResourceTest.User;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** DELETE /internal/book/{bookId}/images: book-service's outbox delivers it, with book-service's service token. */
@QuarkusTest
class InternalImageResourceTest {

    private static final String PROBLEM = "application/problem+json";

    /** What book-service presents: a service token from book-service, for image-service. */
    private static String bookService() {
        return TestTokens.service("book-service", "image-service");
    }

    @Test
    void deletesEveryImageOfABookAndOnlyThose() {
        User owner = member();
        String bookId = bookOf(owner);
        String otherBookId = bookOf(owner);
        addedImage(owner, bookId, TestImages.png());
        addedImage(owner, bookId, TestImages.jpeg());
        addedImage(owner, otherBookId, TestImages.gif());
        assertEquals(2, StoredObjects.keysOf(bookId).size());

        given().auth().oauth2(bookService()).header("Idempotency-Key", UUID.randomUUID().toString())
                .when().delete("/internal/book/{bookId}/images", bookId)
                .then().statusCode(204);

        assertTrue(StoredObjects.keysOf(bookId).isEmpty());
        given().auth().oauth2(owner.token()).when().get("/book/{bookId}/image", bookId)
                .then().statusCode(200).header("X-Total-Count", "0");
        assertEquals(1, StoredObjects.keysOf(otherBookId).size());
        given().auth().oauth2(owner.token()).when().get("/book/{bookId}/image", otherBookId)
                .then().statusCode(200).header("X-Total-Count", "1");
    }

    @Test
    void answers204ForABookWithoutImages() {
        given().auth().oauth2(bookService()).when()
                .delete("/internal/book/{bookId}/images", UUID.randomUUID().toString())
                .then().statusCode(204);
    }

    @Test
    void repeatedDeleteOfABooksImagesChangesNothing() {
        User owner = member();
        String bookId = bookOf(owner);
        String otherBookId = bookOf(owner);
        addedImage(owner, bookId, TestImages.png());
        addedImage(owner, otherBookId, TestImages.gif());
        List<String> otherKeys = StoredObjects.keysOf(otherBookId);
        String key = UUID.randomUUID().toString();

        given().auth().oauth2(bookService()).header("Idempotency-Key", key).when()
                .delete("/internal/book/{bookId}/images", bookId).then().statusCode(204);
        given().auth().oauth2(bookService()).header("Idempotency-Key", key).when()
                .delete("/internal/book/{bookId}/images", bookId).then().statusCode(204);

        assertTrue(StoredObjects.keysOf(bookId).isEmpty());
        given().auth().oauth2(owner.token()).when().get("/book/{bookId}/image", bookId)
                .then().statusCode(200).header("X-Total-Count", "0");
        assertEquals(otherKeys, StoredObjects.keysOf(otherBookId));
        given().auth().oauth2(owner.token()).when().get("/book/{bookId}/image", otherBookId)
                .then().statusCode(200).header("X-Total-Count", "1");
    }

    @Test
    void requiresAToken() {
        problem(given().when().delete("/internal/book/{bookId}/images", UUID.randomUUID().toString()), 401);
    }

    @Test
    void forbidsAMembersToken() {
        User owner = member();
        String bookId = bookOf(owner);
        addedImage(owner, bookId, TestImages.png());

        problem(given().auth().oauth2(owner.token()).when().delete("/internal/book/{bookId}/images", bookId), 403);

        assertEquals(1, StoredObjects.keysOf(bookId).size());
    }

    @Test
    void forbidsAnotherServicesToken() {
        User owner = member();
        String bookId = bookOf(owner);
        addedImage(owner, bookId, TestImages.png());
        String userService = TestTokens.service("user-service", "image-service");

        problem(given().auth().oauth2(userService).when().delete("/internal/book/{bookId}/images", bookId), 403);

        assertEquals(1, StoredObjects.keysOf(bookId).size());
    }

    @Test
    void rejectsBookServicesTokenForAnotherService() {
        User owner = member();
        String bookId = bookOf(owner);
        addedImage(owner, bookId, TestImages.png());
        String forNotificationService = TestTokens.service("book-service", "notification-service");

        problem(given().auth().oauth2(forNotificationService).when()
                .delete("/internal/book/{bookId}/images", bookId), 401);

        assertEquals(1, StoredObjects.keysOf(bookId).size());
    }

    private static ValidatableResponse problem(io.restassured.response.Response response, int status) {
        return response.then().statusCode(status).contentType(PROBLEM).body("status", equalTo(status));
    }
}
