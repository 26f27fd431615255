package dev.otter.manifest.rollout.snapshot;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.util.HashMap;
import java.util.Map;

/**
 * The last good rollout state of every family, as compiled policies. A snapshot older than the one
 * held is ignored; Redis going away changes nothing here. {@link #isKnown()} turns true once the
 * complete state has been read (see {@code require-published-state}).
 */
@ApplicationScoped
public class RolloutStateCache {
    private volatile Map<String, FamilyPolicies> families = Map.of();
    private volatile boolean known;
    private final Event<RolloutStateInstalled> installed;

    public RolloutStateCache(Event<RolloutStateInstalled> installed) {
        this.installed = installed;
    }

    /** The family's policies, or null when rollout-service has published nothing for it. */
    public FamilyPolicies family(String family) {
        return families.get(family);
    }

    /** The snapshot version held for a family, -1 when none. */
    public long version(String family) {
        FamilyPolicies held = families.get(family);
        return held == null ? -1 : held.version();
    }

    /** Installs a newer snapshot; returns false (and changes nothing) when the one held is as new. */
    public synchronized boolean install(FamilyPolicies policies) {
        FamilyPolicies held = families.get(policies.family());
        if (held != null && held.version() >= policies.version()) {
            return false;
        }
        Map<String, FamilyPolicies> next = new HashMap<>(families);
        next.put(policies.family(), policies);
        families = Map.copyOf(next);
        installed.fire(new RolloutStateInstalled(held == null ? null : held.source(), policies.source()));
        return true;
    }

    public boolean isKnown() {
        return known;
    }

    public void markKnown() {
        known = true;
    }

    public int size() {
        return families.size();
    }
}
