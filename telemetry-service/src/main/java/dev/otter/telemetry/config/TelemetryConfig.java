package dev.otter.telemetry.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the telemetry-service. */
@ConfigMapping(prefix = "otter.telemetry")
public interface TelemetryConfig {

    /** Secret key of the keyed hash (HMAC-SHA256) that replaces install ids before anything is written. */
    String installIdKey();

    /** Accepting events. */
    Ingest ingest();

    /** Counting events. */
    Counting counting();

    /** The guard (every signal, docs/guard.md). */
    Guard guard();

    /** Bounds of one batch. */
    interface Ingest {
        /** Most events in one batch (the body is also bounded by quarkus.http.limits.max-body-size). */
        @WithDefault("500")
        int maxEvents();

        /** Oldest event accepted, relative to now (older reports are rejected, not back-dated). */
        @WithDefault("P7D")
        Duration maxAge();

        /** How far in the future a device clock may be. */
        @WithDefault("PT10M")
        Duration maxClockSkew();

        /** How long to wait for Kafka to acknowledge a batch before answering 503. */
        @WithDefault("10s")
        Duration ackTimeout();
    }

    /** Live counts in Redis and their roll-up to PostgreSQL. */
    interface Counting {
        /** How long event ids are remembered to drop re-sent duplicates (rounded up to whole hours). */
        @WithDefault("PT2H")
        Duration dedupWindow();

        /**
         * Events one Kafka partition receives per hour at most; sizes the dedup filter of each
         * partition-hour (deploy/SCALING.md). Above it the false-drop rate rises.
         */
        @WithDefault("1000000")
        long dedupCapacity();

        /** Share of new events the dedup filter may take for re-sent ones and drop, at its capacity. */
        @WithDefault("0.001")
        double dedupFalseDropRate();

        /**
         * Redis replicas that must hold a record's counts before the record is acknowledged to Kafka
         * (Redis WAIT): 1 with a Sentinel-managed replica, so a failover loses no count; 0 without
         * replicas (or on a Redis Cluster, whose WAIT cannot follow the slots).
         */
        @WithDefault("0")
        int replicaAcks();

        /** How long to wait for those replicas before counting on without them (logged at WARN). */
        @WithDefault("500ms")
        Duration replicaAckTimeout();

        /**
         * After replicas were missing, how long records are counted without waiting for them before
         * one waits again: a missing replica slows counting by one timeout per interval, not per record.
         */
        @WithDefault("1s")
        Duration replicaRecheckInterval();

        /**
         * How long a record keeps waiting for replicas that are online but behind (a loaded machine)
         * before counting on without them; replicas resyncing or gone are not waited for at all.
         */
        @WithDefault("10s")
        Duration replicaLagLimit();

        /**
         * A device's battery drain at standby, % an hour: a resource report draining more than twice
         * that in the background counts as over the T/ISC 8.1 battery limit.
         */
        @WithDefault("1.0")
        double standbyBatteryDrain();

        /** How long live per-minute counts stay in Redis. */
        @WithDefault("P2D")
        Duration liveRetention();

        /** How often live counts are rolled up into PostgreSQL. */
        @WithDefault("30s")
        Duration rollupInterval();
    }

    /** When and how often the guard looks. */
    interface Guard {
        /** How often rollouts that received events are evaluated. */
        @WithDefault("1s")
        Duration evaluationInterval();

        /**
         * How many segments (regions) of a variant are judged alone, those with the most sessions;
         * the false-alarm rate is split among them (Bonferroni), so each needs stronger evidence.
         */
        @WithDefault("20")
        int maxSegments();

        /** How often every guarded rollout is evaluated, whoever received its events. */
        @WithDefault("15s")
        Duration sweepInterval();

        /** z of the confidence bounds shown with each variant (not used to decide): 1.96 for 95 %. */
        @WithDefault("1.96")
        double z();

        /**
         * Chance that a healthy release is rolled back within the horizon, however often it is
         * evaluated (the sequential test's α; docs/guard.md).
         */
        @WithDefault("0.01")
        double falseAlarmRate();

        /** How long one release may be watched with that chance holding (the boundary grows with its log). */
        @WithDefault("P7D")
        Duration horizon();

        /** How far back a rise in a rate may have begun: the sequential test's sliding window. */
        @WithDefault("PT6H")
        Duration lookback();
    }
}
