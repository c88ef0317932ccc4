package io.stacks.user;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.stacks.devstack.Service;
import io.stacks.devstack.StandinsTestResource;
import java.util.List;
import org.junit.jupiter.api.Test;

/** POST /internal/token: service tokens by the OAuth 2.0 client-credentials grant. */
@QuarkusTest
class ServiceTokenTest {

    private static final String BOOK_SERVICE = "book-service";

    @Test
    void issuesServiceTokenToAuthenticatedClient() {
        asBookService().formParam("grant_type", "client_credentials").formParam("audience", "image-service")
                .when().post("/internal/token")
                .then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("token_type", equalTo("Bearer"))
                .body("expires_in", equalTo(300))
                .body("access_token", notNullValue());
    }

    @Test
    void addressesServiceTokenToTheRequestedAudience() {
        String token = tokenFor("image-service");
        assertEquals(List.of("image-service"), TestAccounts.audiences(token));
    }

    @Test
    void namesTheClientAsServiceTokenSubject() {
        JsonPath claims = TestAccounts.claims(tokenFor("notification-service"));
        assertEquals(BOOK_SERVICE, claims.getString("sub"));
        assertEquals(BOOK_SERVICE, claims.getString("upn"));
        assertEquals("https://stacks.local", claims.getString("iss"));
    }

    @Test
    void givesServiceTokenOnlyTheServiceGroup() {
        assertEquals(List.of("service"), TestAccounts.claims(tokenFor("image-service")).getList("groups"));
    }

    @Test
    void issuesServiceTokenForFiveMinutes() {
        JsonPath claims = TestAccounts.claims(tokenFor("image-service"));
        assertEquals(300, claims.getLong("exp") - claims.getLong("iat"));
    }

    @Test
    void signsServiceTokenWithThePublishedKey() {
        String kid = given().get("/.well-known/jwks.json").then().extract().path("keys[0].kid");
        String token = tokenFor("image-service");
        assertEquals(kid, TestAccounts.header(token).getString("kid"));
        assertEquals("RS256", TestAccounts.header(token).getString("alg"));
    }

    @Test
    void refusesWrongClientSecret() {
        given().auth().preemptive().basic(BOOK_SERVICE, secretOf(Service.BOOK) + "x")
                .contentType(ContentType.URLENC)
                .formParam("grant_type", "client_credentials").formParam("audience", "image-service")
                .when().post("/internal/token")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .body("status", equalTo(401));
    }

    @Test
    void refusesAnotherServicesSecret() {
        given().auth().preemptive().basic(BOOK_SERVICE, secretOf(Service.IMAGE))
                .contentType(ContentType.URLENC)
                .formParam("grant_type", "client_credentials").formParam("audience", "notification-service")
                .when().post("/internal/token")
                .then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void refusesUnknownClient() {
        given().auth().preemptive().basic("printer-service", secretOf(Service.BOOK))
                .contentType(ContentType.URLENC)
                .formParam("grant_type", "client_credentials").formParam("audience", "image-service")
                .when().post("/internal/token")
                .then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void refusesUserServiceItselfAsClient() {
        given().auth().preemptive().basic("user-service", secretOf(Service.USER))
                .contentType(ContentType.URLENC)
                .formParam("grant_type", "client_credentials").formParam("audience", "notification-service")
                .when().post("/internal/token")
                .then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void refusesRequestWithoutClientCredentials() {
        given().contentType(ContentType.URLENC)
                .formParam("grant_type", "client_credentials").formParam("audience", "image-service")
                .when().post("/internal/token")
                .then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void refusesBearerTokenInPlaceOfClientCredentials() {
        given().auth().oauth2(tokenFor("user-service"))
                .contentType(ContentType.URLENC)
                .formParam("grant_type", "client_credentials").formParam("audience", "image-service")
                .when().post("/internal/token")
                .then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void refusesOtherGrantTypeNamingIt() {
        asBookService().formParam("grant_type", "password").formParam("audience", "image-service")
                .when().post("/internal/token")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.grant_type", equalTo("must be client_credentials"));
    }

    @Test
    void refusesMissingGrantType() {
        asBookService().formParam("audience", "image-service")
                .when().post("/internal/token")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.grant_type", notNullValue());
    }

    @Test
    void refusesThePublicApiAsAudience() {
        asBookService().formParam("grant_type", "client_credentials").formParam("audience", "stacks-api")
                .when().post("/internal/token")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.audience", containsString("must name a peer Stacks service"));
    }

    @Test
    void refusesTheClientItselfAsAudience() {
        asBookService().formParam("grant_type", "client_credentials").formParam("audience", BOOK_SERVICE)
                .when().post("/internal/token")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.audience", notNullValue());
    }

    @Test
    void refusesUnknownAudience() {
        asBookService().formParam("grant_type", "client_credentials").formParam("audience", "printer-service")
                .when().post("/internal/token")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.audience", notNullValue());
    }

    @Test
    void refusesMissingAudience() {
        asBookService().formParam("grant_type", "client_credentials")
                .when().post("/internal/token")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.audience", notNullValue());
    }

    @Test
    void refusesServiceTokenForUserServiceAtUserMe() {
        given().auth().oauth2(tokenFor("user-service"))
                .when().get("/user/me")
                .then().statusCode(403)
                .contentType("application/problem+json");
    }

    private static RequestSpecification asBookService() {
        return given().auth().preemptive().basic(BOOK_SERVICE, secretOf(Service.BOOK))
                .contentType(ContentType.URLENC);
    }

    /** A service token for book-service to call the audience with, from the endpoint under test. */
    private static String tokenFor(String audience) {
        return asBookService().formParam("grant_type", "client_credentials").formParam("audience", audience)
                .when().post("/internal/token")
                .then().statusCode(200).extract().path("access_token");
    }

    /** The secret devstack made for the service this run; user-service is configured with its hash only. */
    private static String secretOf(Service service) {
        return StandinsTestResource.secrets().secretOf(service);
    }
}
