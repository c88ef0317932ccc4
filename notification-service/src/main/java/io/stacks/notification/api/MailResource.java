package io.stacks.notification.api;

import io.stacks.notification.domain.Delivery;
import io.stacks.notification.domain.DeliveryStatus;
import io.stacks.notification.domain.MailService;
import io.stacks.platform.auth.Roles;
import io.stacks.platform.problem.Problem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

/** Mail for other services (user-service: verification and reset); never routed by the gateway. */
@Path("/internal/mail")
@Tag(name = "mail")
public class MailResource {

    private final MailService mail;

    MailResource(MailService mail) {
        this.mail = mail;
    }

    @POST
    @RolesAllowed(Roles.SERVICE)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @ResponseStatus(202)
    @Operation(summary = "Send a mail from a template",
            description = "Renders the template, records the delivery in DynamoDB and sends the mail synchronously. "
                    + "Needs a service token (group `service`).")
    @APIResponse(responseCode = "202", description = "Sent; recorded as SENT",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MailAccepted.class)))
    @APIResponse(responseCode = "400", description = "Bad JSON, invalid address, unknown template or missing variable",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No or invalid token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The token is not a service token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "The body is not JSON",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "The delivery log or the mail server is down; nothing was sent",
            headers = @Header(name = "Retry-After", description = "Seconds to wait before retrying",
                    schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public MailAccepted send(@Valid @NotNull MailRequest request) {
        Delivery delivery = mail.send(request.to(), request.template(), request.variablesOrEmpty());
        return new MailAccepted(delivery.id(), DeliveryStatus.SENT.name());
    }
}
