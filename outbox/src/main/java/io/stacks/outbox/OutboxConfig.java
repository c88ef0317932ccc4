package io.stacks.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** `stacks.outbox.*`: how the relay delivers and retries. */
@ConfigMapping(prefix = "stacks.outbox")
public interface OutboxConfig {

    /** How often due events are looked for, besides the wake-up after every commit that recorded one. */
    Duration pollInterval();

    /** How long a claimed event is left to its relay; past it, another relay may take it (the first one died). */
    @WithDefault("30s")
    Duration lease();

    /** Attempts before an event is given up as DEAD. */
    @WithDefault("12")
    int maxAttempts();

    /** The wait after the first failure; it doubles with every further one, up to {@link #maxBackoff()}. */
    @WithDefault("1s")
    Duration initialBackoff();

    @WithDefault("5m")
    Duration maxBackoff();

    /** Events claimed at once. */
    @WithDefault("20")
    int batchSize();

    /** Longest wait for a peer's answer to one delivery. */
    @WithDefault("5s")
    Duration deliveryTimeout();
}
