package io.stacks.user.domain;

import io.stacks.platform.problem.ProblemException;
import io.stacks.platform.auth.AuthConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The services that may ask for service tokens (OAuth 2.0 client credentials). user-service keeps only the
 * SHA-256 of each client's secret: the secrets are random and long, so a plain hash suffices, and this service
 * never holds another service's secret.
 */
@ApplicationScoped
public class ServiceClients {

    private static final String BAD_CLIENT = "unknown client or wrong client secret";

    private final Map<String, byte[]> secretHashes = new HashMap<>();
    private final Set<String> audiences;
    private final AccessTokens tokens;

    ServiceClients(AuthConfig config, AccessTokens tokens) {
        this.tokens = tokens;
        this.audiences = Set.copyOf(config.serviceAudiences());
        for (String client : config.clients().orElse(List.of())) {
            int colon = client.indexOf(':');
            if (colon <= 0) {
                throw new IllegalStateException("stacks.auth.clients entries are NAME:SHA256-HEX-OF-SECRET");
            }
            secretHashes.put(client.substring(0, colon).strip(), HexFormat.of().parseHex(client.substring(colon + 1)
                    .strip()));
        }
    }

    /**
     * A service token for the client, after checking its secret.
     *
     * @throws ProblemException 401 for an unknown client or a wrong secret, 400 for an audience that is not a
     *         Stacks service (or the client itself)
     */
    public IssuedToken issue(String clientId, String secret, String audience) {
        byte[] expected = secretHashes.get(clientId);
        // Compared in constant time, and a digest is computed even for an unknown client.
        byte[] actual = sha256(secret == null ? "" : secret);
        if (!MessageDigest.isEqual(actual, expected == null ? new byte[actual.length + 1] : expected)) {
            throw ProblemException.unauthorized(BAD_CLIENT);
        }
        if (audience == null || !audiences.contains(audience) || audience.equals(clientId)) {
            throw ProblemException.invalidField("audience", "must name a peer Stacks service, one of "
                    + audiences.stream().sorted().toList());
        }
        return tokens.forService(clientId, audience);
    }

    /** The hash a client's secret is configured as: hex SHA-256 of its UTF-8 bytes. */
    static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
