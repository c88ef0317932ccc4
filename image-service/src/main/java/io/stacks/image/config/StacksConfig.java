package io.stacks.image.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The `stacks.*` settings image-service reads. */
@ConfigMapping(prefix = "stacks")
public interface StacksConfig {

    Images images();

    interface Images {

        @WithDefault("stacks-images")
        String bucket();

        /** The largest image accepted, in bytes (5 MiB). */
        @WithDefault("5242880")
        long maxBytes();
    }
}
