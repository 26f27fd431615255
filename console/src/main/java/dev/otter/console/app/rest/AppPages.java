package dev.otter.console.app.rest;

import dev.otter.console.backend.client.ApiException;
import dev.otter.console.backend.client.Service;
import dev.otter.console.page.service.Forms;
import dev.otter.console.page.service.Html;
import dev.otter.console.session.service.Operator;
import dev.otter.console.session.service.OperatorApi;
import dev.otter.contract.security.Roles;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * Applications and their device keys. Viewers see them; only admins create an app, create a key —
 * shown on the answer page once, never again — or revoke one.
 */
@Path("/apps")
@RolesAllowed(Roles.VIEWER)
public class AppPages {
    private final Template apps;
    private final OperatorApi api;

    public AppPages(@Location("apps.html") Template apps, OperatorApi api) {
        this.apps = apps;
        this.api = api;
    }

    @GET
    public Response list(@QueryParam("done") String done, @QueryParam("error") String error) {
        return Html.page(page(null).data("done", done).data("error", error));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.ADMIN)
    public Response create(@FormParam("id") String id, @FormParam("name") String name) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("id", Forms.blankToNull(id));
        body.put("name", Forms.blankToNull(name));
        try {
            api.post(Service.MANIFEST, "api/v1/apps", body);
            return Html.done("/apps", "Application " + id + " created.");
        } catch (ApiException refused) {
            return Html.refused("/apps", refused.getMessage());
        }
    }

    /** A new key, shown in this answer only: the page says so and the service keeps only its hash. */
    @POST
    @Path("{app}/keys")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.ADMIN)
    public Response createKey(@PathParam("app") String app) {
        try {
            Object key = api.post(Service.MANIFEST, "api/v1/apps/" + Forms.segment(app) + "/keys", null);
            return Html.page(page(key).data("done", null).data("error", null));
        } catch (ApiException refused) {
            return Html.refused("/apps", refused.getMessage());
        }
    }

    @POST
    @Path("{app}/keys/{key}/revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.ADMIN)
    public Response revoke(
            @PathParam("app") String app, @PathParam("key") String key, @FormParam("confirm") String confirm) {
        if (!Forms.confirmed(confirm)) {
            return Html.refused("/apps", "Tick the confirmation to revoke the key.");
        }
        try {
            api.post(
                    Service.MANIFEST,
                    "api/v1/apps/" + Forms.segment(app) + "/keys/" + Forms.segment(key) + "/revoke",
                    null);
            return Html.done("/apps", "Key revoked: devices using it are refused from now on.");
        } catch (ApiException refused) {
            return Html.refused("/apps", refused.getMessage());
        }
    }

    private TemplateInstance page(Object newKey) {
        Operator me = api.me();
        return apps.data("me", me)
                .data("apps", api.list(Service.MANIFEST, "api/v1/apps"))
                .data("newKey", newKey);
    }
}
