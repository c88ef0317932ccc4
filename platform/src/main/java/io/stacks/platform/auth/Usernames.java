package io.stacks.platform.auth;

import java.util.Locale;

/**
 * The one spelling of a username (an e-mail address): trimmed and in lower case. user-service stores it so and the
 * gateway keys its Basic-credentials cache on it, so " Alice@Example.COM " and "alice@example.com" are one user.
 */
public final class Usernames {

    private Usernames() {
    }

    public static String normalise(String username) {
        return username.trim().toLowerCase(Locale.ROOT);
    }
}
