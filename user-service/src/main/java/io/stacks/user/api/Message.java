package io.stacks.user.api;

/** A human-readable outcome. */
public record Message(String message) {
}
