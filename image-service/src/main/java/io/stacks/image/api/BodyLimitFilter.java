package io.stacks.image.api;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.stacks.image.config.StacksConfig;
import io.stacks.platform.web.FallbackRoutes;
import io.vertx.core.http.HttpHeaders;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Answers a declared body (Content-Length) above the HTTP limit with a 413 problem before anything reads it;
 * Quarkus' own check would answer with an empty 413.
 */
public class BodyLimitFilter {

    void register(@Observes Filters filters, StacksConfig config,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        long limit = maxBodySize.asLongValue();
        String detail = "the request body is larger than this service accepts (images may have at most "
                + config.images().maxBytes() + " bytes)";
        // Runs after the request-id filter (priority 1000), so the problem carries the request id.
        filters.register(rc -> {
            String length = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && declaredAbove(length, limit)) {
                // The body is never read: close the connection rather than leave it half-consumed.
                rc.response().putHeader(HttpHeaders.CONNECTION, "close")
                        .endHandler(ended -> rc.request().connection().close());
                FallbackRoutes.write(rc, 413, detail);
            } else {
                rc.next();
            }
        }, 900);
    }

    private static boolean declaredAbove(String length, long limit) {
        try {
            return Long.parseLong(length.trim()) > limit;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
