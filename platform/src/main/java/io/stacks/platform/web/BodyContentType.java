package io.stacks.platform.web;

import io.stacks.platform.problem.ProblemException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Stream;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A body must say what it is. For an endpoint that reads JSON: JSON, in UTF-8 (RFC 8259); no Content-Type, a
 * wildcard or another charset is a 415 naming the header, not a body read by guesswork. For one that reads
 * multipart/form-data: a boundary (400 without one).
 */
public class BodyContentType {

    private static final Set<String> WITH_BODY = Set.of("POST", "PUT", "PATCH");
    private static final int MAX_BOUNDARY = 70;

    @ServerRequestFilter
    public void requireDeclaredType(ContainerRequestContext request, ResourceInfo resource) {
        if (!WITH_BODY.contains(request.getMethod())) {
            return;
        }
        if (readsMultipart(resource)) {
            requireBoundary(request.getHeaderString(HttpHeaders.CONTENT_TYPE));
            return;
        }
        if (!readsJson(resource)) {
            return;
        }
        String header = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
        MediaType type;
        try {
            type = header == null || header.isBlank() ? null : MediaType.valueOf(header);
        } catch (IllegalArgumentException e) {
            type = null;
        }
        if (type == null || type.isWildcardType() || type.isWildcardSubtype() || !isJson(type)) {
            throw ProblemException.unsupportedMediaType("Content-Type must be application/json (was "
                    + (header == null || header.isBlank() ? "missing" : "'" + abbreviate(header) + "'") + ")");
        }
        String charset = type.getParameters().get(MediaType.CHARSET_PARAMETER);
        if (charset != null && !charset.equalsIgnoreCase("utf-8")) {
            throw ProblemException.unsupportedMediaType("Content-Type: JSON is read as UTF-8 only (charset was '"
                    + abbreviate(charset) + "')");
        }
    }

    /** RFC 2046: a multipart body's boundary has 1 to 70 characters; without one no part can be found. */
    private static void requireBoundary(String header) {
        String boundary = null;
        try {
            boundary = header == null ? null : MediaType.valueOf(header).getParameters().get("boundary");
        } catch (IllegalArgumentException e) {
            // reported below, like a missing boundary
        }
        if (boundary == null || boundary.isEmpty() || boundary.length() > MAX_BOUNDARY) {
            throw ProblemException.badRequest("Content-Type: multipart/form-data needs a boundary of 1 to "
                    + MAX_BOUNDARY + " characters");
        }
    }

    private static boolean readsJson(ResourceInfo resource) {
        return consumed(resource).anyMatch(BodyContentType::isJson);
    }

    private static boolean readsMultipart(ResourceInfo resource) {
        return consumed(resource).anyMatch(type -> type.isCompatible(MediaType.MULTIPART_FORM_DATA_TYPE));
    }

    private static Stream<MediaType> consumed(ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        if (method == null) {
            return Stream.empty();
        }
        Consumes consumes = method.isAnnotationPresent(Consumes.class) ? method.getAnnotation(Consumes.class)
                : resource.getResourceClass().getAnnotation(Consumes.class);
        return consumes == null ? Stream.empty()
                : Arrays.stream(consumes.value()).map(MediaType::valueOf);
    }

    private static boolean isJson(MediaType type) {
        return type.getSubtype().equalsIgnoreCase("json") || type.getSubtype().toLowerCase().endsWith("+json");
    }

    private static String abbreviate(String text) {
        String printable = text.replaceAll("\\p{Cntrl}", "?");
        return printable.length() <= 60 ? printable : printable.substring(0, 60) + "...";
    }
}
