package io.stacks.platform.auth;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * A verified token as far as platform looks: its claims. The interface's default methods read "sub", "aud",
 * "groups", "upn" and "raw_token" from them.
 */
record TestToken(Map<String, Object> claims) implements JsonWebToken {

    static TestToken of(String subject, Set<String> audience, Set<String> groups) {
        Map<String, Object> claims = new HashMap<>();
        claims.put("sub", subject);
        claims.put("aud", audience);
        claims.put("groups", groups);
        return new TestToken(claims);
    }

    TestToken with(String claim, Object value) {
        Map<String, Object> more = new HashMap<>(claims);
        more.put(claim, value);
        return new TestToken(more);
    }

    @Override
    public String getName() {
        Object upn = claims.get("upn");
        return upn != null ? (String) upn : (String) claims.get("sub");
    }

    @Override
    public Set<String> getClaimNames() {
        return claims.keySet();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getClaim(String claimName) {
        return (T) claims.get(claimName);
    }
}
