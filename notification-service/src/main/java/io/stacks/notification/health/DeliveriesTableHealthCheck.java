package io.stacks.notification.health;

import io.stacks.notification.store.DeliveryStore;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import software.amazon.awssdk.core.exception.SdkException;

/** Ready only while the delivery log answers: without it no mail may be sent. */
@Readiness
@ApplicationScoped
public class DeliveriesTableHealthCheck implements HealthCheck {

    private final DeliveryStore deliveries;

    DeliveriesTableHealthCheck(DeliveryStore deliveries) {
        this.deliveries = deliveries;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("dynamodb-deliveries").withData("table", deliveries.table());
        try {
            deliveries.checkReachable();
            return response.up().build();
        } catch (SdkException e) {
            return response.down().withData("error", e.getClass().getSimpleName()).build();
        }
    }
}
