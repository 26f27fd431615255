package dev.otter.manifest.app.api;

import java.time.Instant;

/** A key just created: {@code key} is shown here once and never again; store it in the app's build. */
public record NewAppKeyView(String id, String appId, String key, Instant createdAt) {}
