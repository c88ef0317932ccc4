package io.stacks.gateway.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the gateway talks to the services behind it. */
@ConfigMapping(prefix = "stacks.gateway")
public interface GatewayConfig {

    /** Longest wait for a connection to a service (also for a free one from the pool). */
    @WithDefault("2s")
    Duration connectTimeout();

    /** A proxied exchange with no bytes moving either way for this long is abandoned (503). */
    @WithDefault("60s")
    Duration upstreamIdleTimeout();

    /** Open connections kept per service. */
    @WithDefault("100")
    int maxConnectionsPerService();

    /** Longest wait for user-service when exchanging Basic credentials or confirming a reset. */
    @WithDefault("5s")
    Duration userServiceTimeout();

    /** Longest wait for one service's readiness answer in /check-status. */
    @WithDefault("2s")
    Duration readinessTimeout();

    /**
     * The largest body the gateway passes to image-service, as that service's own limit (an image of 5 MiB plus
     * multipart framing): a larger declared upload is answered 413 here, before a byte of it moves.
     */
    @WithDefault("6M")
    MemorySize maxUploadSize();

    /** What Retry-After says when a service is unavailable. */
    @WithDefault("5")
    int retryAfterSeconds();

    TokenCache tokenCache();

    interface TokenCache {

        /** Most Basic credentials remembered at once. */
        @WithDefault("10000")
        int maxEntries();

        /** A token is dropped this long before it expires, so no request carries a token about to lapse. */
        @WithDefault("30s")
        Duration expiryMargin();
    }
}
