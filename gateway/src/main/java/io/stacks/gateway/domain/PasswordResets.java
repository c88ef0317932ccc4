package io.stacks.gateway.domain;

import io.stacks.gateway.client.UserServiceClient;
import io.stacks.gateway.config.GatewayConfig;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.DecodeException;
import io.vertx.ext.web.client.HttpResponse;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/** Passes a reset confirmation to user-service and, once the password changed, stops accepting the old one. */
@Singleton
public class PasswordResets {

    private static final Logger LOG = Logger.getLogger(PasswordResets.class);

    private final UserServiceClient userService;
    private final TokenExchange tokenExchange;
    private final int retryAfterSeconds;

    PasswordResets(UserServiceClient userService, TokenExchange tokenExchange, GatewayConfig config) {
        this.userService = userService;
        this.tokenExchange = tokenExchange;
        this.retryAfterSeconds = config.retryAfterSeconds();
    }

    /** user-service's answer, whatever it is; a 503 {@link EdgeRejection} only when it could not be reached. */
    public Future<HttpResponse<Buffer>> confirm(HttpServerRequest request, Buffer body) {
        return userService.confirmReset(request, body).transform(answer -> {
            if (answer.failed()) {
                LOG.warnf("user-service could not confirm a password reset: %s", answer.cause().toString());
                return Future.failedFuture(EdgeRejection.unavailable(
                        "user-service is not available to confirm the reset; try again shortly", retryAfterSeconds));
            }
            HttpResponse<Buffer> response = answer.result();
            if (response.statusCode() / 100 == 2) {
                forgetCredentialsOf(response);
            }
            return Future.succeededFuture(response);
        });
    }

    private void forgetCredentialsOf(HttpResponse<Buffer> response) {
        String username = null;
        try {
            username = response.bodyAsJsonObject() == null ? null : response.bodyAsJsonObject().getString("username");
        } catch (DecodeException | ClassCastException e) {
            // handled below, like a body without a username
        }
        if (username == null) {
            LOG.warn("user-service confirmed a reset without naming the user; cached Basic credentials stay until they expire");
            return;
        }
        tokenExchange.forgetUser(username);
    }
}
