package io.stacks.platform.web;

import io.stacks.platform.problem.Problem;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/** Problem bodies for what never reaches a resource: unknown paths and failures in the HTTP layer itself. */
public class FallbackRoutes {

    private static final Logger LOG = Logger.getLogger(FallbackRoutes.class);

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(FallbackRoutes::failed);
        router.route().order(Integer.MAX_VALUE).handler(rc -> write(rc, 404, "no resource at this path"));
    }

    private static void failed(RoutingContext rc) {
        int status = rc.statusCode() < 400 ? 500 : rc.statusCode();
        if (status >= 500) {
            LOG.error("request failed in the HTTP layer", rc.failure());
            write(rc, status, "the service could not complete the request");
        } else {
            write(rc, status, status == 413 ? "the request body is larger than this service accepts"
                    : "the request could not be handled");
        }
    }

    public static void write(RoutingContext rc, int status, String detail) {
        if (rc.response().headWritten()) {
            return;
        }
        String title = HttpResponseStatus.valueOf(status).reasonPhrase();
        Problem problem = Problem.of(status, title, detail).withInstance(rc.request().path());
        rc.response().setStatusCode(status).putHeader("Content-Type", Problem.MEDIA_TYPE).end(Json.encode(problem));
    }
}
