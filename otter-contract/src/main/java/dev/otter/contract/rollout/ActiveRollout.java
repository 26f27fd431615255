package dev.otter.contract.rollout;

import java.time.Duration;
import java.util.List;

/**
 * The RUNNING or PAUSED rollout of a channel, compiled for deciding: devices in the cohort get
 * their variant's version; everyone else gets the baseline. A PAUSED rollout offers its variants to
 * nobody new; devices already on them keep them.
 *
 * @param status {@code RUNNING} or {@code PAUSED}
 * @param percentageBasisPoints cohort size, 0..10 000 (1 = 0.01 %)
 * @param testerInstallIds members of the rollout's tester groups, always in the cohort
 * @param watchIntervalSeconds how soon devices in the cohort, or on one of its variants, check again
 *     while the rollout is active (0 in snapshots written before it existed: {@link
 *     #DEFAULT_WATCH_INTERVAL})
 * @param excludedSegments segments the guard took out: their devices on a variant go back to the
 *     baseline
 */
public record ActiveRollout(
        String id,
        String status,
        String salt,
        String baselineVersion,
        int percentageBasisPoints,
        List<Variant> variants,
        CohortRules rules,
        List<String> testerInstallIds,
        int watchIntervalSeconds,
        List<ExcludedSegment> excludedSegments) {

    public static final String RUNNING = "RUNNING";
    public static final String PAUSED = "PAUSED";

    /** Watch interval of a rollout that does not set one: a rollback reaches a polling device within it. */
    public static final Duration DEFAULT_WATCH_INTERVAL = Duration.ofMinutes(2);

    /** Shortest watch interval an operator may set: bounds the load a cohort adds (see docs/operations.md). */
    public static final Duration MIN_WATCH_INTERVAL = Duration.ofSeconds(30);

    /** Longest watch interval: beyond it a rollback no longer completes within the standard's 5 minutes. */
    public static final Duration MAX_WATCH_INTERVAL = Duration.ofMinutes(4);

    public ActiveRollout {
        variants = List.copyOf(variants);
        testerInstallIds = testerInstallIds == null ? List.of() : List.copyOf(testerInstallIds);
        rules = rules == null ? CohortRules.EVERYONE : rules;
        watchIntervalSeconds =
                watchIntervalSeconds <= 0 ? (int) DEFAULT_WATCH_INTERVAL.toSeconds() : watchIntervalSeconds;
        excludedSegments = excludedSegments == null ? List.of() : List.copyOf(excludedSegments);
    }

    /** A rollout without excluded segments. */
    public ActiveRollout(
            String id,
            String status,
            String salt,
            String baselineVersion,
            int percentageBasisPoints,
            List<Variant> variants,
            CohortRules rules,
            List<String> testerInstallIds,
            int watchIntervalSeconds) {
        this(
                id,
                status,
                salt,
                baselineVersion,
                percentageBasisPoints,
                variants,
                rules,
                testerInstallIds,
                watchIntervalSeconds,
                List.of());
    }
}
