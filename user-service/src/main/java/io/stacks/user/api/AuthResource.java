package io.stacks.user.api;

import io.stacks.platform.problem.Problem;
import io.stacks.user.domain.Accounts;
import io.stacks.user.domain.IssuedToken;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/auth")
@Tag(name = "Login")
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {

    private final Accounts accounts;

    AuthResource(Accounts accounts) {
        this.accounts = accounts;
    }

    @POST
    @Path("/token")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Log in", description = "Exchanges a verified account's username and password for an "
            + "RS256 access token valid for 15 minutes.")
    @APIResponse(responseCode = "200", description = "The access token",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AccessTokenResponse.class)))
    @APIResponse(responseCode = "400", description = "A missing field or malformed JSON",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "Unknown username or wrong password (indistinguishable)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Right password, but the e-mail address is not verified yet",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public AccessTokenResponse token(@Valid @NotNull Credentials credentials) {
        IssuedToken issued = accounts.login(credentials.username(), credentials.password());
        return AccessTokenResponse.bearer(issued.token(), issued.expiresIn());
    }
}
