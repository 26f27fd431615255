package dev.otter.support.security;

import java.util.Map;
import java.util.Set;

/**
 * The operator roles, carried in a token's {@code groups} claim. Each role implies the ones listed
 * for it, so endpoints name the least role that may call them:
 *
 * <pre>
 * role       may                                                  implies
 * viewer     read the catalog, rollouts, audit, health, apps       -
 * publisher  change the catalog: families, versions, artifacts     viewer
 * operator   change rollouts, tester groups, channel defaults      viewer
 * admin      everything, and applications and their device keys   viewer, publisher, operator
 * </pre>
 */
public final class Roles {
    /** Reads everything operators can see. */
    public static final String VIEWER = "viewer";

    /** Changes the model catalog. */
    public static final String PUBLISHER = "publisher";

    /** Changes rollouts. */
    public static final String OPERATOR = "operator";

    /** Everything, including device credentials. */
    public static final String ADMIN = "admin";

    /** What each role implies besides itself. */
    static final Map<String, Set<String>> IMPLIES = Map.of(
            PUBLISHER, Set.of(VIEWER),
            OPERATOR, Set.of(VIEWER),
            ADMIN, Set.of(VIEWER, PUBLISHER, OPERATOR));

    private Roles() {}

    /** Whether a token with {@code granted} roles may act as {@code required}. */
    public static boolean allows(java.util.Collection<String> granted, String required) {
        return granted.stream()
                .anyMatch(role -> role.equals(required)
                        || IMPLIES.getOrDefault(role, Set.of()).contains(required));
    }
}
