package io.stacks.gateway.api;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/** The pages that the links in Stacks mail open: confirming an account and choosing a new password. */
@Singleton
public class WebPages {

    void init(@Observes Router router) {
        StaticHandler files = StaticHandler.create("web").setDefaultContentEncoding("UTF-8");
        router.get("/app/verify").order(ProxyRoutes.ORDER + 2).handler(rc -> rc.reroute("/app/verify.html"));
        router.get("/app/reset").order(ProxyRoutes.ORDER + 2).handler(rc -> rc.reroute("/app/reset.html"));
        router.get("/app/*").order(ProxyRoutes.ORDER + 3).handler(WebPages::hardened).handler(files);
    }

    private static void hardened(RoutingContext rc) {
        rc.response()
                .putHeader("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'")
                .putHeader("X-Content-Type-Options", "nosniff")
                // The address carries a one-time token: never send it on as a referrer.
                .putHeader("Referrer-Policy", "no-referrer")
                .putHeader("Cache-Control", "no-store");
        rc.next();
    }
}
