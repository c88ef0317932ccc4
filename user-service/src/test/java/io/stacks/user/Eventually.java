package io.stacks.user;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waits for what the service does after it has answered (the outbox delivers mail after commit): probes again
 * and again until the result is as wanted, and fails with the last result once the deadline has passed.
 */
final class Eventually {

    /** Longer than a retry after the first failure (at most 1 s) plus the relay's poll interval (2 s), with room. */
    static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final Duration PAUSE = Duration.ofMillis(100);

    private Eventually() {
    }

    static <T> T await(String what, Supplier<T> probe, Predicate<? super T> done) {
        return await(what, PATIENCE, probe, done);
    }

    static <T> T await(String what, Duration patience, Supplier<T> probe, Predicate<? super T> done) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            T result = probe.get();
            if (done.test(result)) {
                return result;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("waited " + patience.toSeconds() + " s for " + what + "; last saw "
                        + result);
            }
            try {
                Thread.sleep(PAUSE.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }
}
