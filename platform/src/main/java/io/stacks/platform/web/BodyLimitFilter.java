package io.stacks.platform.web;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import jakarta.enterprise.event.Observes;
import java.math.BigInteger;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Answers a declared body (Content-Length) above the service's HTTP limit with a 413 problem before anything
 * reads it; Quarkus' own check would answer with an empty 413.
 */
public class BodyLimitFilter {

    /** Quarkus' default for quarkus.http.limits.max-body-size. */
    private static final MemorySize QUARKUS_DEFAULT = new MemorySize(BigInteger.valueOf(10L * 1024 * 1024));

    void register(@Observes Filters filters,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> maxBodySize) {
        long limit = maxBodySize.orElse(QUARKUS_DEFAULT).asLongValue();
        String detail = "the request body is larger than this service accepts (at most " + limit + " bytes)";
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
