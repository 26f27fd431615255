package dev.otter.rollout.rollout.api;

import java.math.BigDecimal;

/**
 * How one device is assigned by a rollout: its bucket against the percentage, the rule that
 * decided, its variant and the version this rollout would offer it.
 */
public record AssignmentView(
        String rolloutId,
        String status,
        String installId,
        boolean inCohort,
        String rule,
        String detail,
        int bucket,
        BigDecimal percentage,
        String variant,
        int variantBucket,
        String version,
        String explanation) {}
