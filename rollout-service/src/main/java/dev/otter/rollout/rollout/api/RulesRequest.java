package dev.otter.rollout.rollout.api;

import dev.otter.contract.rollout.CohortRules;

/** Replaces a rollout's cohort rules. */
public record RulesRequest(CohortRules rules) {}
