package dev.otter.manifest.update.rest;

import dev.otter.contract.AppKeys;
import dev.otter.manifest.config.ManifestConfig;
import dev.otter.manifest.signing.service.SignedJson;
import dev.otter.manifest.update.api.LegacyUpdateRequest;
import dev.otter.manifest.update.api.LegacyUpdateResponse;
import dev.otter.manifest.update.service.LegacyService;
import dev.otter.support.device.DeviceConfig;
import dev.otter.support.device.DeviceEndpoint;
import dev.otter.support.device.DeviceGate;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The seed-format endpoints old clients call; same catalog, same decisions. */
@Path("/")
@Tag(name = "Devices (legacy)")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
public class LegacyResource {
    private final LegacyService legacy;
    private final String cacheControl;
    private final DeviceGate gate;
    private final boolean keysRequired;

    public LegacyResource(LegacyService legacy, ManifestConfig config, DeviceGate gate, DeviceConfig devices) {
        this.gate = gate;
        this.keysRequired = devices.requireAppKey();
        this.legacy = legacy;
        this.cacheControl = "public, max-age=" + config.legacy().cacheMaxAge().toSeconds();
    }

    @GET
    @Path("/v1/manifest.json")
    @DeviceEndpoint
    @NonBlocking
    @Operation(summary = "The seed-000 manifest, cacheable by a CDN (ETag, If-None-Match → 304)")
    public Response manifest(
            @QueryParam("family") String family,
            @QueryParam("channel") String channel,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
            @HeaderParam(AppKeys.HEADER) String key) {
        return rendered(legacy.manifest(family, channel, keyless(key)), ifNoneMatch);
    }

    @GET
    @Path("/v1/families/{family}/manifest.json")
    @DeviceEndpoint
    @NonBlocking
    @Operation(
            summary = "The seed-000 manifest of one family, at a path of its own",
            description = "Without an app key when an operator allowed it for the family (legacy-access).")
    public Response familyManifest(
            @PathParam("family") String family,
            @QueryParam("channel") String channel,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
            @HeaderParam(AppKeys.HEADER) String key) {
        return rendered(legacy.manifest(family, channel, keyless(key)), ifNoneMatch);
    }

    private Response rendered(LegacyService.RenderedManifest manifest, String ifNoneMatch) {
        Response.ResponseBuilder response = LegacyService.matches(ifNoneMatch, manifest.etag())
                ? Response.notModified()
                : Response.ok(manifest.body(), MediaType.APPLICATION_JSON_TYPE);
        return response.header(HttpHeaders.ETAG, manifest.etag())
                .header(SignedJson.HEADER, manifest.signature())
                .header(HttpHeaders.CACHE_CONTROL, cacheControl)
                .build();
    }

    @GET
    @Path("/v1/model/info")
    @DeviceEndpoint
    @NonBlocking
    @Operation(summary = "Seed 001: the version a client should run")
    public Map<String, Object> info(
            @QueryParam("family") String family,
            @QueryParam("channel") String channel,
            @HeaderParam(AppKeys.HEADER) String key) {
        return legacy.info(family, channel, keyless(key));
    }

    @GET
    @Path("/v1/families/{family}/model/info")
    @DeviceEndpoint
    @NonBlocking
    @Operation(summary = "Seed 001's model info for one family, at a path of its own")
    public Map<String, Object> familyInfo(
            @PathParam("family") String family,
            @QueryParam("channel") String channel,
            @HeaderParam(AppKeys.HEADER) String key) {
        return legacy.info(family, channel, keyless(key));
    }

    @POST
    @Path("/v1/model/update")
    @DeviceEndpoint
    @NonBlocking
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Seed 001: {device_id, current_version} → {need_update, target_version, download_url}")
    public LegacyUpdateResponse update(LegacyUpdateRequest request, @HeaderParam(AppKeys.HEADER) String key) {
        gate.limitInstall(request == null ? null : request.deviceId(), "");
        return legacy.update(request, keyless(key));
    }

    @POST
    @Path("/v1/families/{family}/model/update")
    @DeviceEndpoint
    @NonBlocking
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Seed 001's update for one family, at a path of its own (the path names the family)")
    public LegacyUpdateResponse familyUpdate(
            @PathParam("family") String family, LegacyUpdateRequest request, @HeaderParam(AppKeys.HEADER) String key) {
        gate.limitInstall(request == null ? null : request.deviceId(), "");
        return legacy.update(request == null ? null : request.withFamily(family), keyless(key));
    }

    // The gate let a request without a key through only for a family open to it; the service checks the family served.
    private boolean keyless(String key) {
        return keysRequired && (key == null || key.isBlank());
    }

    @GET
    @Path("/health")
    @Operation(summary = "Seed 001 liveness: {\"status\": \"ok\"}")
    public Map<String, String> health() {
        return Map.of("status", "ok");
    }
}
