package io.stacks.notification.api;

import io.stacks.notification.domain.MailOutcome;
import io.stacks.notification.domain.MailService;
import io.quarkus.security.PermissionsAllowed;
import io.stacks.platform.auth.ServiceCallers;
import io.stacks.platform.problem.Problem;
import io.stacks.platform.problem.ProblemException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
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

    /** Set by a caller's outbox to the event id: a repeated delivery is answered, not sent again. */
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final int MAX_KEY_LENGTH = 128;

    @POST
    @PermissionsAllowed(ServiceCallers.FROM_USER_SERVICE)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @ResponseStatus(202)
    @Operation(summary = "Send a mail from a template",
            description = "Renders the template, records the delivery in DynamoDB and sends the mail synchronously. "
                    + "A repeated Idempotency-Key answers with the first delivery and sends nothing. Needs "
                    + "user-service's service token.")
    @APIResponse(responseCode = "202", description = "Sent; recorded as SENT",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MailAccepted.class)))
    @APIResponse(responseCode = "400", description = "Bad JSON, invalid address, unknown template or missing variable",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No or invalid token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Not a service token of a caller this endpoint names",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "The body is not JSON",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "The delivery log or the mail server is down; nothing was sent",
            headers = @Header(name = "Retry-After", description = "Seconds to wait before retrying",
                    schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public MailAccepted send(@Context HttpHeaders headers, @Valid @NotNull MailRequest request) {
        MailOutcome outcome = mail.send(request.to(), request.template(), request.variablesOrEmpty(),
                idempotencyKey(headers));
        return new MailAccepted(outcome.deliveryId(), outcome.status().name());
    }

    /** The key, if the header is there; present but empty or too long is a 400 naming the header. */
    private static String idempotencyKey(HttpHeaders headers) {
        List<String> values = headers.getRequestHeader(IDEMPOTENCY_KEY);
        if (values == null || values.isEmpty()) {
            return null;
        }
        String key = values.get(0);
        if (key == null || key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            throw ProblemException.invalidField(IDEMPOTENCY_KEY, "must be 1 to " + MAX_KEY_LENGTH + " characters");
        }
        return key;
    }
}
