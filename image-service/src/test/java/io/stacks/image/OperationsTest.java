package io.stacks.image;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OperationsTest {

    @Test
    void isReadyWhenDatabaseAndBucketAnswer() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem("s3"));
    }

    @Test
    void isLive() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void documentsTheUploadAsMultipartWithItsErrors() {
        given().accept("application/json").when().get("/q/openapi").then().statusCode(200)
                .body("paths.'/book/{bookId}/image'.post.requestBody.content.'multipart/form-data'", notNullValue())
                .body("paths.'/book/{bookId}/image'.post.responses.'415'.content.'application/problem+json'",
                        notNullValue())
                .body("paths.'/book/{bookId}/image'.post.responses.'413'", notNullValue())
                .body("paths.'/book/{bookId}/image/{imageId}'.put.requestBody.content.'multipart/form-data'",
                        notNullValue())
                .body("paths.'/internal/book/{bookId}/images'.delete.responses.'204'", notNullValue())
                .body("components.securitySchemes.bearer.scheme", equalTo("bearer"));
    }

    @Test
    void publishesMetrics() {
        given().when().get("/q/metrics").then().statusCode(200);
    }

    @Test
    void answersUnknownPathsWithAProblem() {
        given().when().get("/nothing/here").then().statusCode(404).contentType("application/problem+json");
    }
}
