package io.stacks.gateway.api;

import io.quarkus.vertx.http.runtime.RouteConstants;
import io.stacks.gateway.client.UpstreamProxy;
import io.stacks.gateway.domain.BasicCredentials;
import io.stacks.gateway.domain.PasswordResets;
import io.stacks.gateway.domain.Routes;
import io.stacks.gateway.domain.TokenExchange;
import io.stacks.gateway.domain.Upstream;
import io.stacks.gateway.config.GatewayConfig;
import io.stacks.platform.problem.RequestIds;
import io.stacks.platform.web.BodyLimitFilter;
import io.stacks.platform.web.FallbackRoutes;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.Set;

/**
 * The routed public paths (see {@link Routes}). No BodyHandler runs on them: bodies stream through the proxy.
 * Only POST /reset/confirm is read here (a small JSON body), to forget the old password's cached tokens.
 */
@Singleton
public class ProxyRoutes {

    /** After Quarkus' filters (request ids, CORS) and before the REST endpoints and the 404 fallback. */
    static final int ORDER = RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT - 100;
    static final long RESET_BODY_LIMIT = 64 * 1024;
    private static final Set<String> NOT_RELAYED = Set.of("connection", "keep-alive", "transfer-encoding",
            "content-length", "upgrade", "te", "trailer", "proxy-authenticate", "x-request-id");

    private final UpstreamProxy proxy;
    private final TokenExchange tokenExchange;
    private final PasswordResets passwordResets;

    private final long maxUploadSize;

    ProxyRoutes(UpstreamProxy proxy, TokenExchange tokenExchange, PasswordResets passwordResets,
            GatewayConfig config) {
        this.proxy = proxy;
        this.tokenExchange = tokenExchange;
        this.passwordResets = passwordResets;
        this.maxUploadSize = config.maxUploadSize().asLongValue();
    }

    void init(@Observes Router router) {
        router.post("/reset/confirm").order(ORDER)
                .handler(BodyHandler.create(false).setBodyLimit(RESET_BODY_LIMIT))
                .handler(this::confirmReset);
        router.route().order(ORDER + 1).handler(this::route);
    }

    private void route(RoutingContext rc) {
        Optional<Upstream> upstream = Routes.upstreamFor(rc.normalizedPath());
        if (upstream.isEmpty()) {
            rc.next();
            return;
        }
        HttpServerRequest request = rc.request();
        if (upstream.get() == Upstream.IMAGE_SERVICE && BodyLimitFilter.declaredAbove(request, maxUploadSize)) {
            // Answered here: image-service would refuse it too, but its early answer can be lost mid-upload.
            FallbackRoutes.writeAndClose(rc, 413, "the request body is larger than image-service accepts (at most "
                    + maxUploadSize + " bytes)");
            return;
        }
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (!BasicCredentials.isBasic(authorization)) {
            forward(upstream.get(), request);
            return;
        }
        // Hold the body while user-service checks the credentials; the proxy resumes it as it streams it on.
        request.pause();
        tokenExchange.accessTokenFor(authorization, request.getHeader(RequestIds.HEADER)).onComplete(token -> {
            if (token.succeeded()) {
                request.headers().set(HttpHeaders.AUTHORIZATION, "Bearer " + token.result());
                forward(upstream.get(), request);
            } else {
                request.resume();
                Rejections.write(rc, token.cause());
            }
        });
    }

    private void forward(Upstream upstream, HttpServerRequest request) {
        if ("100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT))) {
            request.response().writeContinue();
        }
        proxy.forward(upstream, request);
    }

    private void confirmReset(RoutingContext rc) {
        Buffer body = rc.body().buffer() == null ? Buffer.buffer() : rc.body().buffer();
        passwordResets.confirm(rc.request(), body).onComplete(answer -> {
            if (answer.succeeded()) {
                relay(answer.result(), rc.response());
            } else {
                Rejections.write(rc, answer.cause());
            }
        });
    }

    private static void relay(HttpResponse<Buffer> answer, HttpServerResponse response) {
        response.setStatusCode(answer.statusCode());
        answer.headers().forEach((name, value) -> {
            if (!NOT_RELAYED.contains(name.toLowerCase()) && !name.regionMatches(true, 0, "access-control-", 0, 15)) {
                response.headers().add(name, value);
            }
        });
        Buffer body = answer.body();
        response.end(body == null ? Buffer.buffer() : body);
    }
}
