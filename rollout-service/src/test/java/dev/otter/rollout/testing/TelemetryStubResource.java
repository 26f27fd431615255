package dev.otter.rollout.testing;

import dev.otter.contract.telemetry.Verdict;
import dev.otter.rollout.rollout.client.RolloutHealth;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Test-only stand-in for telemetry-service's rollout health, served over real HTTP by the test app. */
@Path("/api/v1/telemetry/rollouts/{id}/health")
@PermitAll
public class TelemetryStubResource {
    /** rollout id → verdict; absent: INSUFFICIENT_DATA. */
    public static final Map<String, Verdict> VERDICTS = new ConcurrentHashMap<>();

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public RolloutHealth health(@PathParam("id") String id) {
        Verdict verdict = VERDICTS.getOrDefault(id, Verdict.INSUFFICIENT_DATA);
        return new RolloutHealth(id, verdict, "stub says " + verdict);
    }
}
