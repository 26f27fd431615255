package dev.otter.manifest.update.api;

/**
 * An adapter to download with the model (a prompt template, a tokenizer config): it lets the app,
 * which uses {@code forInterface}, use a model that implements another interface.
 */
public record AdapterOffer(String forInterface, String url, long sizeBytes, String sha256, String format) {}
