package io.stacks.gateway.client;

import io.stacks.gateway.config.GatewayConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.concurrent.TimeUnit;

/** The HTTP clients the gateway reaches the services with, closed on shutdown. */
public class HttpClients {

    /** For the reverse proxy: streams both ways; never decompresses, since it passes bodies on as they are. */
    @Produces
    @Singleton
    HttpClient proxyClient(Vertx vertx, GatewayConfig config) {
        return vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setIdleTimeout((int) config.upstreamIdleTimeout().toMillis())
                .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
                .setKeepAlive(true)
                .setDecompressionSupported(false)
                .setMaxPoolSize(config.maxConnectionsPerService()));
    }

    /** For the gateway's own small JSON calls (token exchange, reset confirmation, readiness). */
    @Produces
    @Singleton
    WebClient webClient(Vertx vertx, GatewayConfig config) {
        return WebClient.create(vertx, new WebClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setKeepAlive(true)
                .setMaxPoolSize(config.maxConnectionsPerService())
                .setUserAgent("stacks-gateway"));
    }

    void close(@Disposes HttpClient client) {
        client.close();
    }

    void close(@Disposes WebClient client) {
        client.close();
    }
}
