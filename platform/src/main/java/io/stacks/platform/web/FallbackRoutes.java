package io.stacks.platform.web;

import io.stacks.platform.problem.Problem;
import io.stacks.platform.problem.RequestIds;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/** Problem bodies for what never reaches a resource: unknown paths and failures in the HTTP layer itself. */
public class FallbackRoutes {

    private static final Logger LOG = Logger.getLogger(FallbackRoutes.class);

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(FallbackRoutes::requireValidTarget);
        router.route().order(Integer.MIN_VALUE).failureHandler(FallbackRoutes::failed);
        router.route().order(Integer.MAX_VALUE).handler(rc -> write(rc, 404, "no resource at this path"));
    }

    /**
     * Refuses a request target that is not a URI (e.g. {@code /book/%zz}) before anything decodes it. Quarkus' own
     * check answers with an empty 400, so services run with {@code -Dvertx.disableURIValidation=true} and this one
     * answers instead.
     */
    private static void requireValidTarget(RoutingContext rc) {
        try {
            new URI(rc.request().uri());
        } catch (URISyntaxException e) {
            String where = e.getIndex() < 0 ? "" : " at character " + (e.getIndex() + 1);
            write(rc, 400, "the request target is not a valid URI: " + e.getReason().toLowerCase(Locale.ROOT) + where);
            return;
        }
        rc.next();
    }

    private static void failed(RoutingContext rc) {
        if (rc.response().headWritten()) {
            // Already answered (e.g. a 413, after which the client's connection went): nothing more to say.
            LOG.debugf("failure after the response was written: %s", rc.failure());
            return;
        }
        int status = rc.statusCode() < 400 ? 500 : rc.statusCode();
        if (status >= 500) {
            LOG.error("request failed in the HTTP layer", rc.failure());
            write(rc, status, "the service could not complete the request");
        } else if (status == 413) {
            writeAndClose(rc, status, "the request body is larger than this service accepts");
        } else {
            write(rc, status, "the request could not be handled");
        }
    }

    /**
     * Answers with a problem and closes the connection after it: for a request whose body is left unread, which
     * would otherwise be taken for the start of the next request.
     */
    public static void writeAndClose(RoutingContext rc, int status, String detail) {
        rc.response().putHeader("Connection", "close").endHandler(ended -> rc.request().connection().close());
        write(rc, status, detail);
    }

    public static void write(RoutingContext rc, int status, String detail) {
        if (rc.response().headWritten()) {
            return;
        }
        if (rc.response().headers().get(RequestIds.HEADER) == null) {
            // Refused before the request-id filter ran (e.g. no Host header): the answer still gets its id.
            String id = UUID.randomUUID().toString();
            MDC.put(RequestIds.MDC_KEY, id);
            rc.response().putHeader(RequestIds.HEADER, id);
        }
        String title = HttpResponseStatus.valueOf(status).reasonPhrase();
        Problem problem = Problem.of(status, title, detail).withInstance(rc.request().path());
        rc.response().setStatusCode(status).putHeader("Content-Type", Problem.MEDIA_TYPE).end(Json.encode(problem));
    }
}
