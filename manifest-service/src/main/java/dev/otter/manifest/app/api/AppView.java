package dev.otter.manifest.app.api;

import java.time.Instant;
import java.util.List;

/** An application and its keys (never the keys themselves). */
public record AppView(String id, String name, Instant createdAt, String createdBy, List<AppKeyView> keys) {}
