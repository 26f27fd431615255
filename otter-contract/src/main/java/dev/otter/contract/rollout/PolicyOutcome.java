package dev.otter.contract.rollout;

import dev.otter.contract.version.SemVer;
import java.util.Map;

/**
 * What release policy says for one device: the newest version it may get ({@code ceiling}, null:
 * the newest published), the rollout and variant it is assigned to (null when none), the cohort
 * match that decided, and the versions it must leave because their rollout was rolled back
 * (version → reason).
 */
public record PolicyOutcome(
        SemVer ceiling,
        String rolloutId,
        String variant,
        SemVer variantVersion,
        boolean paused,
        CohortMatch match,
        Map<SemVer, String> rolledBack) {

    /** No rollout state: newest published, nobody assigned. */
    public static final PolicyOutcome NEWEST = new PolicyOutcome(null, null, null, null, false, null, Map.of());

    /** Whether the device is in an active rollout's cohort. */
    public boolean assigned() {
        return rolloutId != null;
    }
}
