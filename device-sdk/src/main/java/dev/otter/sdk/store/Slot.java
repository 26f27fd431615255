package dev.otter.sdk.store;

import java.util.Objects;

/** A model held by the device: its version, tier and the sha256 that names its file. */
public final class Slot {
    private final String version;
    private final String tier;
    private final String sha256;

    public Slot(String version, String tier, String sha256) {
        this.version = Objects.requireNonNull(version, "version");
        this.tier = tier;
        this.sha256 = Objects.requireNonNull(sha256, "sha256").toLowerCase(java.util.Locale.ROOT);
    }

    public String version() {
        return version;
    }

    /** The artifact's tier (e.g. {@code 3b}), or null. */
    public String tier() {
        return tier;
    }

    public String sha256() {
        return sha256;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Slot
                && version.equals(((Slot) o).version)
                && Objects.equals(tier, ((Slot) o).tier)
                && sha256.equals(((Slot) o).sha256);
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, tier, sha256);
    }

    @Override
    public String toString() {
        return version + (tier == null ? "" : "/" + tier) + " " + sha256.substring(0, Math.min(12, sha256.length()));
    }
}
