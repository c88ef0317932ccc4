package io.stacks.user.domain;

import io.stacks.platform.auth.ServiceTokens;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** user-service holds the signing key, so it mints its own service tokens instead of asking itself for them. */
@ApplicationScoped
public class LocalServiceTokens implements ServiceTokens {

    private final AccessTokens tokens;
    private final String self;

    LocalServiceTokens(AccessTokens tokens, @ConfigProperty(name = "quarkus.application.name") String self) {
        this.tokens = tokens;
        this.self = self;
    }

    @Override
    public String bearerFor(String audience) {
        return "Bearer " + tokens.forService(self, audience).token();
    }
}
