package dev.otter.sdk.check;

import com.fasterxml.jackson.databind.JsonNode;

/** The file a decision offers: where, how big, its sha256 and tier, and a patch from the installed file if any. */
public final class Artifact {
    private final String url;
    private final long sizeBytes;
    private final String sha256;
    private final String tier;
    private final Patch patch;

    Artifact(String url, long sizeBytes, String sha256, String tier, Patch patch) {
        this.url = url;
        this.sizeBytes = sizeBytes;
        this.sha256 = sha256;
        this.tier = tier;
        this.patch = patch;
    }

    static Artifact of(JsonNode a) {
        if (!a.isObject()) {
            return null;
        }
        JsonNode p = a.path("patch");
        return new Artifact(
                a.path("url").asText(),
                a.path("size_bytes").asLong(),
                a.path("sha256").asText(),
                a.path("tier").textValue(),
                p.isObject()
                        ? new Patch(
                                p.path("url").asText(),
                                p.path("size_bytes").asLong(),
                                p.path("sha256").asText(),
                                p.path("base_sha256").asText())
                        : null);
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

    public String tier() {
        return tier;
    }

    /** A patch from the file with {@code baseSha256}, or null. */
    public Patch patch() {
        return patch;
    }

    /** A delta from one installed file to this artifact. */
    public static final class Patch {
        private final String url;
        private final long sizeBytes;
        private final String sha256;
        private final String baseSha256;

        Patch(String url, long sizeBytes, String sha256, String baseSha256) {
            this.url = url;
            this.sizeBytes = sizeBytes;
            this.sha256 = sha256;
            this.baseSha256 = baseSha256;
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

        /** The installed file it applies to. */
        public String baseSha256() {
            return baseSha256;
        }
    }
}
