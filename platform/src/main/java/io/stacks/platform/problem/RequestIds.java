package io.stacks.platform.problem;

import org.jboss.logging.MDC;

/** The id of the request being served, kept in the logging MDC so every log line and problem carries it. */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";

    private RequestIds() {
    }

    public static String current() {
        Object id = MDC.get(MDC_KEY);
        return id == null ? null : id.toString();
    }
}
