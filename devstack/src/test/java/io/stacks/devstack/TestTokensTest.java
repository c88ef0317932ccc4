package io.stacks.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestTokensTest {

    @TempDir
    static Path dir;

    private static JwtKeys keys;

    @BeforeAll
    static void makeKey() {
        keys = JwtKeys.in(dir.resolve("keys"));
    }

    @Test
    void mintedTokenIsSignedRs256AndVerifiesWithThePublicKey() throws Exception {
        String token = TestTokens.mint(keys, "id-1", "a@example.com", TestTokens.API_AUDIENCE,
                Instant.now().plusSeconds(60), "member");
        assertEquals(3, token.split("\\.").length, token);
        assertEquals("RS256", Jwts.string(Jwts.header(token), "alg"));
        assertEquals("JWT", Jwts.string(Jwts.header(token), "typ"));
        assertTrue(Jwts.verifies(token, keys.publicKeyFile()));
    }

    @Test
    void mintedTokenNamesIssuerSubjectUpnAudienceAndGroups() {
        String claims = Jwts.claims(TestTokens.mint(keys, "id-1", "a@example.com", TestTokens.API_AUDIENCE,
                Instant.now().plusSeconds(60), "member", "staff"));
        assertEquals("https://stacks.local", Jwts.string(claims, "iss"));
        assertEquals(TestTokens.ISSUER, Jwts.string(claims, "iss"));
        assertEquals("id-1", Jwts.string(claims, "sub"));
        assertEquals("a@example.com", Jwts.string(claims, "upn"));
        assertEquals("stacks-api", Jwts.string(claims, "aud"));
        assertEquals("[\"member\",\"staff\"]", Jwts.array(claims, "groups"));
    }

    @Test
    void mintedTokenExpiresWhenToldAndWasIssuedNow() {
        long before = Instant.now().getEpochSecond();
        Instant expiry = Instant.now().plusSeconds(600);
        String claims = Jwts.claims(TestTokens.mint(keys, "id-1", "a@example.com", TestTokens.API_AUDIENCE, expiry));
        long after = Instant.now().getEpochSecond();
        assertEquals(expiry.getEpochSecond(), Jwts.number(claims, "exp"));
        long issuedAt = Jwts.number(claims, "iat");
        assertTrue(issuedAt >= before && issuedAt <= after, claims);
        assertTrue(Jwts.number(claims, "exp") > after, claims);
    }

    @Test
    void tokenWithoutRolesHasNoGroups() {
        String claims = Jwts.claims(TestTokens.mint(keys, "id-1", "a@example.com", TestTokens.API_AUDIENCE,
                Instant.now().plusSeconds(60)));
        assertEquals("[]", Jwts.array(claims, "groups"));
    }

    @Test
    void everyTokenHasAnIdOfItsOwn() {
        Instant expiry = Instant.now().plusSeconds(60);
        String first = Jwts.claims(TestTokens.mint(keys, "id-1", "a@example.com", TestTokens.API_AUDIENCE, expiry));
        String second = Jwts.claims(TestTokens.mint(keys, "id-1", "a@example.com", TestTokens.API_AUDIENCE, expiry));
        assertTrue(Jwts.string(first, "jti") != null && !Jwts.string(first, "jti").isBlank(), first);
        assertNotEquals(Jwts.string(first, "jti"), Jwts.string(second, "jti"));
    }

    @Test
    void serviceTokenIsForTheCallerAtTheAudienceWithTheServiceGroup() throws Exception {
        String token = TestTokens.service(keys, "book-service", "image-service", 300);
        String claims = Jwts.claims(token);
        assertEquals("book-service", Jwts.string(claims, "sub"));
        assertEquals("book-service", Jwts.string(claims, "upn"));
        assertEquals("image-service", Jwts.string(claims, "aud"));
        assertEquals("[\"service\"]", Jwts.array(claims, "groups"));
        assertEquals(TestTokens.ISSUER, Jwts.string(claims, "iss"));
        assertTrue(Jwts.verifies(token, keys.publicKeyFile()));
    }

    @Test
    void serviceTokenLivesTheGivenSeconds() {
        long before = Instant.now().getEpochSecond();
        String claims = Jwts.claims(TestTokens.service(keys, "gateway", "user-service", 42));
        long after = Instant.now().getEpochSecond();
        long expiry = Jwts.number(claims, "exp");
        assertTrue(expiry >= before + 42 && expiry <= after + 42, claims);
        assertEquals(42, expiry - Jwts.number(claims, "iat"), claims);
    }

    @Test
    void tokenDoesNotVerifyWithAnotherKey() throws Exception {
        JwtKeys other = JwtKeys.in(dir.resolve("other-keys"));
        String token = TestTokens.service(keys, "book-service", "image-service", 300);
        assertFalse(Jwts.verifies(token, other.publicKeyFile()));
    }

    @Test
    void tamperedClaimsDoNotVerify() throws Exception {
        String token = TestTokens.service(keys, "book-service", "image-service", 300);
        String[] parts = token.split("\\.");
        String forged = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                Jwts.claims(token).replace("image-service", "user-service").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertFalse(Jwts.verifies(parts[0] + "." + forged + "." + parts[2], keys.publicKeyFile()));
    }
}
