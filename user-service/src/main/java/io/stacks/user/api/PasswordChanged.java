package io.stacks.user.api;

/** The gateway reads `username` to drop the Basic credentials it cached for the account. */
public record PasswordChanged(String username, String message) {
}
