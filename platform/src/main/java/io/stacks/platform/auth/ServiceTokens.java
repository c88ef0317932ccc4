package io.stacks.platform.auth;

/** Tokens this service presents to a peer: short-lived, for that peer's audience only. */
public interface ServiceTokens {

    /**
     * An {@code Authorization} header value for a call to the named service.
     *
     * @throws io.stacks.platform.problem.ProblemException 503 when no token can be had now
     */
    String bearerFor(String audience);
}
