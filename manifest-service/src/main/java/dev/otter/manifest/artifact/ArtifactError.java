package dev.otter.manifest.artifact;

import dev.otter.support.error.ErrorCode;

/** Stable error codes of uploads and downloads. */
public enum ArtifactError implements ErrorCode {
    /** The upload is not a valid GGUF file (bad magic, truncated header, tensors past the end). */
    NOT_GGUF(422, "Not a GGUF file"),
    /** The uploaded bytes do not hash to the sha256 the publisher declared. */
    SHA256_MISMATCH(422, "sha256 mismatch"),
    /** The upload declared no sha256, or not 64 hex characters. */
    SHA256_REQUIRED(400, "sha256 required"),
    /** The upload is larger than the configured maximum. */
    UPLOAD_TOO_LARGE(413, "Upload too large"),
    /** The upload ended early or the connection broke. */
    UPLOAD_INCOMPLETE(400, "Upload incomplete"),
    /** No stored file with this sha256. */
    FILE_NOT_FOUND(404, "File not found"),
    /** The download link's token is missing or wrong. */
    LINK_INVALID(403, "Download link invalid"),
    /** The download link has expired: ask update-check for a fresh one. */
    LINK_EXPIRED(403, "Download link expired"),
    /** The requested byte range lies outside the file. */
    RANGE_NOT_SATISFIABLE(416, "Range not satisfiable");

    private final int status;
    private final String title;

    ArtifactError(int status, String title) {
        this.status = status;
        this.title = title;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public String title() {
        return title;
    }
}
