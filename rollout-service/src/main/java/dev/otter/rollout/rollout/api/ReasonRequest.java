package dev.otter.rollout.rollout.api;

import jakarta.validation.constraints.Size;

/** Why: recorded in the audit log (required to roll back). */
public record ReasonRequest(@Size(max = 2000) String reason) {}
