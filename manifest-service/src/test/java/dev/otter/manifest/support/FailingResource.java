package dev.otter.manifest.support;

import dev.otter.support.error.ApiException;
import dev.otter.support.error.CommonError;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;

/** Test-only endpoints that fail in each way the problem mapper must translate. */
@Path("/test-support/failures")
@PermitAll
public class FailingResource {

    /** A body with constraints, to provoke validation and JSON errors. */
    public record Body(@NotBlank String name, @Min(0) long size) {}

    @GET
    @Path("/api")
    public String api() {
        throw new ApiException(CommonError.INVALID_PARAMETER, "family must be lower-case");
    }

    @GET
    @Path("/bug")
    public String bug() {
        throw new IllegalStateException("a bug");
    }

    @POST
    @Path("/body")
    @Consumes(MediaType.APPLICATION_JSON)
    public String body(@Valid Body body) {
        return body.name();
    }
}
