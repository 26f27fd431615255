package dev.otter.manifest.update.api;

import java.time.Instant;
import java.util.List;

/**
 * The answer to an update check: one decision per family asked about, when to check again
 * (seconds, jittered so a fleet spreads out), the catalog revision the answer is based on (a
 * monotonic sequence: devices refuse an answer older than one they have seen), and when the answer
 * was issued and expires (devices refuse an expired answer). Signed: see the Otter-Signature header.
 * {@code server_time} equals {@code issued_at} (kept for clients written before signing).
 */
public record UpdateCheckResponse(
        List<FamilyDecision> decisions,
        long checkAgainAfter,
        long catalogRevision,
        Instant serverTime,
        Instant issuedAt,
        Instant expiresAt) {}
