package dev.otter.console.session.service;

import dev.otter.contract.security.Roles;
import io.quarkus.qute.TemplateData;
import java.util.Set;

/**
 * The signed-in operator as pages see them: who, with which roles (implied ones included), and
 * the token the console sends on their behalf. Pages show only the controls the roles allow; the
 * services check again.
 */
@TemplateData
public record Operator(String subject, Set<String> roles, String token) {

    /** May change the catalog. */
    public boolean canPublish() {
        return roles.contains(Roles.PUBLISHER);
    }

    /** May change rollouts. */
    public boolean canOperate() {
        return roles.contains(Roles.OPERATOR);
    }

    /** May manage applications and device keys. */
    public boolean isAdmin() {
        return roles.contains(Roles.ADMIN);
    }

    /** The highest role, for the header. */
    public String role() {
        for (String role : new String[] {Roles.ADMIN, Roles.OPERATOR, Roles.PUBLISHER, Roles.VIEWER}) {
            if (roles.contains(role)) {
                return role;
            }
        }
        return "none";
    }
}
