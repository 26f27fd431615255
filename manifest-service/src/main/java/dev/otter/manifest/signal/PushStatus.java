package dev.otter.manifest.signal;

/**
 * Where a push-gateway delivery stands. Transitions:
 *
 * <pre>
 * PENDING   → DELIVERED   the gateway answered 2xx
 * PENDING   → PENDING     a try failed; the next is due after the back-off
 * PENDING   → DEAD        the last try failed (dead letter)
 * DEAD      → PENDING     an operator retries it
 * DELIVERED → (none)
 * </pre>
 */
public enum PushStatus {
    PENDING,
    DELIVERED,
    DEAD
}
