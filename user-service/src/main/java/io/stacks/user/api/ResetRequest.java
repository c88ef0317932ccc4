package io.stacks.user.api;

import jakarta.validation.constraints.NotBlank;

/** Whose password to reset. */
public record ResetRequest(@NotBlank String username) {
}
