package io.stacks.user.api;

import io.stacks.platform.auth.Caller;
import io.stacks.platform.auth.Roles;
import io.stacks.platform.problem.Problem;
import io.stacks.user.domain.Account;
import io.stacks.user.domain.Accounts;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/user")
@Tag(name = "Accounts")
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {

    private final Accounts accounts;
    private final Caller caller;

    UserResource(Accounts accounts, Caller caller) {
        this.accounts = accounts;
        this.caller = caller;
    }

    @POST
    @Path("/register")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Sign up", description = "Creates an unverified account; a verification link is e-mailed "
            + "right after (also when the mail service is briefly down: the mail waits and goes out once it is back). "
            + "The password needs 8 characters, at most 72 bytes, a letter and a digit, and must not contain "
            + "the username.")
    @APIResponse(responseCode = "201", description = "Account created; the verification e-mail is on its way",
            headers = @Header(name = HttpHeaders.LOCATION, description = "/user/me"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Account.class)))
    @APIResponse(responseCode = "400", description = "Not an e-mail address, a weak password (the rule is named "
            + "in errors.password), a missing field or malformed JSON",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The username is taken",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "The account store is unavailable; nothing was kept, try "
            + "again after Retry-After",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response register(@Valid @NotNull Credentials credentials) {
        Account account = accounts.register(credentials.username(), credentials.password());
        // Relative on purpose: clients reach this service through the gateway, never directly.
        return Response.status(Response.Status.CREATED).header(HttpHeaders.LOCATION, "/user/me").entity(account)
                .build();
    }

    @POST
    @Path("/verify")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Verify an e-mail address", description = "Uses the token from the verification e-mail.")
    @APIResponse(responseCode = "200", description = "The account, now verified",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Account.class)))
    @APIResponse(responseCode = "400", description = "Unknown, used or expired token, missing token or malformed JSON",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "The token store is down; try again after Retry-After",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Account verify(@Valid @NotNull TokenRequest request) {
        return accounts.verify(request.token());
    }

    @GET
    @Path("/me")
    @RolesAllowed(Roles.MEMBER)
    @Operation(summary = "Your account")
    @APIResponse(responseCode = "200", description = "The caller's account",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Account.class)))
    @APIResponse(responseCode = "401", description = "No valid access token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Not a user's token (e.g. a service token)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Account me() {
        return accounts.find(caller.id());
    }
}
