package io.stacks.gateway.domain;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.stacks.gateway.client.UserServiceClient;
import io.stacks.gateway.config.GatewayConfig;
import io.stacks.platform.auth.Usernames;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Turns `Authorization: Basic` into an access token from user-service, and remembers the token for its lifetime
 * under a SHA-256 of the normalised username and the password (never the password itself), so the password hash
 * is checked once per token.
 */
@Singleton
public class TokenExchange {

    private static final Logger LOG = Logger.getLogger(TokenExchange.class);

    private record CachedToken(String accessToken, String username, Duration lifetime) {
    }

    private final Cache<String, CachedToken> tokens;
    private final UserServiceClient userService;
    private final Duration expiryMargin;
    private final int retryAfterSeconds;
    /** Bumped by every eviction, so a token fetched while a password was being reset is not cached. */
    private final AtomicLong evictions = new AtomicLong();

    TokenExchange(UserServiceClient userService, GatewayConfig config) {
        this.userService = userService;
        this.expiryMargin = config.tokenCache().expiryMargin();
        this.retryAfterSeconds = config.retryAfterSeconds();
        this.tokens = Caffeine.newBuilder()
                .maximumSize(config.tokenCache().maxEntries())
                .expireAfter(Expiry.creating((String key, CachedToken token) -> token.lifetime()))
                .build();
    }

    /**
     * The access token for these Basic credentials. Fails with an {@link EdgeRejection}: 401 for a malformed
     * header, user-service's own 401/403 when it refuses them, 503 when user-service cannot be asked.
     */
    public Future<String> accessTokenFor(String authorization, String requestId) {
        BasicCredentials credentials;
        try {
            credentials = BasicCredentials.parse(authorization);
        } catch (EdgeRejection e) {
            return Future.failedFuture(e);
        }
        // Keyed on the username as user-service spells it, so that a reset forgets every spelling a client used.
        String username = Usernames.normalise(credentials.username());
        String key = fingerprint(username + '\0' + credentials.password());
        CachedToken cached = tokens.getIfPresent(key);
        if (cached != null) {
            return Future.succeededFuture(cached.accessToken());
        }
        long evictionsBefore = evictions.get();
        return userService.issueToken(credentials.username(), credentials.password(), requestId)
                .transform(answer -> issued(answer, username))
                .onSuccess(token -> {
                    if (evictions.get() == evictionsBefore && !token.lifetime().isNegative()
                            && !token.lifetime().isZero()) {
                        tokens.put(key, token);
                    }
                })
                .map(CachedToken::accessToken);
    }

    /** Forgets every token obtained with this user's Basic credentials, e.g. once their password changed. */
    public void forgetUser(String username) {
        evictions.incrementAndGet();
        String normalised = Usernames.normalise(username);
        tokens.asMap().values().removeIf(token -> token.username().equals(normalised));
    }

    private Future<CachedToken> issued(AsyncResult<HttpResponse<Buffer>> answer, String username) {
        if (answer.failed()) {
            LOG.warnf("user-service could not be asked for a token: %s", answer.cause().toString());
            return Future.failedFuture(unavailable());
        }
        HttpResponse<Buffer> response = answer.result();
        int status = response.statusCode();
        if (status == 200) {
            try {
                JsonObject body = response.bodyAsJsonObject();
                String accessToken = body.getString("access_token");
                Long expiresIn = body.getLong("expires_in");
                if (accessToken != null && expiresIn != null) {
                    return Future.succeededFuture(new CachedToken(accessToken, username,
                            Duration.ofSeconds(expiresIn).minus(expiryMargin)));
                }
            } catch (DecodeException | ClassCastException e) {
                // handled below, like a body without the fields
            }
            LOG.error("user-service answered /auth/token with a body that has no access_token/expires_in");
            return Future.failedFuture(unavailable());
        }
        if (status == 401 || status == 403) {
            return Future.failedFuture(EdgeRejection.relayed(status, response.getHeader("Content-Type"),
                    response.bodyAsString()));
        }
        if (status >= 500) {
            return Future.failedFuture(unavailable());
        }
        return Future.failedFuture(EdgeRejection.unauthorized("the credentials were not accepted"));
    }

    private EdgeRejection unavailable() {
        return EdgeRejection.unavailable("user-service is not available to check the credentials; try again shortly",
                retryAfterSeconds);
    }

    private static String fingerprint(String credentials) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(credentials.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
