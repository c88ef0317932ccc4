package io.stacks.gateway.api;

import io.smallrye.mutiny.Uni;
import io.stacks.gateway.config.GatewayConfig;
import io.stacks.gateway.domain.EdgeAuthenticator;
import io.stacks.gateway.domain.PlatformReadiness;
import io.stacks.platform.problem.Problem;
import io.stacks.platform.problem.RequestIds;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The gateway's own endpoints; everything else it routes to the services. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "gateway", description = "The public entry point's own endpoints")
public class GatewayResource {

    private final EdgeAuthenticator authenticator;
    private final PlatformReadiness readiness;
    private final int retryAfterSeconds;

    GatewayResource(EdgeAuthenticator authenticator, PlatformReadiness readiness, GatewayConfig config) {
        this.authenticator = authenticator;
        this.readiness = readiness;
        this.retryAfterSeconds = config.retryAfterSeconds();
    }

    @GET
    @Operation(summary = "The current time (ISO-8601 UTC)",
            description = "For an authenticated caller: Basic credentials (checked with user-service) or a Bearer token.")
    @APIResponse(responseCode = "200", description = "The current time",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CurrentTime.class)))
    @APIResponse(responseCode = "401", description = "No, malformed or wrong credentials",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The account may not sign in (e.g. not verified)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "user-service cannot check the Basic credentials now",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<CurrentTime> now(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam(RequestIds.HEADER) String requestId) {
        return Uni.createFrom().completionStage(() -> authenticator.authenticate(authorization, requestId)
                .toCompletionStage()).map(authenticated -> new CurrentTime(Instant.now()));
    }

    @GET
    @Path("check-status")
    @Operation(summary = "Readiness of the whole platform",
            description = "UP when every service answers its readiness check within about 2 seconds (polled by the load balancer).")
    @APIResponse(responseCode = "200", description = "Every service is ready",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PlatformStatus.class)))
    @APIResponse(responseCode = "503", description = "At least one service is not ready; `services` says which",
            content = @Content(mediaType = Problem.MEDIA_TYPE,
                    schema = @Schema(implementation = PlatformStatusProblem.class)))
    public Uni<Response> checkStatus(@HeaderParam(RequestIds.HEADER) String requestId) {
        return Uni.createFrom().completionStage(() -> readiness.check().toCompletionStage())
                .map(services -> PlatformReadiness.allUp(services)
                        ? Response.ok(new PlatformStatus(PlatformReadiness.UP, services)).build()
                        : notReady(services, requestId));
    }

    private Response notReady(Map<String, String> services, String requestId) {
        PlatformStatusProblem problem = new PlatformStatusProblem("about:blank", "Service Unavailable", 503,
                "not every service is ready", "/check-status", requestId, services);
        return Response.status(503).type(Problem.MEDIA_TYPE).header(HttpHeaders.RETRY_AFTER, retryAfterSeconds)
                .entity(problem).build();
    }
}
