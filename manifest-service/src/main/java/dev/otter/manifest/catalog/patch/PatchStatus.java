package dev.otter.manifest.catalog.patch;

/**
 * Where making one delta patch stands. PENDING → RUNNING → READY | TOO_LARGE | FAILED; a RUNNING
 * job whose worker stopped reporting goes back to RUNNING under another worker. Stored by name.
 */
public enum PatchStatus {
    /** Planned on publish, not yet picked up. */
    PENDING,
    /** A worker is making it. */
    RUNNING,
    /** Made and stored; offered to devices holding its base file. */
    READY,
    /** Made, but over the size limit: devices take the full file. */
    TOO_LARGE,
    /** Making it failed; devices take the full file. */
    FAILED
}
