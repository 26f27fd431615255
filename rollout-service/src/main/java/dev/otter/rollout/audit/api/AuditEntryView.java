package dev.otter.rollout.audit.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.otter.rollout.audit.AuditAction;
import java.time.Instant;

/** One entry of the audit trail, with the changed object before and after. */
public record AuditEntryView(
        long id,
        Instant at,
        String actor,
        AuditAction action,
        String rolloutId,
        String family,
        String channel,
        JsonNode before,
        JsonNode after,
        String detail) {}
