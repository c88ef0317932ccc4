package io.stacks.gateway.domain;

import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import jakarta.inject.Singleton;

/** Decides whether a caller of the gateway's own endpoints is authenticated: valid Basic credentials or token. */
@Singleton
public class EdgeAuthenticator {

    private static final String BEARER = "Bearer ";

    private final JWTParser jwtParser;
    private final TokenExchange tokenExchange;
    private final Vertx vertx;

    EdgeAuthenticator(JWTParser jwtParser, TokenExchange tokenExchange, Vertx vertx) {
        this.jwtParser = jwtParser;
        this.tokenExchange = tokenExchange;
        this.vertx = vertx;
    }

    /** Succeeds for an authenticated caller; fails with a 401 (or user-service's 403 / a 503) {@link EdgeRejection}. */
    public Future<Void> authenticate(String authorization, String requestId) {
        if (authorization == null || authorization.isBlank()) {
            return Future.failedFuture(EdgeRejection.unauthorized("credentials are required (Basic or Bearer)"));
        }
        if (BasicCredentials.isBasic(authorization)) {
            return tokenExchange.accessTokenFor(authorization, requestId).mapEmpty();
        }
        if (authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            String token = authorization.substring(BEARER.length()).trim();
            // Verifies signature, issuer, audience and expiry against the JWKS, as every service does; fetching
            // the JWKS is network I/O, so it runs on a worker thread, never on the event loop.
            return vertx.<Void>executeBlocking(() -> {
                try {
                    jwtParser.parse(token);
                    return null;
                } catch (ParseException e) {
                    throw EdgeRejection.unauthorized("the bearer token is not valid");
                }
            }, false);
        }
        return Future.failedFuture(EdgeRejection.unauthorized("unsupported authorization scheme; use Basic or Bearer"));
    }
}
