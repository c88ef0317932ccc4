package io.stacks.gateway.api;

import java.util.Map;

/** GET /check-status answer when a service is not ready: a problem (RFC 9457) extended with each service's state. */
public record PlatformStatusProblem(String type, String title, int status, String detail, String instance,
        String requestId, Map<String, String> services) {
}
