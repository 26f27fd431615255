package dev.otter.console.session.rest;

import dev.otter.console.page.service.Html;
import dev.otter.console.session.service.DevLogin;
import dev.otter.console.session.service.OidcSignIn;
import dev.otter.console.session.service.Sessions;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Signing in and out: at the organisation's OpenID Connect provider, or locally with the development
 * login; the session is a cookie either way.
 */
@Path("/")
@PermitAll
public class LoginResource {
    /** The cookie that carries a sign-in's state, PKCE verifier and next page to the callback. */
    static final String OIDC_COOKIE = "otter_oidc";

    private final Template login;
    private final Template signedIn;
    private final DevLogin devLogin;
    private final OidcSignIn oidc;
    private final Sessions sessions;

    public LoginResource(
            @Location("login.html") Template login,
            @Location("signed-in.html") Template signedIn,
            DevLogin devLogin,
            OidcSignIn oidc,
            Sessions sessions) {
        this.login = login;
        this.signedIn = signedIn;
        this.devLogin = devLogin;
        this.oidc = oidc;
        this.sessions = sessions;
    }

    /** Off to the identity provider, with a fresh state and PKCE verifier kept in a cookie. */
    @GET
    @Path("login/oidc")
    public Response toProvider(@QueryParam("next") String next, @Context UriInfo uri) {
        if (!oidc.enabled()) {
            return Html.page(404, page(next, "This console has no identity provider configured."));
        }
        try {
            OidcSignIn.Start start = oidc.start(uri.getBaseUri());
            String value = start.state() + "~" + start.verifier() + "~"
                    + URLEncoder.encode(safeNext(next), StandardCharsets.UTF_8);
            return Response.seeOther(start.redirect())
                    .cookie(sessions.signInCookie(OIDC_COOKIE, value, 600))
                    .build();
        } catch (IllegalStateException unavailable) {
            return Html.page(503, page(next, "The identity provider cannot be reached: " + unavailable.getMessage()));
        }
    }

    /**
     * Back from the provider: the state must match the cookie's, then the code is exchanged (with the
     * PKCE verifier) for the access token that becomes the session. The answer is a page that moves on
     * by itself: a redirect here would still count as the provider's cross-site navigation, and the
     * SameSite=Strict session cookie would not be sent with it.
     */
    @GET
    @Path("login/callback")
    public Response fromProvider(
            @QueryParam("code") String code,
            @QueryParam("state") String state,
            @QueryParam("error") String error,
            @QueryParam("error_description") String description,
            @CookieParam(OIDC_COOKIE) String kept,
            @Context UriInfo uri) {
        String[] parts = kept == null ? new String[0] : kept.split("~", 3);
        if (error != null) {
            return Html.page(
                    401, page(null, "The identity provider refused: " + (description == null ? error : description)));
        }
        if (parts.length != 3
                || code == null
                || state == null
                || !MessageDigest.isEqual(
                        parts[0].getBytes(StandardCharsets.US_ASCII), state.getBytes(StandardCharsets.US_ASCII))) {
            return Html.page(400, page(null, "This sign-in expired or was not started here: sign in again."));
        }
        String next = safeNext(URLDecoder.decode(parts[2], StandardCharsets.UTF_8));
        try {
            OidcSignIn.Session session = oidc.finish(uri.getBaseUri(), code, parts[1]);
            return Response.ok(signedIn.data("next", next).render(), MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                    .header("Cache-Control", "no-store")
                    .cookie(sessions.start(session.token(), session.ttl()))
                    .cookie(sessions.signInCookie(OIDC_COOKIE, "", 0))
                    .build();
        } catch (IllegalStateException refused) {
            return Html.page(401, page(next, "Sign-in failed: " + refused.getMessage()));
        }
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
                .data("oidc", oidc.enabled())
                .data("provider", oidc.providerName())
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
