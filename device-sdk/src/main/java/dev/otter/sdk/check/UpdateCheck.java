package dev.otter.sdk.check;

import dev.otter.sdk.trust.Refusal;
import java.time.Duration;
import java.util.Collections;
import java.util.List;

/** The outcome of one update check: the decisions of a trusted answer, or why the answer was refused. */
public final class UpdateCheck {
    private final List<Decision> decisions;
    private final Duration checkAgainAfter;
    private final long catalogRevision;
    private final Refusal refusal;

    public UpdateCheck(List<Decision> decisions, Duration checkAgainAfter, long catalogRevision, Refusal refusal) {
        this.decisions = Collections.unmodifiableList(decisions);
        this.checkAgainAfter = checkAgainAfter;
        this.catalogRevision = catalogRevision;
        this.refusal = refusal;
    }

    /** Whether the answer was verified and can be acted on. */
    public boolean trusted() {
        return refusal == null;
    }

    /** Why the answer was not believed (nothing was acted on), or null. */
    public Refusal refusal() {
        return refusal;
    }

    /** One decision per family asked about; empty when refused. */
    public List<Decision> decisions() {
        return decisions;
    }

    /** The decision for {@code family}, or null. */
    public Decision decision(String family) {
        for (Decision d : decisions) {
            if (d.family().equals(family)) {
                return d;
            }
        }
        return null;
    }

    /** When to check again (Otter spreads a fleet's checks; watched devices check within minutes). */
    public Duration checkAgainAfter() {
        return checkAgainAfter;
    }

    public long catalogRevision() {
        return catalogRevision;
    }
}
