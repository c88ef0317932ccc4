package io.stacks.image;

import static io.restassured.RestAssured.given;
import static io.stacks.image.BookImageResourceTest.addedImage;
import static io.stacks.image.BookImageResourceTest.bookOf;
import static io.stacks.image.BookImageResourceTest.member;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.stacks.image.BookImageResourceTest.User;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class InternalImageResourceTest {

    @Test
    void deletesEveryImageOfABookAndOnlyThose() {
        User owner = member();
        String bookId = bookOf(owner);
        String otherBookId = bookOf(owner);
        addedImage(owner, bookId, TestImages.png());
        addedImage(owner, bookId, TestImages.jpeg());
        addedImage(owner, otherBookId, TestImages.gif());
        assertEquals(2, StoredObjects.keysOf(bookId).size());

        given().auth().oauth2(owner.token()).when().delete("/internal/book/{bookId}/images", bookId)
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
        given().auth().oauth2(member().token()).when()
                .delete("/internal/book/{bookId}/images", UUID.randomUUID().toString())
                .then().statusCode(204);
    }

    @Test
    void requiresAToken() {
        given().when().delete("/internal/book/{bookId}/images", UUID.randomUUID().toString())
                .then().statusCode(401).contentType("application/problem+json").body("status", equalTo(401));
    }
}
