package io.stacks.platform.web;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.event.Observes;
import java.math.BigInteger;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Answers a body above the service's HTTP limit with a 413 problem; Quarkus' own checks would answer with an empty
 * 413. A declared body (Content-Length) is refused before anything reads it. A chunked body (no declared length) is
 * read here, up to the limit, so that going over it fails through the router (and its problem body) instead of
 * deep in the REST layer; the REST layer then reads the body from memory (or the parsed form from disk). The
 * gateway streams bodies through and turns this reading off ({@code stacks.http.read-chunked-bodies=false}).
 */
public class BodyLimitFilter {

    /** Quarkus' default for quarkus.http.limits.max-body-size. */
    private static final MemorySize QUARKUS_DEFAULT = new MemorySize(BigInteger.valueOf(10L * 1024 * 1024));

    void register(@Observes Filters filters,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> maxBodySize,
            @ConfigProperty(name = "stacks.http.read-chunked-bodies", defaultValue = "true") boolean readChunked) {
        long limit = maxBodySize.orElse(QUARKUS_DEFAULT).asLongValue();
        BodyHandler chunkedBodies = BodyHandler.create(true).setBodyLimit(limit).setDeleteUploadedFilesOnEnd(true)
                .setUploadsDirectory(System.getProperty("java.io.tmpdir") + "/stacks-uploads");
        String detail = "the request body is larger than this service accepts (at most " + limit + " bytes)";
        // Runs after the request-id filter (priority 1000), so the problem carries the request id.
        filters.register(rc -> {
            String transferEncoding = rc.request().getHeader(HttpHeaders.TRANSFER_ENCODING);
            if (transferEncoding != null && !isChunked(transferEncoding)) {
                // RFC 9112 6.3: a body whose length cannot be told is refused, and the connection closed.
                FallbackRoutes.writeAndClose(rc, 400, "Transfer-Encoding: only chunked is supported");
                return;
            }
            String length = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (declaredAbove(rc.request(), limit)) {
                FallbackRoutes.writeAndClose(rc, 413, detail);
            } else if (readChunked && length == null && transferEncoding != null) {
                chunkedBodies.handle(rc);
            } else {
                rc.next();
            }
        }, 900);
    }

    /** Whether chunked is the final coding (RFC 9112: the only one that delimits a body). */
    private static boolean isChunked(String transferEncoding) {
        String[] codings = transferEncoding.split(",");
        return codings[codings.length - 1].strip().equalsIgnoreCase("chunked");
    }

    /** Whether the request declares (Content-Length) a body above the limit. */
    public static boolean declaredAbove(HttpServerRequest request, long limit) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        try {
            return length != null && Long.parseLong(length.trim()) > limit;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
