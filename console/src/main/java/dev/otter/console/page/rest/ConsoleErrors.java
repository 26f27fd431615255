package dev.otter.console.page.rest;

import dev.otter.console.backend.client.ApiException;
import dev.otter.console.page.service.Html;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * What a browser sees when a page cannot be shown: not signed in (or the session expired) → the
 * login page, coming back afterwards; a role that may not see it → 403 page; a service that
 * refused or is away → a page with its reason.
 */
public class ConsoleErrors {
    private final Template error;

    public ConsoleErrors(@Location("error.html") Template error) {
        this.error = error;
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    Response signIn(UriInfo uri) {
        String next = uri.getRequestUri().getRawPath();
        return Response.seeOther(URI.create(
                        "/login?next=" + java.net.URLEncoder.encode(next, java.nio.charset.StandardCharsets.UTF_8)))
                .build();
    }

    @ServerExceptionMapper
    Response forbidden(ForbiddenException e) {
        return Html.page(403, error.data("status", 403).data("message", "Your role may not do this."));
    }

    @ServerExceptionMapper
    Response refused(ApiException e) {
        int status = e.status() == 401 || e.status() == 403 || e.status() == 404 ? e.status() : 502;
        return Html.page(status, error.data("status", e.status()).data("message", e.code() + ": " + e.getMessage()));
    }
}
