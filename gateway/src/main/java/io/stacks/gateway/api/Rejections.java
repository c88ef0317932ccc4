package io.stacks.gateway.api;

import io.stacks.gateway.domain.EdgeRejection;
import io.stacks.platform.problem.RequestIds;
import io.stacks.platform.web.FallbackRoutes;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Writes an {@link EdgeRejection} the same way from REST resources and from the proxy routes. */
public class Rejections {

    private static final Logger LOG = Logger.getLogger(Rejections.class);
    static final String[] CHALLENGES = { "Basic realm=\"stacks\"", "Bearer realm=\"stacks\"" };

    @ServerExceptionMapper
    public Response rejected(EdgeRejection rejection, UriInfo uri, HttpHeaders headers) {
        Response.ResponseBuilder response = Response.status(rejection.status()).type(rejection.contentType());
        response.entity(rejection.relayedBody() != null ? rejection.relayedBody()
                : rejection.problem(uri.getRequestUri().getRawPath(), headers.getHeaderString(RequestIds.HEADER)));
        if (rejection.challenge()) {
            for (String challenge : CHALLENGES) {
                response.header(HttpHeaders.WWW_AUTHENTICATE, challenge);
            }
        }
        if (rejection.retryAfterSeconds() != null) {
            response.header(HttpHeaders.RETRY_AFTER, rejection.retryAfterSeconds());
        }
        return response.build();
    }

    /** Answers a proxy route with the rejection (or a 500 problem for anything unexpected). */
    static void write(RoutingContext rc, Throwable failure) {
        HttpServerResponse response = rc.response();
        if (!(failure instanceof EdgeRejection rejection)) {
            LOG.error("request failed at the gateway", failure);
            FallbackRoutes.write(rc, 500, "the gateway could not complete the request");
            return;
        }
        if (response.headWritten()) {
            return;
        }
        if (rejection.challenge()) {
            for (String challenge : CHALLENGES) {
                response.headers().add(HttpHeaders.WWW_AUTHENTICATE, challenge);
            }
        }
        if (rejection.retryAfterSeconds() != null) {
            response.putHeader(HttpHeaders.RETRY_AFTER, rejection.retryAfterSeconds().toString());
        }
        String body = rejection.relayedBody() != null ? rejection.relayedBody()
                : Json.encode(rejection.problem(rc.request().path(), rc.request().getHeader(RequestIds.HEADER)));
        response.setStatusCode(rejection.status()).putHeader(HttpHeaders.CONTENT_TYPE, rejection.contentType())
                .end(body);
    }
}
