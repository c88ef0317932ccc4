package io.stacks.user.store;

import java.time.Instant;

/** A one-time token item: whose it is and until when it may be used. */
public record StoredToken(String userId, Instant expiresAt) {

    /** DynamoDB deletes expired items lazily, so expiry is checked on every use. */
    public boolean isValidAt(Instant now) {
        return expiresAt.isAfter(now);
    }
}
