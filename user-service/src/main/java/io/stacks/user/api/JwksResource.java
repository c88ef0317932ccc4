package io.stacks.user.api;

import io.stacks.user.domain.SigningKey;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/.well-known/jwks.json")
@Tag(name = "Login")
public class JwksResource {

    private final SigningKey key;

    JwksResource(SigningKey key) {
        this.key = key;
    }

    @GET
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Token-verification keys", description = "The JWKS every service verifies access tokens "
            + "against.")
    @APIResponse(responseCode = "200", description = "The key set",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = JsonWebKeySet.class)))
    public JsonWebKeySet keys() {
        return new JsonWebKeySet(List.of(
                new JsonWebKeySet.Key("RSA", "sig", "RS256", key.keyId(), key.modulus(), key.exponent())));
    }
}
