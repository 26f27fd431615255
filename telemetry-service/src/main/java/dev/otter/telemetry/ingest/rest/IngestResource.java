package dev.otter.telemetry.ingest.rest;

import dev.otter.support.device.DeviceEndpoint;
import dev.otter.telemetry.ingest.api.IngestRequest;
import dev.otter.telemetry.ingest.api.IngestResult;
import dev.otter.telemetry.ingest.service.IngestService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** Devices report sessions, errors, update outcomes and resource use here. */
@Path("/v1/telemetry/events")
@Tag(name = "Devices")
@PermitAll
@DeviceEndpoint
public class IngestResource {
    private final IngestService ingest;

    public IngestResource(IngestService ingest) {
        this.ingest = ingest;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Report a batch of events; 202 once Kafka has them, with the refused ones and why")
    public Uni<RestResponse<IngestResult>> report(IngestRequest request) {
        return ingest.ingest(request).map(result -> RestResponse.status(RestResponse.Status.ACCEPTED, result));
    }
}
