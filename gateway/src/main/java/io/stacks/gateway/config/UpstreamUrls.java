package io.stacks.gateway.config;

import io.stacks.gateway.domain.Upstream;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.EnumMap;
import java.util.Map;
import org.eclipse.microprofile.config.Config;

/** Where each service listens: the same `quarkus.rest-client.<service>.url` keys every Stacks service reads. */
@Singleton
public class UpstreamUrls {

    private final Map<Upstream, URI> urls = new EnumMap<>(Upstream.class);

    UpstreamUrls(Config config) {
        for (Upstream upstream : Upstream.values()) {
            String url = config.getValue("quarkus.rest-client." + upstream.serviceName() + ".url", String.class);
            urls.put(upstream, URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url));
        }
    }

    /** The base URL, without a trailing slash. */
    public URI of(Upstream upstream) {
        return urls.get(upstream);
    }
}
