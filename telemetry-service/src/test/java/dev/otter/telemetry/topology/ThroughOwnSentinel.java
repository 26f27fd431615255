package dev.otter.telemetry.topology;

/**
 * {@link ThroughSentinel} with a topology of its own: a test that stops the replica must not leave
 * another class (same profile, same running application and topology) without one.
 */
public class ThroughOwnSentinel extends ThroughSentinel {}
