package io.stacks.user.domain;

import io.smallrye.jwt.build.Jwt;
import io.stacks.platform.auth.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;

/** Mints the RS256 tokens every service verifies: user access tokens and user-service's own service tokens. */
@ApplicationScoped
public class AccessTokens {

    static final String ISSUER = "https://stacks.local";
    static final long ACCESS_TOKEN_SECONDS = 900;
    static final long SERVICE_TOKEN_SECONDS = 60;
    private static final String SERVICE_NAME = "user-service";

    private final SigningKey key;

    AccessTokens(SigningKey key) {
        this.key = key;
    }

    IssuedToken forUser(String userId, String username, List<String> groups) {
        return new IssuedToken(sign(userId, username, Set.copyOf(groups), ACCESS_TOKEN_SECONDS),
                ACCESS_TOKEN_SECONDS);
    }

    /** "Bearer ..." for calls user-service makes on its own account (no user token to pass on). */
    String serviceBearer() {
        return "Bearer " + sign(SERVICE_NAME, SERVICE_NAME, Set.of(Roles.SERVICE), SERVICE_TOKEN_SECONDS);
    }

    private String sign(String subject, String upn, Set<String> groups, long seconds) {
        return Jwt.issuer(ISSUER).subject(subject).upn(upn).groups(groups).expiresIn(seconds).jws()
                .keyId(key.keyId()).sign(key.privateKey());
    }
}
