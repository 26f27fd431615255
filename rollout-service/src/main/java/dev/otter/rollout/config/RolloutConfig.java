package dev.otter.rollout.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Settings of the rollout-service. */
@ConfigMapping(prefix = "otter.rollout")
public interface RolloutConfig {

    /** Publishing rollout state to Redis. */
    Snapshot snapshot();

    /** Automatic stage advance. */
    AutoAdvance autoAdvance();

    /** Watching versions that reach devices without a rollout. */
    ReleaseWatch releaseWatch();

    /** How rollout-service proves who it is to manifest-service and telemetry-service ({@link ServiceIdentity}). */
    Identity identity();

    /** Short-lived service tokens: a projected service-account token, or tokens minted from a local key. */
    interface Identity {
        /**
         * A token file the platform keeps fresh, e.g. a Kubernetes projected service-account token
         * with the {@code otter} audience; read again as it changes.
         */
        Optional<Path> tokenFile();

        /** Local runs: the private key tokens are minted with (deploy/local/run.sh's operator key). */
        Optional<Path> keyFile();

        /** Lifetime of a minted token; a new one is minted when a third of it is left. At most an hour. */
        @WithDefault("PT15M")
        Duration lifetime();

        /** Subject of a minted token. */
        @WithDefault("service:rollout-service")
        String subject();

        /** Roles of a minted token: rollout-service only reads from the others. */
        @WithDefault("viewer")
        List<String> roles();
    }

    /** How often and how patiently rollouts with {@code auto_advance} are checked. */
    interface AutoAdvance {
        /** How often RUNNING rollouts with auto_advance are checked for a baked, healthy stage. */
        @WithDefault("30s")
        Duration interval();

        /** How long telemetry may take to report a rollout's health. */
        @WithDefault("5s")
        Duration healthTimeout();
    }

    /** How long and how a version that reached devices without a rollout is watched. */
    interface ReleaseWatch {
        /**
         * How long a version made the channel default (pinned by hand, or a completed rollout's
         * winner) is watched by the guard against the version it replaced; 0 turns watching off.
         */
        @WithDefault("P1D")
        Duration period();

        /**
         * How often the catalog is read for channels without a default whose newest published
         * version changed (each change opens a watch against the version it replaced).
         */
        @WithDefault("30s")
        Duration followInterval();

        /** How often watches whose period is over are closed as passed (and unpublished). */
        @WithDefault("1m")
        Duration closeInterval();
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
