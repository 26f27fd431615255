package dev.otter.manifest.app.rest;

import dev.otter.contract.security.Roles;
import dev.otter.manifest.app.api.AppKeyView;
import dev.otter.manifest.app.api.AppView;
import dev.otter.manifest.app.api.CreateAppRequest;
import dev.otter.manifest.app.api.NewAppKeyView;
import dev.otter.manifest.app.service.AppService;
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

/** Admin API: the applications that embed Otter and the app keys their devices present. */
@Path("/api/v1/apps")
@Tag(name = "Applications")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AppResource {
    private final AppService apps;
    private final CurrentActor actor;

    public AppResource(AppService apps, CurrentActor actor) {
        this.apps = apps;
        this.actor = actor;
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Register an application")
    public Uni<RestResponse<AppView>> create(@Valid @NotNull CreateAppRequest request, UriInfo uri) {
        return apps.create(request, actor.name()).map(app -> RestResponse.ResponseBuilder.<AppView>created(
                        uri.getAbsolutePathBuilder().path(app.id()).build())
                .entity(app)
                .build());
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "List applications and their keys (ids and prefixes only)")
    public Uni<List<AppView>> list() {
        return apps.list();
    }

    @GET
    @Path("/{app}")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Get an application and its keys (ids and prefixes only)")
    public Uni<AppView> get(@PathParam("app") String app) {
        return apps.get(app);
    }

    @POST
    @Path("/{app}/keys")
    @Consumes(MediaType.WILDCARD) // no body
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Create an app key; the key is in this answer only")
    public Uni<RestResponse<NewAppKeyView>> createKey(@PathParam("app") String app) {
        return apps.createKey(app, actor.name()).map(key -> RestResponse.status(RestResponse.Status.CREATED, key));
    }

    @POST
    @Path("/{app}/keys/{key}/revoke")
    @Consumes(MediaType.WILDCARD) // no body
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Revoke an app key: devices presenting it are refused (401) from then on")
    public Uni<AppKeyView> revokeKey(@PathParam("app") String app, @PathParam("key") String key) {
        return apps.revokeKey(app, key, actor.name());
    }
}
