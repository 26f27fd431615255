package dev.otter.support.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who performs the current operator action, as recorded in histories and audit logs: the verified
 * token's subject ({@code sub}), never something the caller merely claims.
 */
@RequestScoped
public class CurrentActor {
    private final SecurityIdentity identity;

    public CurrentActor(SecurityIdentity identity) {
        this.identity = identity;
    }

    /** The token's subject; endpoints that record an actor all require a role, so there is one. */
    public String name() {
        if (identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getSubject() != null) {
            return jwt.getSubject();
        }
        return identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
    }
}
