package io.stacks.user.api;

import io.stacks.platform.problem.Problem;
import io.stacks.platform.problem.ProblemException;
import io.stacks.user.domain.IssuedToken;
import io.stacks.user.domain.ServiceClients;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;

/**
 * Service tokens by the OAuth 2.0 client-credentials grant (RFC 6749 §4.4), the client authenticated with HTTP
 * Basic (§2.3.1). Internal: the gateway never routes it; services call it directly.
 */
@Path("/internal/token")
@Tag(name = "Internal")
@Produces(MediaType.APPLICATION_JSON)
public class ServiceTokenResource {

    private static final String GRANT = "client_credentials";

    private final ServiceClients clients;

    ServiceTokenResource(ServiceClients clients) {
        this.clients = clients;
    }

    @POST
    @PermitAll
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "A service token for a peer", description = "grant_type=client_credentials and the "
            + "audience (the peer service's name); the calling service authenticates with Basic client_id:secret. "
            + "The token lives 5 minutes and is good only at that peer's /internal endpoints.")
    @APIResponse(responseCode = "200", description = "The service token",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AccessTokenResponse.class)))
    @APIResponse(responseCode = "400", description = "Another grant type, or an audience that is no peer service",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No, unknown or wrong client credentials",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public AccessTokenResponse token(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @RestForm("grant_type") String grantType, @RestForm("audience") String audience) {
        String[] client = basicCredentials(authorization);
        if (!GRANT.equals(grantType)) {
            throw ProblemException.invalidField("grant_type", "must be " + GRANT);
        }
        IssuedToken issued = clients.issue(client[0], client[1], audience);
        return AccessTokenResponse.bearer(issued.token(), issued.expiresIn());
    }

    private static String[] basicCredentials(String authorization) {
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()),
                        StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                if (colon > 0) {
                    return new String[] { decoded.substring(0, colon), decoded.substring(colon + 1) };
                }
            } catch (IllegalArgumentException e) {
                // reported below, like a missing header
            }
        }
        throw ProblemException.unauthorized("client credentials are required (Basic client_id:client_secret)");
    }
}
