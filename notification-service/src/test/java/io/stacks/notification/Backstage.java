package io.stacks.notification;

import static io.restassured.RestAssured.given;

import io.restassured.path.json.JsonPath;
import io.stacks.devstack.StandinsTestResource;
import io.stacks.devstack.TestTokens;
import io.stacks.platform.auth.Roles;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What tests look at behind the service: the GreenMail inbox, plus tokens and unique addresses. */
final class Backstage {

    private Backstage() {
    }

    static String serviceToken() {
        return TestTokens.mint("user-service", "user-service", Roles.SERVICE);
    }

    /** A recipient no other test writes to. */
    static String newRecipient() {
        return "reader-" + UUID.randomUUID().toString().substring(0, 12) + "@example.com";
    }

    static String verifyLink() {
        return "http://127.0.0.1:8080/app/verify?token=" + UUID.randomUUID().toString().replace("-", "");
    }

    /** The messages in a recipient's inbox, waiting up to 5 s for the first one. */
    static List<Map<String, Object>> inbox(String email) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(5));
        List<Map<String, Object>> messages = read(email);
        while (messages.isEmpty() && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            messages = read(email);
        }
        return messages;
    }

    /** The messages in a recipient's inbox now; GreenMail answers 400 for an address it never received mail for. */
    static List<Map<String, Object>> read(String email) {
        var response = given().get(StandinsTestResource.backends().mailApiUrl() + "/api/user/" + email
                + "/messages/INBOX");
        if (response.statusCode() == 400) {
            return List.of();
        }
        return JsonPath.from(response.then().statusCode(200).extract().asString()).getList("$");
    }
}
