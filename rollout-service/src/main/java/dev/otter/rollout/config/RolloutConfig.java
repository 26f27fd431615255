package dev.otter.rollout.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the rollout-service. */
@ConfigMapping(prefix = "otter.rollout")
public interface RolloutConfig {

    /** Publishing rollout state to Redis. */
    Snapshot snapshot();

    /** Automatic stage advance. */
    AutoAdvance autoAdvance();

    /**
     * The viewer token presented to manifest-service and telemetry-service ({@code
     * OTTER_SERVICE_TOKEN}), sent by {@link ServiceTokenHeaders}.
     */
    java.util.Optional<String> serviceToken();

    /** How often and how patiently rollouts with {@code auto_advance} are checked. */
    interface AutoAdvance {
        /** How often RUNNING rollouts with auto_advance are checked for a baked, healthy stage. */
        @WithDefault("30s")
        Duration interval();

        /** How long telemetry may take to report a rollout's health. */
        @WithDefault("5s")
        Duration healthTimeout();
    }

    /** How the compiled rollout state reaches Redis. */
    interface Snapshot {
        /**
         * How often every family's snapshot is published again, so that Redis converges after a
         * failed publish or a Redis restart that lost its data.
         */
        @WithDefault("15s")
        Duration republishInterval();

        /** How long one publish may take before it is given up (the next republish retries). */
        @WithDefault("2s")
        Duration publishTimeout();

        /** How many rolled-back rollouts per channel stay in a snapshot (newest first). */
        @WithDefault("20")
        int rolledBackKept();
    }
}
