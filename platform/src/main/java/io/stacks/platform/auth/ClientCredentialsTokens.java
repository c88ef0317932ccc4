package io.stacks.platform.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.DefaultBean;
import io.stacks.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Service tokens by the OAuth 2.0 client-credentials grant at user-service ({@code POST /internal/token}): the
 * client id is this service's name, the secret {@code stacks.auth.client-secret} (Secrets Manager in ECS, made
 * by devstack locally). A token is reused until shortly before it expires.
 */
@DefaultBean
@ApplicationScoped
public class ClientCredentialsTokens implements ServiceTokens {

    private static final Logger LOG = Logger.getLogger(ClientCredentialsTokens.class);
    /** A token is replaced this long before it expires, so no call carries one about to lapse. */
    static final Duration RENEW_BEFORE_EXPIRY = Duration.ofSeconds(15);
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private record Issued(String bearer, Instant renewAt) {
    }

    private final Map<String, Issued> issued = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final ObjectMapper json = new ObjectMapper();
    private final Clock clock = Clock.systemUTC();
    private final URI tokenEndpoint;
    private final String clientAuthorization;

    ClientCredentialsTokens(@ConfigProperty(name = "quarkus.application.name") String clientId,
            AuthConfig auth, @ConfigProperty(name = "quarkus.rest-client.user-service.url") String userService) {
        this.tokenEndpoint = URI.create(userService.replaceAll("/+$", "") + "/internal/token");
        this.clientAuthorization = auth.clientSecret().map(secret -> "Basic " + Base64.getEncoder()
                .encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8))).orElse(null);
    }

    @Override
    public String bearerFor(String audience) {
        Issued current = issued.get(audience);
        if (current != null && clock.instant().isBefore(current.renewAt())) {
            return current.bearer();
        }
        Issued fresh = request(audience);
        issued.put(audience, fresh);
        return fresh.bearer();
    }

    private Issued request(String audience) {
        if (clientAuthorization == null) {
            throw new IllegalStateException("stacks.auth.client-secret is not set: this service cannot call peers");
        }
        HttpRequest request = HttpRequest.newBuilder(tokenEndpoint).timeout(TIMEOUT)
                .header("Authorization", clientAuthorization)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&audience="
                        + URLEncoder.encode(audience, StandardCharsets.UTF_8)))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                JsonNode body = json.readTree(response.body());
                String token = body.path("access_token").asText(null);
                long expiresIn = body.path("expires_in").asLong(0);
                if (token != null && expiresIn > 0) {
                    return new Issued("Bearer " + token,
                            clock.instant().plusSeconds(expiresIn).minus(RENEW_BEFORE_EXPIRY));
                }
            }
            LOG.errorf("user-service refused a service token for %s: HTTP %d", audience, response.statusCode());
        } catch (IOException e) {
            LOG.warnf("user-service unreachable for a service token: %s", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw ProblemException.unavailable("this service cannot authenticate to its peers right now");
    }
}
