package io.stacks.platform.auth;

import java.util.List;
import java.util.Optional;

/** {@code stacks.auth} as platform's defaults set it, with or without this service's client secret. */
record TestAuthConfig(Optional<String> clientSecret) implements AuthConfig {

    static TestAuthConfig withoutSecret() {
        return new TestAuthConfig(Optional.empty());
    }

    static TestAuthConfig withSecret(String secret) {
        return new TestAuthConfig(Optional.of(secret));
    }

    @Override
    public String issuer() {
        return "https://stacks.local";
    }

    @Override
    public String apiAudience() {
        return "stacks-api";
    }

    @Override
    public Optional<List<String>> clients() {
        return Optional.empty();
    }

    @Override
    public List<String> serviceAudiences() {
        return List.of("user-service", "book-service", "image-service", "notification-service");
    }
}
