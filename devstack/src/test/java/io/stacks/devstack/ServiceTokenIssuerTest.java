package io.stacks.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The stub of user-service's POST /internal/token, after real (backend-less) stand-ins for the gateway. */
class ServiceTokenIssuerTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String FORM = "grant_type=client_credentials&audience=image-service";

    private static final StandinsTestResource STANDINS = new StandinsTestResource();
    private static final ServiceTokenIssuer ISSUER = new ServiceTokenIssuer();
    private static Map<String, String> issuerConfig;
    private static URI tokenEndpoint;

    @BeforeAll
    static void start() {
        STANDINS.init(Map.of("service", "gateway"));
        STANDINS.start();
        issuerConfig = ISSUER.start();
        tokenEndpoint = URI.create(issuerConfig.get("quarkus.rest-client.user-service.url") + "/internal/token");
    }

    @AfterAll
    static void stop() {
        ISSUER.stop();
        STANDINS.stop();
    }

    private static HttpResponse<String> post(String authorization, String form) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(tokenEndpoint).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String client, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((client + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    private static String secretOf(Service service) {
        return StandinsTestResource.secrets().secretOf(service);
    }

    private static String field(String json, String pattern) {
        Matcher matcher = Pattern.compile(pattern).matcher(json);
        assertTrue(matcher.find(), json);
        return matcher.group(1);
    }

    @Test
    void replacesTheUserServiceUrlWithItsOwnAfterTheStandins() {
        assertEquals(Map.of("quarkus.rest-client.user-service.url", "http://127.0.0.1:" + tokenEndpoint.getPort()),
                issuerConfig);
        assertTrue(ISSUER.order() > STANDINS.order(), "must start after the stand-ins, whose URL it replaces");
    }

    @Test
    void issuesAServiceTokenForTheRightSecret() throws Exception {
        long before = Instant.now().getEpochSecond();
        HttpResponse<String> response = post(basic("book-service", secretOf(Service.BOOK)), FORM);
        long after = Instant.now().getEpochSecond();

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(null));
        assertEquals("300", field(response.body(), "\"expires_in\":(\\d+)"));
        assertEquals("Bearer", field(response.body(), "\"token_type\":\"([^\"]*)\""));
        String token = field(response.body(), "\"access_token\":\"([^\"]+)\"");
        assertTrue(Jwts.verifies(token, StandinsTestResource.keys().publicKeyFile()));
        String claims = Jwts.claims(token);
        assertEquals("book-service", Jwts.string(claims, "sub"));
        assertEquals("book-service", Jwts.string(claims, "upn"));
        assertEquals("image-service", Jwts.string(claims, "aud"));
        assertEquals("[\"service\"]", Jwts.array(claims, "groups"));
        assertEquals(TestTokens.ISSUER, Jwts.string(claims, "iss"));
        long expiry = Jwts.number(claims, "exp");
        assertTrue(expiry >= before + 300 && expiry <= after + 300, claims);
    }

    @Test
    void issuesTokensToEveryClientOfTheRun() throws Exception {
        for (Service service : EnumSet.complementOf(EnumSet.of(Service.USER))) {
            HttpResponse<String> response = post(basic(service.module(), secretOf(service)),
                    "grant_type=client_credentials&audience=user-service");
            assertEquals(200, response.statusCode(), service + ": " + response.body());
            String token = field(response.body(), "\"access_token\":\"([^\"]+)\"");
            assertEquals(service.module(), Jwts.string(Jwts.claims(token), "sub"));
            assertEquals("user-service", Jwts.string(Jwts.claims(token), "aud"));
        }
    }

    @Test
    void decodesTheAudienceFromTheForm() throws Exception {
        HttpResponse<String> response = post(basic("gateway", secretOf(Service.GATEWAY)),
                "audience=notification%2Dservice&grant_type=client_credentials");
        assertEquals(200, response.statusCode(), response.body());
        String token = field(response.body(), "\"access_token\":\"([^\"]+)\"");
        assertEquals("notification-service", Jwts.string(Jwts.claims(token), "aud"));
    }

    @Test
    void refusesAWrongSecret() throws Exception {
        HttpResponse<String> response = post(basic("book-service", secretOf(Service.BOOK) + "x"), FORM);
        assertEquals(401, response.statusCode(), response.body());
        assertEquals("{\"status\":401}", response.body());
    }

    @Test
    void refusesAnotherServicesSecret() throws Exception {
        assertEquals(401, post(basic("book-service", secretOf(Service.IMAGE)), FORM).statusCode());
    }

    @Test
    void refusesAnUnknownClient() throws Exception {
        assertEquals(401, post(basic("billing-service", secretOf(Service.BOOK)), FORM).statusCode());
    }

    @Test
    void refusesARequestWithoutCredentials() throws Exception {
        assertEquals(401, post(null, FORM).statusCode());
    }

    @Test
    void refusesABearerTokenInsteadOfClientCredentials() throws Exception {
        String token = TestTokens.service("book-service", "user-service");
        assertEquals(401, post("Bearer " + token, FORM).statusCode());
    }

    @Test
    void refusesCredentialsWithoutASecret() throws Exception {
        String noColon = "Basic " + Base64.getEncoder().encodeToString("book-service".getBytes(StandardCharsets.UTF_8));
        assertEquals(401, post(noColon, FORM).statusCode());
    }

    @Test
    void refusesAnotherGrantTypeAsUserServiceDoes() throws Exception {
        assertEquals(400, post(basic("book-service", secretOf(Service.BOOK)),
                "grant_type=password&audience=image-service").statusCode());
    }

    @Test
    void refusesAnAudienceThatIsNoPeerAsUserServiceDoes() throws Exception {
        String book = basic("book-service", secretOf(Service.BOOK));
        assertEquals(400, post(book, "grant_type=client_credentials").statusCode());
        assertEquals(400, post(book, "grant_type=client_credentials&audience=book-service").statusCode());
        assertEquals(400, post(book, "grant_type=client_credentials&audience=stacks-api").statusCode());
    }

    @Test
    void refusesUserServiceAsAClient() throws Exception {
        assertEquals(401, post(basic("user-service", secretOf(Service.USER)), FORM).statusCode());
    }

    @Test
    void refusesBasicCredentialsThatAreNotBase64() throws Exception {
        assertEquals(401, post("Basic !!!not-base64!!!", FORM).statusCode());
    }
}
