package io.stacks.notification.api;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A mail to send: who to, which template, and the values the template fills in. */
@Schema(description = "A mail to send from a template")
public record MailRequest(
        @Schema(examples = "reader@example.com") @NotBlank @Email @Size(max = 254) String to,
        @Schema(examples = "verify", description = "verify or reset") @NotBlank String template,
        @Schema(description = "Template variables; verify and reset need `link`")
        @Size(max = 20) Map<String, @Size(max = 2000) String> variables) {

    public Map<String, String> variablesOrEmpty() {
        return variables == null ? Map.of() : variables;
    }
}
