package dev.otter.rollout.rollout.client;

import dev.otter.rollout.config.ServiceTokenHeaders;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.List;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** manifest-service's family and version lists, which the newest-published follower reads. */
@Path("/api/v1/families")
@RegisterRestClient(configKey = "catalog")
@RegisterClientHeaders(ServiceTokenHeaders.class)
public interface CatalogListing {

    @GET
    Uni<List<CatalogFamily>> families();

    @GET
    @Path("/{family}/versions")
    Uni<List<CatalogVersion>> versions(@PathParam("family") String family);
}
