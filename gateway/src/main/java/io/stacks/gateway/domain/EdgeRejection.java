package io.stacks.gateway.domain;

import io.stacks.platform.problem.Problem;

/**
 * The gateway answers the request itself instead of forwarding it: either with its own problem, or with the
 * problem user-service gave when it refused the credentials.
 */
public class EdgeRejection extends RuntimeException {

    private final int status;
    private final String title;
    private final boolean challenge;
    private final Integer retryAfterSeconds;
    private final String relayedBody;
    private final String relayedContentType;

    private EdgeRejection(int status, String title, String detail, boolean challenge, Integer retryAfterSeconds,
            String relayedBody, String relayedContentType) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.challenge = challenge;
        this.retryAfterSeconds = retryAfterSeconds;
        this.relayedBody = relayedBody;
        this.relayedContentType = relayedContentType;
    }

    public static EdgeRejection unauthorized(String detail) {
        return new EdgeRejection(401, "Unauthorized", detail, true, null, null, null);
    }

    public static EdgeRejection unavailable(String detail, int retryAfterSeconds) {
        return new EdgeRejection(503, "Service Unavailable", detail, false, retryAfterSeconds, null, null);
    }

    /** user-service's own answer (401/403 with its problem body), passed on unchanged. */
    public static EdgeRejection relayed(int status, String contentType, String body) {
        return new EdgeRejection(status, status == 401 ? "Unauthorized" : "Forbidden",
                "user-service refused the credentials", status == 401, null, body, contentType);
    }

    public int status() {
        return status;
    }

    /** Whether the answer should carry WWW-Authenticate (a 401). */
    public boolean challenge() {
        return challenge;
    }

    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public String contentType() {
        return relayedContentType != null ? relayedContentType : Problem.MEDIA_TYPE;
    }

    /** user-service's body when this passes on its answer; null when the gateway speaks for itself. */
    public String relayedBody() {
        return relayedBody;
    }

    /** The gateway's own problem for the request at {@code path}. */
    public Problem problem(String path, String requestId) {
        return new Problem("about:blank", title, status, getMessage(), path, requestId, null);
    }
}
