package io.stacks.user.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** An OAuth-style token answer (RFC 6749 field names). */
public record AccessTokenResponse(
        @JsonProperty("access_token") String accessToken,
        @JsonProperty("token_type") String tokenType,
        @JsonProperty("expires_in") long expiresIn) {

    static AccessTokenResponse bearer(String token, long expiresIn) {
        return new AccessTokenResponse(token, "Bearer", expiresIn);
    }
}
