package dev.otter.manifest.update.api;

import java.time.Instant;
import java.util.List;

/**
 * The answer to an update check: one decision per family asked about, when to check again
 * (seconds, jittered so a fleet spreads out), and the catalog revision the answer is based on.
 */
public record UpdateCheckResponse(
        List<FamilyDecision> decisions, long checkAgainAfter, long catalogRevision, Instant serverTime) {}
