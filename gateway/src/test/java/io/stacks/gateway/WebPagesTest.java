package io.stacks.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The pages that verification and reset mails link to. */
@QuarkusTest
class WebPagesTest {

    @Test
    void servesTheVerifyPageThatMailLinksOpen() {
        given().queryParam("token", "abc").get("/app/verify")
                .then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("Confirm your account")).body(containsString("/app/stacks.js"));
    }

    @Test
    void servesTheResetPageWithAPasswordForm() {
        given().queryParam("token", "abc").get("/app/reset")
                .then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("type=\"password\""));
    }

    @Test
    void pagesNeverLeakTheirTokenAsReferrer() {
        given().queryParam("token", "abc").get("/app/reset")
                .then().header("Referrer-Policy", equalTo("no-referrer"))
                .header("Content-Security-Policy", containsString("default-src 'self'"))
                .header("Cache-Control", equalTo("no-store"));
    }

    @Test
    void servesTheScriptThatCallsTheApi() {
        given().get("/app/stacks.js")
                .then().statusCode(200).contentType(containsString("javascript"))
                .body(containsString("/user/verify")).body(containsString("/reset/confirm"));
    }

    @Test
    void unknownPageIs404Problem() {
        given().get("/app/nothing.html").then().statusCode(404).contentType("application/problem+json");
    }
}
