package io.stacks.gateway.api;

import java.time.Instant;

/** GET / answer: the gateway's clock, ISO-8601 UTC. */
public record CurrentTime(Instant time) {
}
