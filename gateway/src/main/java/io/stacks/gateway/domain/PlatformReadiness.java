package io.stacks.gateway.domain;

import io.stacks.gateway.client.ReadinessProbe;
import io.vertx.core.Future;
import jakarta.inject.Singleton;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Whether every service behind the gateway is ready: one cheap readiness call to each, all at once. */
@Singleton
public class PlatformReadiness {

    public static final String UP = "UP";
    public static final String DOWN = "DOWN";

    private final ReadinessProbe probe;

    PlatformReadiness(ReadinessProbe probe) {
        this.probe = probe;
    }

    /** Service name to UP or DOWN, in a stable order. Never fails. */
    public Future<Map<String, String>> check() {
        List<Upstream> upstreams = Arrays.asList(Upstream.values());
        List<Future<Boolean>> answers = upstreams.stream().map(probe::isReady).toList();
        return Future.join(answers).transform(ignored -> {
            Map<String, String> services = new LinkedHashMap<>();
            for (int i = 0; i < upstreams.size(); i++) {
                services.put(upstreams.get(i).serviceName(), Boolean.TRUE.equals(answers.get(i).result()) ? UP : DOWN);
            }
            return Future.succeededFuture(services);
        });
    }

    public static boolean allUp(Map<String, String> services) {
        return services.values().stream().allMatch(UP::equals);
    }
}
