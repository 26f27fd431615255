package dev.otter.rollout.audit.rest;

import dev.otter.contract.security.Roles;
import dev.otter.rollout.audit.api.AuditEntryView;
import dev.otter.rollout.audit.service.AuditService;
import dev.otter.support.error.ApiException;
import dev.otter.support.error.CommonError;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Operator API: the audit trail of every rollout, tester-group and channel-default change. */
@Path("/api/v1/audit")
@Tag(name = "Audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {
    private final AuditService audit;

    public AuditResource(AuditService audit) {
        this.audit = audit;
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Operation(summary = "Audit entries, newest first, optionally for one rollout or family")
    public Uni<List<AuditEntryView>> search(
            @QueryParam("rollout_id") String rolloutId,
            @QueryParam("family") String family,
            @QueryParam("limit") @DefaultValue("100") String limit) {
        try {
            return audit.search(rolloutId, family, Integer.parseInt(limit.strip()));
        } catch (NumberFormatException e) {
            throw new ApiException(CommonError.INVALID_PARAMETER, "limit must be an integer");
        }
    }
}
