package io.stacks.gateway.api;

import java.util.Map;

/** GET /check-status answer when every service is ready. */
public record PlatformStatus(String status, Map<String, String> services) {
}
