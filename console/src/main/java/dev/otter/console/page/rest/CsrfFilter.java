package dev.otter.console.page.rest;

import dev.otter.console.config.ConsoleConfig;
import dev.otter.console.page.service.CsrfToken;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

/**
 * Cross-site request forgery: every change is a form POST carrying the token of the browser's
 * {@value #COOKIE} cookie (HttpOnly, SameSite=Strict, Secure, 256 random bits), and a POST whose
 * form token does not match is refused (400) before any resource runs. With the session cookie also
 * SameSite=Strict, another site can neither send a session nor read a token. Hand-written because
 * quarkus-rest-csrf, which does the same, is not served for Quarkus 3.34.3 here.
 */
public class CsrfFilter {
    /** The cookie that holds the token. */
    public static final String COOKIE = "otter_csrf";

    /** The form field that must repeat it. */
    public static final String FIELD = "csrf-token";

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final CsrfToken token;
    private final boolean secure;

    public CsrfFilter(CsrfToken token, ConsoleConfig config) {
        this.token = token;
        this.secure = config.secureCookie();
    }

    /** Every request: the token the browser holds, or a new one for the answer to set. */
    @ServerRequestFilter(preMatching = true)
    public void holdOrIssue(ContainerRequestContext request) {
        Cookie held = request.getCookies().get(COOKIE);
        if (held != null && held.getValue().length() >= 43) {
            token.held(held.getValue());
        } else {
            byte[] random = new byte[32];
            RANDOM.nextBytes(random);
            token.issue(Base64.getUrlEncoder().withoutPadding().encodeToString(random));
        }
    }

    /** Changes: the form must repeat the cookie's token. */
    @ServerRequestFilter(readBody = true)
    public Response verify(ResteasyReactiveContainerRequestContext request) {
        if (SAFE.contains(request.getMethod())) {
            return null;
        }
        Cookie held = request.getCookies().get(COOKIE);
        Object sent = request.getMediaType() != null
                        && request.getMediaType().isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE)
                ? ((ResteasyReactiveRequestContext) request.getServerRequestContext())
                        .getFormParameter(FIELD, true, false)
                : null;
        if (held == null || !(sent instanceof String form) || !same(held.getValue(), form)) {
            return Response.status(400)
                    .type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"))
                    .entity("This form expired or did not come from this console: reload the page and try again.")
                    .build();
        }
        return null;
    }

    /** Sets the cookie when this request issued the token. */
    @ServerResponseFilter
    public void setCookie(ContainerResponseContext response) {
        if (token.issued()) {
            NewCookie cookie = new NewCookie.Builder(COOKIE)
                    .value(token.token())
                    .path("/")
                    .httpOnly(true)
                    .secure(secure)
                    .sameSite(NewCookie.SameSite.STRICT)
                    .build();
            response.getHeaders().add(HttpHeaders.SET_COOKIE, cookie);
        }
    }

    private static boolean same(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
