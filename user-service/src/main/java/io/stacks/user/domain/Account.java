package io.stacks.user.domain;

import io.stacks.user.store.User;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An account as its owner sees it; never the password hash. */
@Schema(name = "Account")
public record Account(String id, String username, List<String> roles, boolean verified, Instant createdAt) {

    static Account of(User user) {
        return new Account(user.id, user.username, Role.ofColumn(user.role).groups(), user.verified, user.createdAt);
    }
}
