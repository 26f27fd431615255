package dev.otter.contract.rollout;

/**
 * A way of cutting a rollout's devices into segments that the guard judges one by one and a rollout
 * can exclude. Only the region today: it is the one dimension both counted per rollout and
 * expressible in the cohort rules ({@code regions_exclude}).
 */
public enum SegmentDimension {
    REGION
}
