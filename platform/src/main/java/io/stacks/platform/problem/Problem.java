package io.stacks.platform.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * An RFC 9457 problem detail, the body of every 4xx and 5xx a Stacks service produces.
 *
 * @param errors per-field messages for validation failures (field path to message)
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance, String requestId,
        Map<String, String> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(int status, String title, String detail) {
        return new Problem("about:blank", title, status, detail, null, RequestIds.current(), null);
    }

    public Problem withInstance(String path) {
        return new Problem(type, title, status, detail, path, requestId, errors);
    }

    public Problem withErrors(Map<String, String> fieldErrors) {
        return new Problem(type, title, status, detail, instance, requestId, fieldErrors);
    }
}
