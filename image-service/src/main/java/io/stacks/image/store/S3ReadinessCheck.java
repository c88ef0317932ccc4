package io.stacks.image.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the image bucket answers. */
@Readiness
@ApplicationScoped
public class S3ReadinessCheck implements HealthCheck {

    @Inject
    ImageObjects objects;

    @Override
    public HealthCheckResponse call() {
        try {
            objects.checkBucket();
            return HealthCheckResponse.named("s3").up().withData("bucket", objects.bucket()).build();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named("s3").down().withData("bucket", objects.bucket())
                    .withData("error", e.getClass().getSimpleName()).build();
        }
    }
}
