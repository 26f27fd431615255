package dev.otter.manifest.update.rest;

import dev.otter.manifest.signing.service.SignedJson;
import dev.otter.manifest.update.api.UpdateCheckRequest;
import dev.otter.manifest.update.api.UpdateCheckResponse;
import dev.otter.manifest.update.service.UpdateCheckService;
import dev.otter.support.device.DeviceEndpoint;
import dev.otter.support.device.DeviceGate;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The device update check: one decision per model family, from memory. */
@Path("/v1/update-check")
@Tag(name = "Devices")
@PermitAll
@DeviceEndpoint
public class UpdateCheckResource {
    private final UpdateCheckService service;
    private final SignedJson signed;
    private final DeviceGate gate;

    public UpdateCheckResource(UpdateCheckService service, SignedJson signed, DeviceGate gate) {
        this.service = service;
        this.signed = signed;
        this.gate = gate;
    }

    @POST
    @NonBlocking // pure in-memory work: answered on the event loop, no worker-thread hop
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "What should this device run? UPDATE, NO_UPDATE, ROLLBACK, UNINSTALL or INCOMPATIBLE per family")
    @APIResponse(
            responseCode = "200",
            description = "Signed: verify the Otter-Signature header over the exact body bytes",
            content = @Content(schema = @Schema(implementation = UpdateCheckResponse.class)))
    public Response check(UpdateCheckRequest request) {
        gate.limitInstall(request == null ? null : request.installId(), "");
        SignedJson.Signed answer = signed.sign(service.check(request));
        return Response.ok(answer.body(), MediaType.APPLICATION_JSON_TYPE)
                .header(SignedJson.HEADER, answer.signature())
                .build();
    }
}
