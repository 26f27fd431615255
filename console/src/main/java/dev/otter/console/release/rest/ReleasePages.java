package dev.otter.console.release.rest;

import dev.otter.console.backend.client.ApiException;
import dev.otter.console.backend.client.Service;
import dev.otter.console.page.service.Forms;
import dev.otter.console.page.service.Html;
import dev.otter.console.session.service.Operator;
import dev.otter.console.session.service.OperatorApi;
import dev.otter.contract.Identifiers;
import dev.otter.contract.security.Roles;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/** Releases: families, their versions with status, channel and artifacts; publish, deprecate, retire. */
@Path("/releases")
@RolesAllowed(Roles.VIEWER)
public class ReleasePages {
    private static final List<String> TRANSITIONS = List.of("publish", "deprecate", "retire");

    private final Template releases;
    private final Template family;
    private final OperatorApi api;

    public ReleasePages(
            @Location("releases.html") Template releases, @Location("family.html") Template family, OperatorApi api) {
        this.releases = releases;
        this.family = family;
        this.api = api;
    }

    @GET
    public Response list(@QueryParam("done") String done, @QueryParam("error") String error) {
        Operator me = api.me();
        return Html.page(releases.data("me", me)
                .data("families", api.list(Service.MANIFEST, "api/v1/families"))
                .data("done", done)
                .data("error", error));
    }

    @GET
    @Path("{family}")
    public Response family(
            @PathParam("family") String name, @QueryParam("done") String done, @QueryParam("error") String error) {
        checkFamily(name);
        Operator me = api.me();
        return Html.page(family.data("me", me)
                .data("family", api.object(Service.MANIFEST, "api/v1/families/" + name))
                .data("transitions", TRANSITIONS)
                .data("watches", api.list(Service.ROLLOUT, "api/v1/release-watches?family=" + name))
                .data(
                        "versions",
                        withPatches(name, api.list(Service.MANIFEST, "api/v1/families/" + name + "/versions"), me))
                .data("done", done)
                .data("error", error));
    }

    /** publish, deprecate or retire a version; a reason is kept in its history (required to retire). */
    @POST
    @Path("{family}/versions/{version}/{transition}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.PUBLISHER)
    public Response transition(
            @PathParam("family") String name,
            @PathParam("version") String version,
            @PathParam("transition") String transition,
            @FormParam("reason") String reason,
            @FormParam("confirm") String confirm) {
        checkFamily(name);
        Forms.segment(version);
        if (!TRANSITIONS.contains(transition)) {
            throw new NotFoundException();
        }
        String back = "/releases/" + name;
        if (!Forms.confirmed(confirm)) {
            return Html.refused(back, "Tick the confirmation to " + transition + " " + version + ".");
        }
        Operator me = api.me();
        try {
            api.post(
                    Service.MANIFEST,
                    "api/v1/families/" + name + "/versions/" + version + "/" + transition,
                    Forms.reason(reason));
            return Html.done(back, version + ": " + transition + " done.");
        } catch (ApiException refused) {
            return Html.refused(back, refused.getMessage());
        }
    }

    // Each version's delta patches (status, size, share of the full file); none when they cannot be read.
    private List<Map<String, Object>> withPatches(String name, List<Map<String, Object>> versions, Operator me) {
        for (Map<String, Object> version : versions) {
            String path = "api/v1/families/" + name + "/versions/"
                    + Forms.segment(version.get("version").toString()) + "/patches";
            try {
                version.put("patches", api.list(Service.MANIFEST, path));
            } catch (ApiException unavailable) {
                version.put("patches", List.of());
            }
        }
        return versions;
    }

    private static void checkFamily(String name) {
        if (!Identifiers.isFamily(name)) {
            throw new NotFoundException();
        }
    }
}
