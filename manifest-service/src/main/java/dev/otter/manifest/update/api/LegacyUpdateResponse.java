package dev.otter.manifest.update.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The seed-001 answer: whether to update, to which version, and from where — the three fields seed
 * 001 clients decode, first and always present. After them, for clients that read more: the file's
 * sha256 and size, and a patch from the version the client runs when one is ready (seed 001's
 * "download only the difference"); absent when there is nothing to say.
 */
@JsonPropertyOrder({"need_update", "target_version", "download_url", "sha256", "size_bytes", "patch"})
public record LegacyUpdateResponse(
        boolean needUpdate,
        String targetVersion,
        String downloadUrl,
        @JsonInclude(JsonInclude.Include.NON_NULL) String sha256,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long sizeBytes,
        @JsonInclude(JsonInclude.Include.NON_NULL) PatchOffer patch) {

    /** An answer with the seed's three fields only. */
    public LegacyUpdateResponse(boolean needUpdate, String targetVersion, String downloadUrl) {
        this(needUpdate, targetVersion, downloadUrl, null, null, null);
    }
}
