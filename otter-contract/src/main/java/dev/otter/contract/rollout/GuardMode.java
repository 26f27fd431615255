package dev.otter.contract.rollout;

/** What a guard signal may do: {@code ENFORCE} rolls back on a breach, {@code OBSERVE} is judged and shown, never acts. */
public enum GuardMode {
    ENFORCE,
    OBSERVE
}
