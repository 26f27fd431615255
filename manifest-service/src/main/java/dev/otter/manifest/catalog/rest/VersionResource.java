package dev.otter.manifest.catalog.rest;

import dev.otter.contract.security.Roles;
import dev.otter.manifest.catalog.VersionStatus;
import dev.otter.manifest.catalog.api.AddArtifactRequest;
import dev.otter.manifest.catalog.api.ArtifactView;
import dev.otter.manifest.catalog.api.CreateVersionRequest;
import dev.otter.manifest.catalog.api.TransitionRequest;
import dev.otter.manifest.catalog.api.VersionView;
import dev.otter.manifest.catalog.service.CatalogService;
import dev.otter.support.security.CurrentActor;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** Publisher API: versions of a family, their artifacts and lifecycle. */
@Path("/api/v1/families/{family}/versions")
@Tag(name = "Catalog")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class VersionResource {
    private final CatalogService catalog;
    private final CurrentActor actor;

    public VersionResource(CatalogService catalog, CurrentActor actor) {
        this.actor = actor;
        this.catalog = catalog;
    }

    @RolesAllowed(Roles.PUBLISHER)
    @POST
    @Operation(summary = "Create a DRAFT version")
    public Uni<RestResponse<VersionView>> create(
            @PathParam("family") String family, @Valid @NotNull CreateVersionRequest request, UriInfo uri) {
        return catalog.createVersion(family, request, actor.name())
                .map(v -> RestResponse.ResponseBuilder.<VersionView>created(
                                uri.getAbsolutePathBuilder().path(v.version()).build())
                        .entity(v)
                        .build());
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Operation(summary = "List a family's versions, newest first, with artifacts and history")
    public Uni<List<VersionView>> list(@PathParam("family") String family) {
        return catalog.listVersions(family);
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/{version}")
    @Operation(summary = "Get one version with artifacts and history")
    public Uni<VersionView> get(@PathParam("family") String family, @PathParam("version") String version) {
        return catalog.getVersion(family, version);
    }

    @RolesAllowed(Roles.PUBLISHER)
    @POST
    @Path("/{version}/artifacts")
    @Operation(summary = "Add the artifact of one tier to a DRAFT version")
    public Uni<RestResponse<ArtifactView>> addArtifact(
            @PathParam("family") String family,
            @PathParam("version") String version,
            @Valid @NotNull AddArtifactRequest request) {
        return catalog.addArtifact(family, version, request, actor.name())
                .map(a -> RestResponse.status(RestResponse.Status.CREATED, a));
    }

    @RolesAllowed(Roles.PUBLISHER)
    @POST
    @Path("/{version}/publish")
    @Operation(summary = "Publish a DRAFT version: it becomes immutable and devices can receive it")
    public Uni<VersionView> publish(@PathParam("family") String family, @PathParam("version") String version) {
        return catalog.transition(family, version, VersionStatus.PUBLISHED, null, actor.name());
    }

    @RolesAllowed(Roles.PUBLISHER)
    @POST
    @Path("/{version}/deprecate")
    @Operation(summary = "Deprecate a version: no new installs, devices on it keep it until something newer fits")
    public Uni<VersionView> deprecate(
            @PathParam("family") String family,
            @PathParam("version") String version,
            @Valid TransitionRequest request) {
        return catalog.transition(
                family, version, VersionStatus.DEPRECATED, request == null ? null : request.reason(), actor.name());
    }

    @RolesAllowed(Roles.PUBLISHER)
    @POST
    @Path("/{version}/retire")
    @Operation(summary = "Retire a version (end of service): devices move off it, or uninstall it when nothing fits")
    public Uni<VersionView> retire(
            @PathParam("family") String family,
            @PathParam("version") String version,
            @Valid @NotNull TransitionRequest request) {
        return catalog.transition(family, version, VersionStatus.RETIRED, request.reason(), actor.name());
    }
}
