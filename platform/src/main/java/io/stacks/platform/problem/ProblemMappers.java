package io.stacks.platform.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every failure a resource can raise into an RFC 9457 problem: never HTML, never a stack trace. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    private static final String FORM_READER = "org.jboss.resteasy.reactive.server.handlers.FormBodyHandler";
    /** RESTEasy Reactive's limit on the parts of one form body. */
    private static final int FORM_PARTS = 1000;

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        Response.ResponseBuilder response = respond(e.toProblem(), uri);
        if (e.retryAfterSeconds() != null) {
            response.header(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds());
        }
        return response.build();
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, UriInfo uri) {
        Map<String, String> errors = e.getConstraintViolations().stream().collect(Collectors.toMap(
                ProblemMappers::fieldOf, ConstraintViolation::getMessage, (a, b) -> a + "; " + b, TreeMap::new));
        String detail = errors.entrySet().stream().map(f -> f.getKey() + ": " + f.getValue())
                .collect(Collectors.joining(", "));
        return respond(Problem.of(400, "Bad Request", detail).withErrors(errors), uri).build();
    }

    @ServerExceptionMapper
    public Response wrongType(InvalidFormatException e, UriInfo uri) {
        return mismatched(e, uri);
    }

    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e, UriInfo uri) {
        String field = pathOf(e);
        if (String.valueOf(e.getOriginalMessage()).startsWith("Trailing token")) {
            return badRequest(JsonErrors.detail(e), uri);
        }
        if (field.isEmpty()) {
            return badRequest("the request body does not have the expected JSON shape", uri);
        }
        String message = "must be of type " + simpleType(e.getTargetType());
        return respond(Problem.of(400, "Bad Request", field + ": " + message).withErrors(Map.of(field, message)), uri)
                .build();
    }

    @ServerExceptionMapper
    public Response malformed(JsonProcessingException e, UriInfo uri) {
        if (e instanceof InvalidDefinitionException) {
            // The body could not be bound to its type: told to the client as a body of the wrong shape, logged as ours.
            LOG.error("a request body type cannot be read", e);
            return badRequest("the request body does not have the expected JSON shape", uri);
        }
        return JsonErrors.duplicateField(e).map(problem -> respond(problem, uri).build())
                .orElseGet(() -> badRequest(JsonErrors.detail(e), uri));
    }

    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class })
    public Response unauthorized(RuntimeException e, UriInfo uri) {
        return respond(Problem.of(401, "Unauthorized", "valid credentials are required"), uri)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"stacks\"").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(Problem.of(403, "Forbidden", "you are not allowed to do this"), uri).build();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        // The JSON reader reports a body it cannot parse as a 400 wrapping Jackson's exception.
        if (e.getCause() instanceof MismatchedInputException mismatch) {
            return mismatched(mismatch, uri);
        }
        if (e.getCause() instanceof JsonProcessingException json) {
            return malformed(json, uri);
        }
        Response original = e.getResponse();
        int status = original.getStatus();
        if (status >= 500) {
            LOG.error("request failed", e);
        }
        Response.StatusType info = original.getStatusInfo();
        String detail = status >= 500 ? "the service could not complete the request" : detailOf(status, e.getMessage());
        Response.ResponseBuilder response = respond(Problem.of(status, info.getReasonPhrase(), detail), uri);
        original.getHeaders().forEach((name, values) -> {
            if (!HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name)) {
                values.forEach(value -> response.header(name, value));
            }
        });
        return response.build();
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        if (failedReadingForm(e)) {
            LOG.debug("unreadable form body", e);
            return badRequest("the request body is not a well-formed form: multipart/form-data with a boundary that "
                    + "matches the Content-Type and complete parts, or URL-encoded fields; at most " + FORM_PARTS
                    + " fields", uri);
        }
        Optional<String> unavailable = DependencyFailures.unavailable(e);
        if (unavailable.isPresent()) {
            LOG.error("a dependency is unavailable", e);
            return problem(ProblemException.unavailable(unavailable.get()), uri);
        }
        LOG.error("unexpected failure", e);
        return respond(Problem.of(500, "Internal Server Error", "the service could not complete the request"), uri)
                .build();
    }

    /**
     * Whether the failure came from reading a form body (multipart or urlencoded) before any resource ran: a
     * broken boundary, a body cut short, too many parts. Told by the reader's frame on the stack, as the reader
     * throws plain IOException and RuntimeException.
     */
    static boolean failedReadingForm(Throwable e) {
        for (Throwable cause : DependencyFailures.causes(e)) {
            for (StackTraceElement frame : cause.getStackTrace()) {
                if (FORM_READER.equals(frame.getClassName())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** JAX-RS's own messages ("HTTP 415 Unsupported Media Type") say nothing the status does not. */
    private static String detailOf(int status, String message) {
        if (message != null && !message.startsWith("HTTP " + status)) {
            return message;
        }
        return switch (status) {
            case 404 -> "no resource at this path";
            case 405 -> "this method is not allowed on this resource";
            case 406 -> "the resource cannot produce any of the accepted media types";
            case 415 -> "this endpoint does not accept the request's Content-Type";
            default -> "the request could not be handled";
        };
    }

    private static Response badRequest(String detail, UriInfo uri) {
        return respond(Problem.of(400, "Bad Request", detail), uri).build();
    }

    private static Response.ResponseBuilder respond(Problem problem, UriInfo uri) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE)
                .entity(problem.withInstance(uri.getRequestUri().getRawPath()));
    }

    private static String fieldOf(ConstraintViolation<?> violation) {
        // "create.request.title" -> "title": drop the method and parameter names, keep the property path.
        String path = violation.getPropertyPath().toString();
        String[] parts = path.split("\\.");
        return parts.length > 2 ? String.join(".", Arrays.copyOfRange(parts, 2, parts.length))
                : parts[parts.length - 1];
    }

    private static String pathOf(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String simpleType(Class<?> type) {
        if (type == null) {
            return "the expected type";
        }
        if (Number.class.isAssignableFrom(type)
                || (type.isPrimitive() && type != boolean.class && type != char.class)) {
            return "number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "boolean";
        }
        if (type == String.class) {
            return "string";
        }
        return "object";
    }
}
