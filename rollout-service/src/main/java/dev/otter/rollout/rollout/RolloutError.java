package dev.otter.rollout.rollout;

import dev.otter.support.error.ErrorCode;

/** Stable error codes of the rollout API. */
public enum RolloutError implements ErrorCode {
    /** No rollout with this id. */
    ROLLOUT_NOT_FOUND(404, "Rollout not found"),
    /** The lifecycle does not allow this transition from the rollout's status. */
    ILLEGAL_TRANSITION(409, "Illegal rollout transition"),
    /** Another rollout is RUNNING or PAUSED on the same family and channel. */
    ROLLOUT_CONFLICT(409, "Another rollout is active"),
    /** The rollout changed meanwhile (another operator); reload and retry. */
    CONCURRENT_MODIFICATION(409, "Concurrent modification"),
    /** COMPLETED and ROLLED_BACK rollouts are final. */
    ROLLOUT_FINAL(409, "Rollout is final"),
    /** The current stage has not baked for its minimum time; pass force to advance anyway. */
    STAGE_NOT_BAKED(409, "Stage not baked"),
    /** The rollout is at its last stage; complete it instead. */
    NO_NEXT_STAGE(409, "No next stage"),
    /** A version the rollout names is not in the catalog, or not published on its channel. */
    VERSION_NOT_RELEASABLE(409, "Version not releasable"),
    /** The catalog (manifest-service) did not answer; nothing was changed. */
    CATALOG_UNAVAILABLE(503, "Catalog unavailable"),
    /** No tester group with this name. */
    TESTER_GROUP_NOT_FOUND(404, "Tester group not found"),
    /** The tester group is used by an active rollout. */
    TESTER_GROUP_IN_USE(409, "Tester group in use"),
    /** No default is set for this family and channel. */
    CHANNEL_DEFAULT_NOT_FOUND(404, "Channel default not found"),
    /** No release watch has this id. */
    RELEASE_WATCH_NOT_FOUND(404, "Release watch not found");

    private final int status;
    private final String title;

    RolloutError(int status, String title) {
        this.status = status;
        this.title = title;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public String title() {
        return title;
    }
}
