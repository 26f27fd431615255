package dev.otter.telemetry.ingest.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** A batch of events; each is checked on its own, so they arrive as raw JSON. */
public record IngestRequest(List<JsonNode> events) {}
