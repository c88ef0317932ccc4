package io.stacks.user.api;

import jakarta.validation.constraints.NotBlank;

/** A one-time token from an e-mail link. */
public record TokenRequest(@NotBlank String token) {
}
