package io.stacks.user.domain;

/** A signed access token and how many seconds it lives. */
public record IssuedToken(String token, long expiresIn) {
}
