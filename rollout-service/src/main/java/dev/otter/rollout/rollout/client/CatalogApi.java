package dev.otter.rollout.rollout.client;

import dev.otter.rollout.config.ServiceTokenHeaders;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** manifest-service's publisher API, as far as rollout-service reads it. */
@Path("/api/v1/families")
@RegisterRestClient(configKey = "catalog")
@RegisterClientHeaders(ServiceTokenHeaders.class)
public interface CatalogApi {

    @GET
    @Path("/{family}/versions/{version}")
    Uni<CatalogVersion> version(@PathParam("family") String family, @PathParam("version") String version);
}
