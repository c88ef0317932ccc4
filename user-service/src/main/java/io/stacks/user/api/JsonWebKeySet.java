package io.stacks.user.api;

import java.util.List;

/** RFC 7517 key set: the public keys that verify Stacks access tokens. */
public record JsonWebKeySet(List<Key> keys) {

    /** An RSA signing key; `n` and `e` are unsigned big-endian, base64url without padding. */
    public record Key(String kty, String use, String alg, String kid, String n, String e) {
    }
}
