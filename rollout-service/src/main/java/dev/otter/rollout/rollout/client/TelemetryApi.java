package dev.otter.rollout.rollout.client;

import dev.otter.rollout.config.ServiceTokenHeaders;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** telemetry-service's rollout health, as rollout-service reads it for automatic stage advance. */
@Path("/api/v1/telemetry/rollouts")
@RegisterRestClient(configKey = "telemetry")
@RegisterClientHeaders(ServiceTokenHeaders.class)
public interface TelemetryApi {

    @GET
    @Path("/{id}/health")
    Uni<RolloutHealth> health(@PathParam("id") String rolloutId);
}
