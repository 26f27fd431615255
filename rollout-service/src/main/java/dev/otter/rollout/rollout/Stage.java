package dev.otter.rollout.rollout;

/** One step of a stage plan: the cohort share and how long it must bake before the next step. */
public record Stage(int percentageBasisPoints, long minBakeSeconds) {}
