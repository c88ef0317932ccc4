package io.stacks.user.domain;

import io.smallrye.jwt.build.Jwt;
import io.stacks.platform.auth.AuthConfig;
import io.stacks.platform.auth.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;

/**
 * Mints the RS256 tokens every service verifies: user access tokens for the public API's audience, and service
 * tokens, each for the one peer service named as its audience.
 */
@ApplicationScoped
public class AccessTokens {

    static final long ACCESS_TOKEN_SECONDS = 900;
    static final long SERVICE_TOKEN_SECONDS = 300;

    private final SigningKey key;
    private final String issuer;
    private final String apiAudience;

    AccessTokens(SigningKey key, AuthConfig config) {
        this.key = key;
        this.issuer = config.issuer();
        this.apiAudience = config.apiAudience();
    }

    IssuedToken forUser(String userId, String username, List<String> groups) {
        return new IssuedToken(sign(userId, username, Set.copyOf(groups), apiAudience, ACCESS_TOKEN_SECONDS),
                ACCESS_TOKEN_SECONDS);
    }

    /** A token with which {@code service} calls {@code audience}'s internal endpoints. */
    IssuedToken forService(String service, String audience) {
        return new IssuedToken(sign(service, service, Set.of(Roles.SERVICE), audience, SERVICE_TOKEN_SECONDS),
                SERVICE_TOKEN_SECONDS);
    }

    private String sign(String subject, String upn, Set<String> groups, String audience, long seconds) {
        return Jwt.issuer(issuer).subject(subject).upn(upn).groups(groups).audience(audience).expiresIn(seconds)
                .jws().keyId(key.keyId()).sign(key.privateKey());
    }
}
