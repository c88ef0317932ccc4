package io.stacks.notification.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Where deliveries are recorded and how long the record is kept. */
@ConfigMapping(prefix = "stacks.deliveries")
public interface DeliveriesConfig {

    /** The DynamoDB table (String hash key {@code pk}, TTL attribute {@code expiresAt}). */
    @WithDefault("stacks-notification-deliveries")
    String table();

    /** How long a delivery record lives before DynamoDB's TTL removes it. */
    @WithDefault("P90D")
    Duration retention();
}
