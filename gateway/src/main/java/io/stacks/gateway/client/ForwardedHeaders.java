package io.stacks.gateway.client;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;

/** The de-facto X-Forwarded-* headers a service needs to know who called and how, behind the gateway. */
final class ForwardedHeaders {

    static final String FOR = "X-Forwarded-For";
    static final String PROTO = "X-Forwarded-Proto";
    static final String HOST = "X-Forwarded-Host";

    private ForwardedHeaders() {
    }

    /** Appends the caller's address to X-Forwarded-For; keeps a scheme and host an ALB in front already set. */
    static void add(MultiMap headers, HttpServerRequest incoming) {
        String peer = incoming.remoteAddress() == null ? null : incoming.remoteAddress().hostAddress();
        String previous = incoming.getHeader(FOR);
        if (peer != null) {
            headers.set(FOR, previous == null ? peer : previous + ", " + peer);
        }
        if (!headers.contains(PROTO)) {
            headers.set(PROTO, incoming.scheme());
        }
        if (!headers.contains(HOST) && incoming.authority() != null) {
            headers.set(HOST, incoming.authority().toString());
        }
    }
}
