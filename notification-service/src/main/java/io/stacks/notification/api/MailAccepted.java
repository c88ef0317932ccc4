package io.stacks.notification.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer to a mail handed to the mail server. */
@Schema(description = "A mail the mail server accepted")
public record MailAccepted(@Schema(description = "The delivery id (its record is delivery#<id>)") String id,
        @Schema(examples = "SENT") String status) {
}
