package io.stacks.outbox;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * When a failed delivery is tried again: exponential backoff (initial × 2^(attempt-1), capped) with jitter, so
 * that events that failed together (a peer was down) do not all return together. The wait is drawn from the upper
 * half of the backoff ("equal jitter"): never shorter than half of it.
 */
public record RetrySchedule(Duration initial, Duration max, int maxAttempts) {

    /** Whether an event that has been tried this many times may be tried again. */
    public boolean mayRetryAfter(int attempts) {
        return attempts < maxAttempts;
    }

    /** @param random a value in [0, 1) */
    public Duration delayAfter(int attempts, DoubleSupplier random) {
        Duration backoff = backoffAfter(attempts);
        long half = backoff.toMillis() / 2;
        return Duration.ofMillis(half + (long) (random.getAsDouble() * (backoff.toMillis() - half)));
    }

    /** The backoff before jitter: initial after the first attempt, doubling, at most {@code max}. */
    Duration backoffAfter(int attempts) {
        int doublings = Math.max(0, Math.min(attempts - 1, 62));
        // Compared before shifting, so that no doubling can overflow.
        return initial.toMillis() > (max.toMillis() >> doublings) ? max
                : Duration.ofMillis(initial.toMillis() << doublings);
    }
}
