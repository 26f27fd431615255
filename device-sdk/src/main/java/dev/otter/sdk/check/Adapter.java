package dev.otter.sdk.check;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A file that lets the app use a model implementing another interface than its own (a prompt
 * template, a tokenizer config): download it with the model ({@code OtterDevice.downloadAdapter})
 * and load it with the model.
 */
public final class Adapter {
    private final String forInterface;
    private final String url;
    private final long sizeBytes;
    private final String sha256;
    private final String format;

    private Adapter(String forInterface, String url, long sizeBytes, String sha256, String format) {
        this.forInterface = forInterface;
        this.url = url;
        this.sizeBytes = sizeBytes;
        this.sha256 = sha256;
        this.format = format;
    }

    static Adapter of(JsonNode a) {
        if (!a.isObject()) {
            return null;
        }
        return new Adapter(
                a.path("for_interface").asText(),
                a.path("url").asText(),
                a.path("size_bytes").asLong(),
                a.path("sha256").asText(),
                a.path("format").textValue());
    }

    /** The app's interface it adapts the model to, e.g. {@code chat@1}. */
    public String forInterface() {
        return forInterface;
    }

    public String url() {
        return url;
    }

    public long sizeBytes() {
        return sizeBytes;
    }

    public String sha256() {
        return sha256;
    }

    /** e.g. {@code json}; null when not told. */
    public String format() {
        return format;
    }
}
