package io.stacks.user.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/** The reset token from the e-mail and the new password. */
public record ResetConfirmation(@NotBlank String token, @NotNull String password) {
}
