package dev.otter.console.session.service;

import dev.otter.console.config.ConsoleConfig;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.NewCookie;
import java.time.Duration;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The console's session is the operator's own token in a cookie: HttpOnly (no script can read it),
 * SameSite=Strict (no other site can send it), Secure, verified on every request by smallrye-jwt
 * exactly as the services verify a bearer token. Nothing is stored server-side, so any console
 * replica serves any request.
 */
@ApplicationScoped
public class Sessions {
    /** The session cookie's name; application.properties points smallrye-jwt at it. */
    public static final String COOKIE = "otter_session";

    private final boolean secure;

    public Sessions(ConsoleConfig config) {
        this.secure = config.secureCookie();
    }

    /** The signed-in operator of this request. */
    public Operator operator(SecurityIdentity identity) {
        JsonWebToken token = (JsonWebToken) identity.getPrincipal();
        // The name to show: preferred_username or upn when the provider gives one, else the subject.
        return new Operator(token.getName(), Set.copyOf(identity.getRoles()), token.getRawToken());
    }

    /** The cookie that starts a session with {@code token}, lasting {@code ttl}. */
    public NewCookie start(String token, Duration ttl) {
        return cookie(token, (int) ttl.toSeconds());
    }

    /** The cookie that ends the session. */
    public NewCookie end() {
        return cookie("", 0);
    }

    /**
     * A short-lived cookie for the sign-in round trip through the provider: SameSite=Lax, because the
     * provider's redirect back is a cross-site navigation that must carry it; only on /login.
     */
    public NewCookie signInCookie(String name, String value, int maxAge) {
        return new NewCookie.Builder(name)
                .value(value)
                .path("/login")
                .httpOnly(true)
                .secure(secure)
                .sameSite(NewCookie.SameSite.LAX)
                .maxAge(maxAge)
                .build();
    }

    private NewCookie cookie(String value, int maxAge) {
        return new NewCookie.Builder(COOKIE)
                .value(value)
                .path("/")
                .httpOnly(true)
                .secure(secure)
                .sameSite(NewCookie.SameSite.STRICT)
                .maxAge(maxAge)
                .build();
    }
}
