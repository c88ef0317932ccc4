package io.stacks.platform.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;

/** `stacks.auth.*`: who issues tokens, for which audiences, and this service's own client credentials. */
@ConfigMapping(prefix = "stacks.auth")
public interface AuthConfig {

    String issuer();

    /** The audience of user tokens: the public API. */
    String apiAudience();

    /** This service's secret for the client-credentials grant (from Secrets Manager in ECS). */
    Optional<String> clientSecret();

    /** user-service only: services that may get service tokens, as {@code NAME:SHA256-HEX-OF-SECRET}. */
    Optional<List<String>> clients();

    /** user-service only: the services a service token may be for. */
    @WithDefault("user-service,book-service,image-service,notification-service")
    List<String> serviceAudiences();
}
