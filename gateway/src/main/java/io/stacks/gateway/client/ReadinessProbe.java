package io.stacks.gateway.client;

import io.stacks.gateway.config.GatewayConfig;
import io.stacks.gateway.config.UpstreamUrls;
import io.stacks.gateway.domain.Upstream;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.WebClient;
import jakarta.inject.Singleton;

/** Asks a service whether it is ready (its /q/health/ready), waiting no longer than the readiness timeout. */
@Singleton
public class ReadinessProbe {

    private final WebClient web;
    private final UpstreamUrls urls;
    private final long timeoutMillis;

    ReadinessProbe(WebClient web, UpstreamUrls urls, GatewayConfig config) {
        this.web = web;
        this.urls = urls;
        this.timeoutMillis = config.readinessTimeout().toMillis();
    }

    /** Never fails: an unreachable or slow service is simply not ready. */
    public Future<Boolean> isReady(Upstream upstream) {
        return web.requestAbs(HttpMethod.GET, urls.of(upstream) + "/q/health/ready")
                .timeout(timeoutMillis)
                .send()
                .map(response -> response.statusCode() == 200)
                .otherwise(false);
    }
}
