package dev.otter.rollout.rollout.rest;

import dev.otter.contract.security.Roles;
import dev.otter.rollout.rollout.api.ChannelDefaultRequest;
import dev.otter.rollout.rollout.api.ChannelDefaultView;
import dev.otter.rollout.rollout.service.ChannelDefaultService;
import dev.otter.support.security.CurrentActor;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** Operator API: the version devices outside any rollout get, per family and channel. */
@Path("/api/v1/channel-defaults/{family}")
@Tag(name = "Channel defaults")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ChannelDefaultResource {
    private final ChannelDefaultService defaults;
    private final CurrentActor actor;

    public ChannelDefaultResource(ChannelDefaultService defaults, CurrentActor actor) {
        this.actor = actor;
        this.defaults = defaults;
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Operation(summary = "The family's channel defaults")
    public Uni<List<ChannelDefaultView>> list(@PathParam("family") String family) {
        return defaults.list(family);
    }

    @RolesAllowed(Roles.OPERATOR)
    @PUT
    @Path("/{channel}")
    @Operation(summary = "Pin the version devices outside any rollout get on this channel")
    public Uni<ChannelDefaultView> set(
            @PathParam("family") String family,
            @PathParam("channel") String channel,
            @Valid @NotNull ChannelDefaultRequest request) {
        return defaults.set(family, channel, request.version(), actor.name());
    }

    @RolesAllowed(Roles.OPERATOR)
    @DELETE
    @Path("/{channel}")
    @Operation(summary = "Remove the pin: devices outside rollouts get the newest published version again")
    public Uni<RestResponse<Void>> unset(@PathParam("family") String family, @PathParam("channel") String channel) {
        return defaults.unset(family, channel, actor.name()).map(v -> RestResponse.noContent());
    }
}
