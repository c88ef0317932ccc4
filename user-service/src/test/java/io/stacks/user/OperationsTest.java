package io.stacks.user;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OperationsTest {

    @Test
    void isReadyWhenDatabaseAndTokenTableAnswer() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("dynamodb-tokens"));
    }

    @Test
    void isLive() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void documentsEveryEndpointWithItsProblemResponses() {
        given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("paths.'/user/register'.post.responses.'409'.content.'application/problem+json'", notNullValue())
                .body("paths.'/user/register'.post.responses.'503'", notNullValue())
                .body("paths.'/user/verify'.post.responses.'400'", notNullValue())
                .body("paths.'/user/me'.get.responses.'401'", notNullValue())
                .body("paths.'/auth/token'.post.responses.'403'", notNullValue())
                .body("paths.'/reset'.post.responses.'202'", notNullValue())
                .body("paths.'/reset/confirm'.post.responses.'400'", notNullValue())
                .body("paths.'/.well-known/jwks.json'.get.responses.'200'", notNullValue())
                .body("paths.'/internal/token'.post.responses.'200'", notNullValue())
                .body("paths.'/internal/token'.post.responses.'400'.content.'application/problem+json'", notNullValue())
                .body("paths.'/internal/token'.post.responses.'401'", notNullValue());
    }

    @Test
    void exposesPrometheusMetrics() {
        given().when().get("/q/metrics").then().statusCode(200);
    }

    @Test
    void isReadyWithTheOutboxTableMigrated() {
        given().when().get("/q/health/ready").then().statusCode(200);
        OutboxRows.mailTo("nobody@example.com"); // the table exists and has the expected columns
    }

    @Test
    void answersUnknownPathWithProblem() {
        given().when().get("/no/such/path")
                .then().statusCode(404)
                .contentType("application/problem+json");
    }
}
