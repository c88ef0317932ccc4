package io.stacks.platform.api;

import io.smallrye.config.ConfigMapping;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The address clients reach Stacks at (the gateway's, behind the load balancer in AWS). Links a service hands out
 * (Location, Link, urls in bodies and mail) start here, never at the service's own internal address.
 */
@ApplicationScoped
public class PublicUrl {

    /** `stacks.public-url`, claimed here so that each service's own `stacks` mapping need not declare it. */
    @ConfigMapping(prefix = "stacks")
    public interface Config {
        String publicUrl();
    }

    private final String base;

    PublicUrl(Config config) {
        this.base = config.publicUrl().replaceAll("/+$", "");
    }

    /** The public URL of a path (which starts with a slash), e.g. {@code /book/42}. */
    public String of(String path) {
        return base + path;
    }
}
