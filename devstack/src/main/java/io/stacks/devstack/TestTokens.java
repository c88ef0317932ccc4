package io.stacks.devstack;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Access tokens for tests, signed with the test run's key exactly as user-service signs them (RS256, issuer,
 * subject = user id, upn = username, groups = roles), so a service under test verifies them for real.
 */
public final class TestTokens {

    public static final String ISSUER = "https://stacks.local";
    /** The audience of user tokens (the public API); a service token names the one service it is for. */
    public static final String API_AUDIENCE = "stacks-api";

    private TestTokens() {
    }

    /** A token for a new user with the given roles; the username is unique per call. */
    public static String forNewUser(String... roles) {
        String id = UUID.randomUUID().toString();
        return mint(id, "user-" + id.substring(0, 8) + "@example.com", roles);
    }

    public static String mint(String userId, String username, String... roles) {
        return mint(StandinsTestResource.keys(), userId, username, API_AUDIENCE, Instant.now().plusSeconds(600),
                roles);
    }

    /** A token with which service {@code caller} calls service {@code audience}, as user-service would issue it. */
    public static String service(String caller, String audience) {
        return service(StandinsTestResource.keys(), caller, audience, 300);
    }

    static String service(JwtKeys keys, String caller, String audience, long seconds) {
        return mint(keys, caller, caller, audience, Instant.now().plusSeconds(seconds), "service");
    }

    static String mint(JwtKeys keys, String userId, String username, String audience, Instant expiry,
            String... roles) {
        String groups = Stream.of(roles).map(role -> "\"" + role + "\"").collect(Collectors.joining(","));
        long now = Instant.now().getEpochSecond();
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        String claims = "{\"iss\":\"" + ISSUER + "\",\"sub\":\"" + userId + "\",\"upn\":\"" + username
                + "\",\"aud\":\"" + audience + "\",\"groups\":[" + groups + "],\"iat\":" + now + ",\"exp\":" + expiry.getEpochSecond()
                + ",\"jti\":\"" + UUID.randomUUID() + "\"}";
        String signingInput = base64Url(header.getBytes(StandardCharsets.UTF_8)) + "."
                + base64Url(claims.getBytes(StandardCharsets.UTF_8));
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(keys.privateKey());
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + base64Url(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
