package dev.otter.manifest.catalog.patch.rest;

import dev.otter.contract.security.Roles;
import dev.otter.manifest.catalog.patch.api.PatchView;
import dev.otter.manifest.catalog.patch.service.PatchService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The delta patches to a version and how far making them has come. */
@Path("/api/v1/families/{family}/versions/{version}/patches")
@Tag(name = "Artifacts")
public class PatchResource {
    private final PatchService patches;

    public PatchResource(PatchService patches) {
        this.patches = patches;
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Patches to this version from its predecessors, with status and progress")
    public Uni<List<PatchView>> list(@PathParam("family") String family, @PathParam("version") String version) {
        return patches.forVersion(family, version);
    }
}
