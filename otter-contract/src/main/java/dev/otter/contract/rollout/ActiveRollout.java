package dev.otter.contract.rollout;

import java.util.List;

/**
 * The RUNNING or PAUSED rollout of a channel, compiled for deciding: devices in the cohort get
 * their variant's version; everyone else gets the baseline. A PAUSED rollout offers its variants to
 * nobody new; devices already on them keep them.
 *
 * @param status {@code RUNNING} or {@code PAUSED}
 * @param percentageBasisPoints cohort size, 0..10 000 (1 = 0.01 %)
 * @param testerInstallIds members of the rollout's tester groups, always in the cohort
 */
public record ActiveRollout(
        String id,
        String status,
        String salt,
        String baselineVersion,
        int percentageBasisPoints,
        List<Variant> variants,
        CohortRules rules,
        List<String> testerInstallIds) {

    public static final String RUNNING = "RUNNING";
    public static final String PAUSED = "PAUSED";

    public ActiveRollout {
        variants = List.copyOf(variants);
        testerInstallIds = testerInstallIds == null ? List.of() : List.copyOf(testerInstallIds);
        rules = rules == null ? CohortRules.EVERYONE : rules;
    }
}
