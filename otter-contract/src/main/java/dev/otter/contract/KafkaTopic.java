package dev.otter.contract;

/**
 * Kafka topics the services exchange, with the partition count each is created with.
 *
 * <p>A topic's full name is {@code <namespace>.<suffix>}; the namespace keeps a test run and a
 * local system that share one broker apart. {@code deploy/local/topics.conf} must list the same
 * suffixes and partition counts (a test checks it).
 */
public enum KafkaTopic {
    /** Device telemetry events, keyed so that one rollout's events stay on one partition. */
    TELEMETRY_EVENTS("telemetry.events", 6),
    /** Telemetry records that could not be processed, kept for inspection. */
    TELEMETRY_DEAD_LETTERS("telemetry.events.dlq", 1),
    /** Automatic-rollback triggers raised by telemetry, applied by rollout-service. */
    GUARD_TRIGGERS("rollout.guard-triggers", 3);

    private final String suffix;
    private final int partitions;

    KafkaTopic(String suffix, int partitions) {
        this.suffix = suffix;
        this.partitions = partitions;
    }

    /** The topic's name without namespace, as listed in {@code topics.conf}. */
    public String suffix() {
        return suffix;
    }

    /** How many partitions the topic is created with. */
    public int partitions() {
        return partitions;
    }

    /** The topic's full name in the given namespace, e.g. {@code otter.telemetry.events}. */
    public String topicName(String namespace) {
        return Namespace.require(namespace) + "." + suffix;
    }
}
