package dev.otter.contract.security;

import java.util.Collection;
import java.util.HashSet;
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
    private static final Map<String, Set<String>> IMPLIES = Map.of(
            PUBLISHER, Set.of(VIEWER),
            OPERATOR, Set.of(VIEWER),
            ADMIN, Set.of(VIEWER, PUBLISHER, OPERATOR));

    private Roles() {}

    /** Whether a token with {@code granted} roles may act as {@code required}. */
    public static boolean allows(Collection<String> granted, String required) {
        return withImplied(granted).contains(required);
    }

    /** {@code granted} and every role they imply. */
    public static Set<String> withImplied(Collection<String> granted) {
        Set<String> all = new HashSet<>(granted);
        granted.forEach(role -> all.addAll(IMPLIES.getOrDefault(role, Set.of())));
        return all;
    }
}
