package io.stacks.user.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A username (e-mail) and password, for sign-up and login. */
public record Credentials(
        @Schema(examples = "ada@example.com") @NotBlank String username,
        @Schema(examples = "correct-horse-7") @NotNull String password) {
}
