package io.stacks.platform.problem;

import java.util.Map;

/** A failure the domain knows the HTTP meaning of; mapped to a problem+json response. */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;
    private final Map<String, String> errors;
    private final Integer retryAfterSeconds;

    public ProblemException(int status, String title, String detail) {
        this(status, title, detail, Map.of(), null);
    }

    private ProblemException(int status, String title, String detail, Map<String, String> errors,
            Integer retryAfterSeconds) {
        super(detail);
        this.status = status;
        this.title = title;
        this.errors = errors;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(400, "Bad Request", detail);
    }

    public static ProblemException invalidField(String field, String message) {
        return new ProblemException(400, "Bad Request", field + ": " + message, Map.of(field, message), null);
    }

    public static ProblemException unauthorized(String detail) {
        return new ProblemException(401, "Unauthorized", detail);
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "Forbidden", detail);
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "Not Found", detail);
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "Conflict", detail);
    }

    public static ProblemException payloadTooLarge(String detail) {
        return new ProblemException(413, "Content Too Large", detail);
    }

    public static ProblemException unsupportedMediaType(String detail) {
        return new ProblemException(415, "Unsupported Media Type", detail);
    }

    public static ProblemException unavailable(String detail) {
        return new ProblemException(503, "Service Unavailable", detail, Map.of(), 5);
    }

    public int status() {
        return status;
    }

    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public Problem toProblem() {
        return Problem.of(status, title, getMessage()).withErrors(errors);
    }
}
