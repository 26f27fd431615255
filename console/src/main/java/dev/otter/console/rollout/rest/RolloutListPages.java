package dev.otter.console.rollout.rest;

import dev.otter.console.backend.client.ApiException;
import dev.otter.console.backend.client.Service;
import dev.otter.console.page.service.Html;
import dev.otter.console.rollout.service.NewRollout;
import dev.otter.console.session.service.Operator;
import dev.otter.console.session.service.OperatorApi;
import dev.otter.contract.security.Roles;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** Rollouts: the list with status and current share, and the form that creates one. */
@Path("/rollouts")
@RolesAllowed(Roles.VIEWER)
public class RolloutListPages {
    private final Template rollouts;
    private final Template newRollout;
    private final OperatorApi api;

    public RolloutListPages(
            @Location("rollouts.html") Template rollouts,
            @Location("new-rollout.html") Template newRollout,
            OperatorApi api) {
        this.rollouts = rollouts;
        this.newRollout = newRollout;
        this.api = api;
    }

    @GET
    public Response list(@QueryParam("done") String done, @QueryParam("error") String error) {
        Operator me = api.me();
        return Html.page(rollouts.data("me", me)
                .data("rollouts", api.list(Service.ROLLOUT, "api/v1/rollouts"))
                .data("done", done)
                .data("error", error));
    }

    @GET
    @Path("new")
    @RolesAllowed(Roles.OPERATOR)
    public Response form(@QueryParam("error") String error) {
        return Html.page(form(NewRollout.defaults(), error));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.OPERATOR)
    public Response create(@BeanParam NewRollout form) {
        Map<String, Object> body;
        try {
            body = form.toRequest();
        } catch (IllegalArgumentException invalid) {
            return Html.page(400, form(form, invalid.getMessage()));
        }
        try {
            Map<?, ?> created = (Map<?, ?>) api.post(Service.ROLLOUT, "api/v1/rollouts", body);
            return Html.done("/rollouts/" + created.get("id"), "Rollout created as a draft: check it, then start it.");
        } catch (ApiException refused) {
            return Html.page(400, form(form, refused.getMessage()));
        }
    }

    private io.quarkus.qute.TemplateInstance form(NewRollout values, String error) {
        Operator me = api.me();
        return newRollout
                .data("me", me)
                .data("families", api.list(Service.MANIFEST, "api/v1/families"))
                .data("f", values)
                .data("channels", java.util.List.of("stable", "beta", "internal"))
                .data("error", error);
    }
}
