package io.stacks.user.store;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only when the one-time token table answers (the datasource has its own automatic check). */
@Readiness
@ApplicationScoped
public class TokenTableReadiness implements HealthCheck {

    private final TokenStore tokens;

    TokenTableReadiness(TokenStore tokens) {
        this.tokens = tokens;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            tokens.describe();
            return HealthCheckResponse.up("dynamodb-tokens");
        } catch (RuntimeException e) {
            return HealthCheckResponse.builder().name("dynamodb-tokens").down().withData("error", e.getMessage())
                    .build();
        }
    }
}
