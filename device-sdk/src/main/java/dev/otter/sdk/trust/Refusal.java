package dev.otter.sdk.trust;

import java.util.Locale;

/** Why a device refuses an update-check answer (TUF's threats, as far as one answer shows them). */
public enum Refusal {
    /** Not signed by a trusted key over these exact bytes: an arbitrary answer. */
    SIGNATURE,
    /** Its {@code expires_at} is past (or missing): a frozen feed. */
    EXPIRED,
    /** Its catalog revision is older than one already seen: a replayed answer. */
    REPLAYED,
    /** It tells the device to UPDATE to a version older than the one it runs: only ROLLBACK may. */
    DOWNGRADE;

    /** The lower-case name, as logged and counted. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
