package dev.otter.support.security;

import dev.otter.contract.security.Roles;
import dev.otter.support.error.CommonError;
import dev.otter.support.error.RouteProblems;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Consumer;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Bearer-token checks for plain Vert.x routes, which {@code @RolesAllowed} cannot guard: the token
 * is verified on a worker (a JWKS key location may be fetched) with the request paused, so nothing
 * of the body is read before the caller is known. 401 without a valid token, 403 without the role.
 */
@ApplicationScoped
public class RouteAuthenticator {
    private final JWTParser tokens;
    private final RouteProblems problems;

    public RouteAuthenticator(JWTParser tokens, RouteProblems problems) {
        this.tokens = tokens;
        this.problems = problems;
    }

    /**
     * Calls {@code allowed} with the token's subject when the caller holds {@code role} (or a role
     * implying it); otherwise answers the problem. {@code what} names the action in the 403.
     */
    public void require(RoutingContext rc, String role, String what, Consumer<String> allowed) {
        rc.request().pause();
        String authorization = rc.request().getHeader("Authorization");
        rc.vertx()
                .<JsonWebToken>executeBlocking(() -> verify(authorization), false)
                .onComplete(verified -> {
                    if (verified.failed()) {
                        rc.response().putHeader("WWW-Authenticate", "Bearer");
                        problems.send(
                                rc,
                                CommonError.AUTHENTICATION_REQUIRED,
                                what + " needs a valid bearer token (Authorization: Bearer <jwt>)");
                    } else if (!Roles.allows(verified.result().getGroups(), role)) {
                        problems.send(rc, CommonError.FORBIDDEN, what + " needs the " + role + " role");
                    } else {
                        allowed.accept(verified.result().getSubject());
                    }
                });
    }

    private JsonWebToken verify(String authorization) throws ParseException {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new ParseException("no bearer token");
        }
        return tokens.parse(authorization.substring(7).strip());
    }
}
