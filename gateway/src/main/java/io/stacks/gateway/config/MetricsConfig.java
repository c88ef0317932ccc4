package io.stacks.gateway.config;

import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.regex.Pattern;

/** Request metrics per route, not per resource: proxied paths carry ids, which must not become metric tags. */
public class MetricsConfig {

    private static final Pattern ID_SEGMENT = Pattern.compile(
            "/[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(?=/|$)");

    @Produces
    @Singleton
    MeterFilter collapseIdsInUris() {
        return MeterFilter.replaceTagValues("uri", uri -> ID_SEGMENT.matcher(uri).replaceAll("/{id}"));
    }
}
