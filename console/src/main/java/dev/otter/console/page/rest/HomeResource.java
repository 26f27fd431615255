package dev.otter.console.page.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/** The console's root opens the rollouts, the page operators watch most. */
@Path("/")
@PermitAll
public class HomeResource {
    @GET
    public Response home() {
        return Response.seeOther(URI.create("/rollouts")).build();
    }
}
