package dev.otter.telemetry.aggregate.service;

import dev.otter.contract.Namespace;

/**
 * Names of the live counters in Redis. Events are counted per minute of arrival, in one of two
 * hashes: per rollout ({@code <ns>:tel:r:{<rollout>}:<minute>}, fields {@code
 * family|version|variant|region|metric}) when the event carries a rollout id, else per family
 * ({@code <ns>:tel:v:{<family>}:<minute>}, fields {@code version|region|metric}) — so no event is
 * counted twice, and a rollout's guard reads only its own hashes. A rollout's events are counted
 * once more per segment dimension other than the region in a third hash ({@code
 * <ns>:tel:s:{<rollout>}:<minute>}, fields {@code family|version|variant|DIMENSION|value|metric}),
 * read only when segments are judged and never rolled up into history.
 *
 * <p>The braces are Redis Cluster hash tags: a rollout's (or family's) minutes share one slot, so
 * the guard sums a window in one script; a partition's counting state and dedup filters share
 * another ({@code {<topic>#<partition>}}), so deciding a record is one script too.
 */
public record CounterKeys(String namespace) {
    /** Separator of the dimensions in a field name; never valid inside a dimension. */
    public static final String SEP = "|";

    /** Dimension value when the event did not say. */
    public static final String NONE = "-";

    public CounterKeys {
        Namespace.require(namespace);
    }

    public String rollout(String rolloutId, long minute) {
        return namespace + ":tel:r:{" + rolloutId + "}:" + minute;
    }

    /** The rollout's counts per segment of the dimensions other than the region (same slot as its minutes). */
    public String segments(String rolloutId, long minute) {
        return namespace + ":tel:s:{" + rolloutId + "}:" + minute;
    }

    public String family(String family, long minute) {
        return namespace + ":tel:v:{" + family + "}:" + minute;
    }

    /**
     * Hash: one partition's counting state — the offset below which every record is counted, and the
     * record being counted with the decision taken for its events (see {@link CounterStore}).
     */
    public String partitionState(String topic, int partition) {
        return partitionSlot(topic, partition) + ":state";
    }

    /**
     * Dedup filter (a bitmap) of the event ids one partition of a topic received in one hour of
     * arrival. Its geometry is part of the name: a filter sized differently starts afresh instead of
     * reading another layout's bits.
     */
    public String seen(String topic, int partition, long hour, String geometry) {
        return partitionSlot(topic, partition) + ":seen:" + hour + ":" + geometry;
    }

    private String partitionSlot(String topic, int partition) {
        return namespace + ":tel:p:{" + topic + "#" + partition + "}";
    }

    /**
     * Sorted set of counter hashes changed since their last roll-up, scored by how many times they
     * were changed: a roll-up removes a hash only if its score is still the one it read.
     */
    public String changed() {
        return namespace + ":tel:changed";
    }

    /** Hash: rollout id → id of the trigger fired for it (a rollout is triggered once). */
    public String fired() {
        return namespace + ":tel:fired";
    }

    /** Parses a counter hash name back into its parts, or null when it is not one. */
    public Parsed parse(String key) {
        String prefix = namespace + ":tel:";
        if (!key.startsWith(prefix) || key.length() < prefix.length() + 2) {
            return null;
        }
        char kind = key.charAt(prefix.length());
        String rest = key.substring(prefix.length() + 2);
        int close = rest.lastIndexOf("}:");
        if (kind != 'r' && kind != 'v' || !rest.startsWith("{") || close < 0) {
            return null;
        }
        return new Parsed(kind == 'r', rest.substring(1, close), Long.parseLong(rest.substring(close + 2)));
    }

    /** A counter hash: per rollout (id) or per family (name), and its minute since the epoch. */
    public record Parsed(boolean rollout, String id, long minute) {}
}
