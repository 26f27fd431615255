package dev.otter.rollout.api;

import java.time.Instant;

/** A rollback demand from telemetry: APPLIED (it rolled the rollout back) or IGNORED (no longer active). */
public record GuardTriggerView(String triggerId, Instant receivedAt, String outcome, String detail) {}
