package dev.otter.rollout.rollout.rest;

import dev.otter.contract.security.Roles;
import dev.otter.rollout.audit.api.AuditEntryView;
import dev.otter.rollout.audit.service.AuditService;
import dev.otter.rollout.rollout.api.AdvanceRequest;
import dev.otter.rollout.rollout.api.AssignmentView;
import dev.otter.rollout.rollout.api.CompleteRequest;
import dev.otter.rollout.rollout.api.CreateRolloutRequest;
import dev.otter.rollout.rollout.api.PercentageRequest;
import dev.otter.rollout.rollout.api.ReasonRequest;
import dev.otter.rollout.rollout.api.RolloutView;
import dev.otter.rollout.rollout.api.RulesRequest;
import dev.otter.rollout.rollout.api.StagesRequest;
import dev.otter.rollout.rollout.service.AssignmentService;
import dev.otter.rollout.rollout.service.RolloutService;
import dev.otter.support.error.ApiException;
import dev.otter.support.error.CommonError;
import dev.otter.support.security.CurrentActor;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** Operator API: rollouts and their lifecycle. */
@Path("/api/v1/rollouts")
@Tag(name = "Rollouts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RolloutResource {
    private final RolloutService rollouts;
    private final AssignmentService assignments;
    private final AuditService audit;
    private final CurrentActor actor;

    public RolloutResource(
            RolloutService rollouts, AssignmentService assignments, AuditService audit, CurrentActor actor) {
        this.actor = actor;
        this.rollouts = rollouts;
        this.assignments = assignments;
        this.audit = audit;
    }

    @RolesAllowed(Roles.OPERATOR)
    @POST
    @Operation(summary = "Create a DRAFT rollout (one target, or A/B variants)")
    public Uni<RestResponse<RolloutView>> create(CreateRolloutRequest request, UriInfo uri) {
        return rollouts.create(request, actor.name()).map(r -> RestResponse.ResponseBuilder.<RolloutView>created(
                        uri.getAbsolutePathBuilder().path(r.id()).build())
                .entity(r)
                .build());
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Operation(summary = "List rollouts, newest first, optionally by family, channel and status")
    public Uni<List<RolloutView>> list(
            @QueryParam("family") String family,
            @QueryParam("channel") String channel,
            @QueryParam("status") String status) {
        return rollouts.list(family, channel, status);
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/{id}")
    @Operation(summary = "Get a rollout with its current stage")
    public Uni<RolloutView> get(@PathParam("id") String id) {
        return rollouts.get(id);
    }

    @RolesAllowed(Roles.OPERATOR)
    @PUT
    @Path("/{id}/rules")
    @Operation(summary = "Replace the cohort rules (DRAFT, RUNNING or PAUSED)")
    public Uni<RolloutView> rules(@PathParam("id") String id, RulesRequest request) {
        return rollouts.replaceRules(id, request == null ? null : request.rules(), actor.name());
    }

    @RolesAllowed(Roles.OPERATOR)
    @PUT
    @Path("/{id}/stages")
    @Operation(summary = "Replace the stage plan and optionally the guard (DRAFT, RUNNING or PAUSED)")
    public Uni<RolloutView> stages(@PathParam("id") String id, StagesRequest request) {
        return rollouts.replaceStages(id, request, actor.name());
    }

    @RolesAllowed(Roles.OPERATOR)
    @POST
    @Path("/{id}/start")
    @Operation(summary = "Start: the first stage's cohort gets the target")
    public Uni<RolloutView> start(@PathParam("id") String id) {
        return rollouts.start(id, actor.name());
    }

    @RolesAllowed(Roles.OPERATOR)
    @POST
    @Path("/{id}/pause")
    @Operation(summary = "Pause: nobody new gets the target; devices already on it keep it")
    public Uni<RolloutView> pause(@PathParam("id") String id, @Valid ReasonRequest request) {
        return rollouts.pause(id, request == null ? null : request.reason(), actor.name());
    }

    @RolesAllowed(Roles.OPERATOR)
    @POST
    @Path("/{id}/resume")
    @Operation(summary = "Resume a paused rollout")
    public Uni<RolloutView> resume(@PathParam("id") String id, @Valid ReasonRequest request) {
        return rollouts.resume(id, request == null ? null : request.reason(), actor.name());
    }

    @RolesAllowed(Roles.OPERATOR)
    @POST
    @Path("/{id}/advance")
    @Operation(summary = "Advance to the next stage once the current one has baked (or with force)")
    public Uni<RolloutView> advance(@PathParam("id") String id, @Valid AdvanceRequest request) {
        return rollouts.advance(id, request, actor.name());
    }

    @RolesAllowed(Roles.OPERATOR)
    @PUT
    @Path("/{id}/percentage")
    @Operation(summary = "Set the cohort share directly (0-100, 0.01 steps)")
    public Uni<RolloutView> percentage(@PathParam("id") String id, PercentageRequest request) {
        return rollouts.setPercentage(id, request == null ? null : request.percentage(), actor.name());
    }

    @RolesAllowed(Roles.OPERATOR)
    @POST
    @Path("/{id}/rollback")
    @Operation(summary = "Roll back with a reason: devices on the target go back to the baseline")
    public Uni<RolloutView> rollback(@PathParam("id") String id, @Valid ReasonRequest request) {
        return rollouts.rollback(id, request == null ? null : request.reason(), actor.name());
    }

    @RolesAllowed(Roles.OPERATOR)
    @POST
    @Path("/{id}/complete")
    @Operation(summary = "Complete: the target (or the named A/B winner) becomes the channel default")
    public Uni<RolloutView> complete(@PathParam("id") String id, CompleteRequest request) {
        return rollouts.complete(id, request == null ? null : request.variant(), actor.name());
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/{id}/assignment")
    @Operation(summary = "Explain a device's assignment: bucket, deciding rule, variant and version")
    public Uni<AssignmentView> assignment(
            @PathParam("id") String id,
            @QueryParam("installId") String installId,
            @QueryParam("region") String region,
            @QueryParam("appVersion") String appVersion,
            @QueryParam("runtimeVersion") String runtimeVersion,
            @QueryParam("platform") String platform,
            @QueryParam("osVersion") String osVersion,
            @QueryParam("deviceModel") String deviceModel,
            @QueryParam("ramMb") String ramMb) {
        return assignments.explain(
                id,
                new AssignmentService.DeviceQuery(
                        installId,
                        region,
                        appVersion,
                        runtimeVersion,
                        platform,
                        osVersion,
                        deviceModel,
                        integer(ramMb)));
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/{id}/audit")
    @Operation(summary = "The rollout's audit trail, newest first")
    public Uni<List<AuditEntryView>> audit(
            @PathParam("id") String id, @QueryParam("limit") @DefaultValue("100") String limit) {
        return rollouts.get(id).chain(r -> audit.search(id, null, integer(limit)));
    }

    private static Integer integer(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw new ApiException(CommonError.INVALID_PARAMETER, "'" + value + "' is not an integer");
        }
    }
}
