package io.stacks.outbox;

import java.time.Instant;

/** An event as the relay claimed it. */
record OutboxEvent(String id, PeerRequest request, String requestId, int attempts, Instant createdAt) {
}
