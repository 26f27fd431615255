package dev.otter.telemetry.ingest.api;

import java.util.List;

/** The answer to a batch: how many events Kafka has, and why the others were refused. */
public record IngestResult(int accepted, List<Rejection> rejected) {}
