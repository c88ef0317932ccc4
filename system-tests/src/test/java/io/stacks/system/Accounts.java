package io.stacks.system;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import java.util.Map;
import java.util.UUID;

/** Signs people up through the gateway the way a new user does: register, read the mail, verify. */
final class Accounts {

    static final String PASSWORD = "correct-horse-42";

    private Accounts() {
    }

    static String newUsername() {
        return "reader-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    static String register(String username, String password) {
        given().contentType(ContentType.JSON).body(Map.of("username", username, "password", password))
                .post("/user/register").then().statusCode(201);
        return Mailbox.awaitToken(username, "Confirm", 1);
    }

    static String verifiedUser() {
        String username = newUsername();
        String token = register(username, PASSWORD);
        given().contentType(ContentType.JSON).body(Map.of("token", token)).post("/user/verify")
                .then().statusCode(200);
        return username;
    }

    static String accessToken(String username, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("username", username, "password", password))
                .post("/auth/token").then().statusCode(200).extract().path("access_token");
    }
}
