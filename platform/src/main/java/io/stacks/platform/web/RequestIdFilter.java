package io.stacks.platform.web;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.stacks.platform.problem.RequestIds;
import jakarta.enterprise.event.Observes;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.MDC;

/** Gives every request an id (the caller's, when it sent a sane one), echoes it and logs with it. */
public class RequestIdFilter {

    private static final Pattern SANE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    void register(@Observes Filters filters) {
        filters.register(rc -> {
            String id = rc.request().getHeader(RequestIds.HEADER);
            if (id == null || !SANE_ID.matcher(id).matches()) {
                id = UUID.randomUUID().toString();
                rc.request().headers().set(RequestIds.HEADER, id);
            }
            MDC.put(RequestIds.MDC_KEY, id);
            rc.response().putHeader(RequestIds.HEADER, id);
            if (rc.request().authority() == null) {
                // HTTP/1.0 without Host: nothing after this can build the request's URL.
                FallbackRoutes.write(rc, 400, "a Host header is required");
                return;
            }
            rc.next();
        }, 1000);
    }
}
