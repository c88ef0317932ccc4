package io.stacks.platform.auth;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who is calling, as the verified access token says. */
@RequestScoped
public class Caller {

    @Inject
    JsonWebToken token;

    /** The user's id (the token's subject). */
    public String id() {
        return token.getSubject();
    }

    public String username() {
        return token.getName();
    }

    public boolean isStaff() {
        return token.getGroups().contains(Roles.STAFF) || token.getGroups().contains(Roles.ADMIN);
    }

    /** Staff and admins may change anything; a member only what they created. */
    public boolean mayChange(String ownerId) {
        return isStaff() || id().equals(ownerId);
    }

    /** The raw token, to pass on when this request calls another service on the user's behalf. */
    public String bearer() {
        return "Bearer " + token.getRawToken();
    }
}
