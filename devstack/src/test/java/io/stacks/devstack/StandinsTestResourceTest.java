package io.stacks.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The stand-ins for the gateway, which needs no backend: cheap to start for real. */
class StandinsTestResourceTest {

    private static final StandinsTestResource STANDINS = new StandinsTestResource();
    private static Map<String, String> config;

    @BeforeAll
    static void start() {
        STANDINS.init(Map.of("service", "gateway"));
        config = STANDINS.start();
    }

    @AfterAll
    static void stop() {
        STANDINS.stop();
    }

    private static Path publicKeyFile() {
        return Path.of(URI.create(config.get("mp.jwt.verify.publickey.location")));
    }

    @Test
    void gatewayStartsNoStandin() {
        assertTrue(Service.GATEWAY.backends().isEmpty());
        assertTrue(StandinsTestResource.backends().processes().isEmpty());
    }

    @Test
    void pointsTheServiceAtItsPeersOnFreePorts() {
        for (Service peer : Service.values()) {
            String url = config.get("quarkus.rest-client." + peer.module() + ".url");
            assertTrue(url.matches("http://127\\.0\\.0\\.1:\\d+"), peer + ": " + url);
        }
        assertEquals(config.get("quarkus.rest-client.gateway.url"), "http://127.0.0.1:" + config.get("quarkus.http.port"));
        assertNotEquals("8080", config.get("quarkus.http.port"));
    }

    @Test
    void servicesVerifyTokensWithThisRunsPublicKeyFile() throws Exception {
        assertTrue(config.get("mp.jwt.verify.publickey.location").startsWith("file:"));
        assertTrue(Files.readString(publicKeyFile()).startsWith("-----BEGIN PUBLIC KEY-----"));
        assertEquals(StandinsTestResource.keys().publicKeyFile().toAbsolutePath(), publicKeyFile().toAbsolutePath());
    }

    @Test
    void givesTheServiceThisRunsClientSecret() {
        assertEquals(StandinsTestResource.secrets().secretOf(Service.GATEWAY), config.get("stacks.auth.client-secret"));
        assertEquals(43, config.get("stacks.auth.client-secret").length());
    }

    @Test
    void tokenForANewUserVerifiesWithThisRunsKey() throws Exception {
        String token = TestTokens.forNewUser("member");
        assertTrue(Jwts.verifies(token, publicKeyFile()));
        String claims = Jwts.claims(token);
        assertEquals(TestTokens.API_AUDIENCE, Jwts.string(claims, "aud"));
        assertEquals("[\"member\"]", Jwts.array(claims, "groups"));
        assertTrue(Jwts.string(claims, "upn").matches("user-[0-9a-f]{8}@example\\.com"), claims);
        assertTrue(Jwts.string(claims, "upn").startsWith("user-" + Jwts.string(claims, "sub").substring(0, 8)), claims);
    }

    @Test
    void everyNewUserIsSomeoneElse() {
        String first = Jwts.claims(TestTokens.forNewUser());
        String second = Jwts.claims(TestTokens.forNewUser());
        assertNotEquals(Jwts.string(first, "sub"), Jwts.string(second, "sub"));
        assertNotEquals(Jwts.string(first, "upn"), Jwts.string(second, "upn"));
    }

    @Test
    void mintIsForTheApiAudienceForTenMinutes() throws Exception {
        long before = Instant.now().getEpochSecond();
        String token = TestTokens.mint("id-7", "g@example.com", "staff");
        long after = Instant.now().getEpochSecond();
        assertTrue(Jwts.verifies(token, publicKeyFile()));
        String claims = Jwts.claims(token);
        assertEquals("stacks-api", Jwts.string(claims, "aud"));
        assertEquals(TestTokens.ISSUER, Jwts.string(claims, "iss"));
        assertEquals("id-7", Jwts.string(claims, "sub"));
        assertEquals("g@example.com", Jwts.string(claims, "upn"));
        assertEquals("[\"staff\"]", Jwts.array(claims, "groups"));
        long expiry = Jwts.number(claims, "exp");
        assertTrue(expiry >= before + 600 && expiry <= after + 600, claims);
    }

    @Test
    void serviceTokenIsForFiveMinutesWithThisRunsKey() throws Exception {
        long before = Instant.now().getEpochSecond();
        String token = TestTokens.service("book-service", "image-service");
        long after = Instant.now().getEpochSecond();
        assertTrue(Jwts.verifies(token, publicKeyFile()));
        String claims = Jwts.claims(token);
        assertEquals("book-service", Jwts.string(claims, "sub"));
        assertEquals("image-service", Jwts.string(claims, "aud"));
        assertEquals("[\"service\"]", Jwts.array(claims, "groups"));
        long expiry = Jwts.number(claims, "exp");
        assertTrue(expiry >= before + 300 && expiry <= after + 300, claims);
    }
}
