package dev.otter.contract.rollout;

/**
 * Why a device is in or out of a cohort: the rule that decided ({@code tester}, {@code region},
 * {@code app_version}, {@code runtime_version}, {@code platform}, {@code os_version}, {@code
 * device_model}, {@code ram_mb} or {@code percentage}), in words, and the device's bucket.
 */
public record CohortMatch(boolean inCohort, String rule, String detail, int bucket) {}
