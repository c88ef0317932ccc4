package io.stacks.platform.auth;

import io.quarkus.security.StringPermission;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Tells a peer service's token from a user's. A token is a service token for this service when it carries the
 * {@code service} group and names this service (its application name) as its audience; it then holds the
 * permission {@code internal:<calling service>}, which each {@code /internal/**} endpoint asks for with
 * {@code @PermissionsAllowed}. A user token never holds it, so a member at an internal endpoint gets 403.
 */
@ApplicationScoped
public class ServiceCallers implements SecurityIdentityAugmentor {

    /** The permission name an internal endpoint requires; its action is the calling service. */
    public static final String INTERNAL = "internal";
    public static final String FROM_USER_SERVICE = INTERNAL + ":user-service";
    public static final String FROM_BOOK_SERVICE = INTERNAL + ":book-service";
    public static final String FROM_IMAGE_SERVICE = INTERNAL + ":image-service";

    private final String self;
    private final String apiAudience;

    ServiceCallers(@ConfigProperty(name = "quarkus.application.name") String self, AuthConfig auth) {
        this.self = self;
        this.apiAudience = auth.apiAudience();
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        return Uni.createFrom().item(callerService(identity) == null ? identity
                : QuarkusSecurityIdentity.builder(identity)
                        .addPermission(new StringPermission(INTERNAL, callerService(identity))).build());
    }

    /** The calling service's name when the identity is a service token meant for this service, else null. */
    String callerService(SecurityIdentity identity) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return null;
        }
        Set<String> audience = token.getAudience();
        // Only for this service, and never also a user token for the public API.
        boolean forThisService = audience != null && audience.contains(self) && !audience.contains(apiAudience);
        return forThisService && token.getGroups().contains(Roles.SERVICE) ? token.getSubject() : null;
    }
}
