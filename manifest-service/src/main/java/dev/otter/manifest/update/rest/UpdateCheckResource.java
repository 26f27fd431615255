package dev.otter.manifest.update.rest;

import dev.otter.manifest.update.api.UpdateCheckRequest;
import dev.otter.manifest.update.api.UpdateCheckResponse;
import dev.otter.manifest.update.service.UpdateCheckService;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The device update check: one decision per model family, from memory. */
@Path("/v1/update-check")
@Tag(name = "Devices")
public class UpdateCheckResource {
    private final UpdateCheckService service;

    public UpdateCheckResource(UpdateCheckService service) {
        this.service = service;
    }

    @POST
    @NonBlocking // pure in-memory work: answered on the event loop, no worker-thread hop
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "What should this device run? UPDATE, NO_UPDATE, ROLLBACK, UNINSTALL or INCOMPATIBLE per family")
    public UpdateCheckResponse check(UpdateCheckRequest request) {
        return service.check(request);
    }
}
