package dev.otter.sdk.store;

/**
 * A download under way: the model it yields ({@code target}), where the bytes come from, their
 * size and sha256, and whether they are a patch to the current model rather than the model.
 */
public final class PartialDownload {
    private final Slot target;
    private final String url;
    private final long size;
    private final String sha256;
    private final boolean patch;

    public PartialDownload(Slot target, String url, long size, String sha256, boolean patch) {
        this.target = target;
        this.url = url;
        this.size = size;
        this.sha256 = sha256.toLowerCase(java.util.Locale.ROOT);
        this.patch = patch;
    }

    public Slot target() {
        return target;
    }

    public String url() {
        return url;
    }

    public long size() {
        return size;
    }

    /** The sha256 of the bytes downloaded (the patch's for a patch, else the model's). */
    public String sha256() {
        return sha256;
    }

    public boolean patch() {
        return patch;
    }

    /** The same download from a fresh link (links expire; the bytes already here do not). */
    public PartialDownload withUrl(String fresh) {
        return new PartialDownload(target, fresh, size, sha256, patch);
    }
}
