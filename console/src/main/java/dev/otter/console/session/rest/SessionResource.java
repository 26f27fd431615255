package dev.otter.console.session.rest;

import dev.otter.console.page.service.Html;
import dev.otter.console.session.service.Sessions;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.TreeSet;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** "Your session": who the console thinks you are, with which roles, from which issuer, until when. */
@Path("/me")
@Authenticated
public class SessionResource {
    private final Template me;
    private final Sessions sessions;
    private final SecurityIdentity identity;

    public SessionResource(@Location("me.html") Template me, Sessions sessions, SecurityIdentity identity) {
        this.me = me;
        this.sessions = sessions;
        this.identity = identity;
    }

    @GET
    public Response page() {
        JsonWebToken token = (JsonWebToken) identity.getPrincipal();
        return Html.page(me.data("me", sessions.operator(identity))
                .data("roles", new TreeSet<>(identity.getRoles()))
                .data("issuer", token.getIssuer())
                .data("expires", Instant.ofEpochSecond(token.getExpirationTime())));
    }
}
