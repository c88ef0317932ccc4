package io.stacks.user.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Random single-use tokens for e-mail links; only their SHA-256 is ever stored. */
final class OneTimeTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private OneTimeTokens() {
    }

    static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String verifyKey(String token) {
        return "verify#" + hash(token);
    }

    static String resetKey(String token) {
        return "reset#" + hash(token);
    }

    /** Marks that a reset mail went out for the user, so at most one is sent per token lifetime. */
    static String resetMarkerKey(String userId) {
        return "reset-user#" + userId;
    }
}
