package io.stacks.user.api;

import io.stacks.platform.problem.Problem;
import io.stacks.user.domain.PasswordResets;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/reset")
@Tag(name = "Password reset")
@Produces(MediaType.APPLICATION_JSON)
public class ResetResource {

    static final String ACCEPTED = "if the account exists, a password-reset e-mail has been sent";

    private final PasswordResets resets;

    ResetResource(PasswordResets resets) {
        this.resets = resets;
    }

    @POST
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Ask for a password-reset e-mail", description = "The answer is the same whether or not "
            + "the account exists. At most one e-mail is sent per 15 minutes; the link is valid for 15 minutes.")
    @APIResponse(responseCode = "202", description = "Accepted (sent if the account exists)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Message.class)))
    @APIResponse(responseCode = "400", description = "A missing username or malformed JSON",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "The token store is unavailable; try again after Retry-After",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response request(@Valid @NotNull ResetRequest request) {
        resets.request(request.username());
        return Response.accepted(new Message(ACCEPTED)).build();
    }

    @POST
    @Path("/confirm")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set a new password", description = "Uses the token from the reset e-mail; the old "
            + "password stops working at once and the account counts as verified.")
    @APIResponse(responseCode = "200", description = "Password changed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = PasswordChanged.class)))
    @APIResponse(responseCode = "400", description = "Unknown, used or expired token, a weak password (the rule "
            + "is named in errors.password), a missing field or malformed JSON",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "The token store is down; try again after Retry-After",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public PasswordChanged confirm(@Valid @NotNull ResetConfirmation confirmation) {
        String username = resets.confirm(confirmation.token(), confirmation.password());
        return new PasswordChanged(username, "password changed");
    }
}
