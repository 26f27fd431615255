package dev.otter.console.session.rest;

import dev.otter.console.page.service.Html;
import dev.otter.console.session.service.DevLogin;
import dev.otter.console.session.service.Sessions;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/** Signing in and out. Locally: the development login; the session is a cookie either way. */
@Path("/")
@PermitAll
public class LoginResource {
    private final Template login;
    private final DevLogin devLogin;
    private final Sessions sessions;

    public LoginResource(@Location("login.html") Template login, DevLogin devLogin, Sessions sessions) {
        this.login = login;
        this.devLogin = devLogin;
        this.sessions = sessions;
    }

    @GET
    @Path("login")
    public Response form(@QueryParam("next") String next, @QueryParam("error") String error) {
        return Html.page(page(next, error));
    }

    @POST
    @Path("login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signIn(
            @FormParam("name") String name, @FormParam("role") String role, @FormParam("next") String next) {
        try {
            String token = devLogin.signIn(name, role);
            return Response.seeOther(URI.create(safeNext(next)))
                    .cookie(sessions.start(token, devLogin.ttl()))
                    .build();
        } catch (IllegalArgumentException | IllegalStateException refused) {
            return Html.page(400, page(next, refused.getMessage()));
        }
    }

    @POST
    @Path("logout")
    public Response signOut() {
        return Response.seeOther(URI.create("/login")).cookie(sessions.end()).build();
    }

    private TemplateInstance page(String next, String error) {
        return login.data("devLogin", devLogin.enabled())
                .data("roles", DevLogin.ROLES)
                .data("next", safeNext(next))
                .data("error", error);
    }

    // Only a path of this console: never an absolute or protocol-relative URL (no open redirect).
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.contains("\\")) {
            return "/rollouts";
        }
        return next;
    }
}
