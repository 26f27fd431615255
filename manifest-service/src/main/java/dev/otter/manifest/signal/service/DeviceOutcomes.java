package dev.otter.manifest.signal.service;

import dev.otter.manifest.catalog.snapshot.CatalogCache;
import dev.otter.manifest.catalog.snapshot.CatalogSnapshot;
import dev.otter.manifest.config.ManifestConfig;
import dev.otter.manifest.signal.SignalReason;
import dev.otter.manifest.update.api.Action;
import dev.otter.manifest.update.api.Reason;
import dev.otter.manifest.update.service.DecisionInput;
import dev.otter.manifest.update.service.DeviceProfile;
import dev.otter.manifest.update.service.FamilyQuery;
import dev.otter.manifest.update.service.RolloutDirectives;
import dev.otter.manifest.update.service.UpdateDecider;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a streaming device's update check would say now (the same decider and directives as {@code
 * /v1/update-check}), and whether a change of it is worth waking the device: rollbacks,
 * retirements, urgent offers and withdrawn offers are; a new ordinary offer waits for the next check.
 */
@ApplicationScoped
public class DeviceOutcomes {
    private static final Set<Reason> RETIREMENT =
            EnumSet.of(Reason.REPLACES_RETIRED, Reason.INSTALLED_RETIRED, Reason.RETIRED);

    private final CatalogCache catalog;
    private final RolloutDirectives directives;
    private final UpdateDecider decider;

    public DeviceOutcomes(CatalogCache catalog, RolloutDirectives directives, ManifestConfig config) {
        this.catalog = catalog;
        this.directives = directives;
        // No download links: they are not compared, and signing them for every stream would be waste.
        this.decider = new UpdateDecider(config.updateCheck().wifiOnlyAboveBytes());
    }

    /** The device's outcome per family, in the order asked. */
    public Map<String, Outcome> of(DeviceProfile device, List<FamilyQuery> queries) {
        CatalogSnapshot snapshot = catalog.current();
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        for (FamilyQuery query : queries) {
            outcomes.put(
                    query.family(),
                    Outcome.of(decider.decide(new DecisionInput(
                            device,
                            query,
                            snapshot.family(query.family()).orElse(null),
                            directives.directive(device, query)))));
        }
        return outcomes;
    }

    /** The families whose change concerns the device, and the most pressing reason; empty when none does. */
    public static Optional<Signal> signal(Map<String, Outcome> before, Map<String, Outcome> after) {
        SignalReason reason = null;
        List<String> families = new ArrayList<>();
        for (Map.Entry<String, Outcome> e : after.entrySet()) {
            SignalReason r = reason(before.get(e.getKey()), e.getValue());
            if (r != null) {
                families.add(e.getKey());
                reason = reason == null || r.ordinal() < reason.ordinal() ? r : reason;
            }
        }
        return reason == null ? Optional.empty() : Optional.of(new Signal(reason, families));
    }

    /** A reason to check now, for some families. */
    public record Signal(SignalReason reason, List<String> families) {}

    /**
     * The stream cursor (the SSE event id): a digest of the versions the device should end up on.
     * It only moves when one of them does, so a resumed stream compares it with the current one.
     */
    public static String cursor(Map<String, Outcome> outcomes) {
        long h = 1125899906842597L;
        for (Map.Entry<String, Outcome> e : outcomes.entrySet()) {
            h = 31 * h + e.getKey().hashCode();
            h = 31 * h + e.getValue().desired().hashCode();
        }
        return Long.toHexString(h);
    }

    private static SignalReason reason(Outcome before, Outcome after) {
        if (before == null || before.equals(after)) {
            return null;
        }
        boolean sameDesired = Objects.equals(before.desired(), after.desired());
        if (after.reason() == Reason.ROLLOUT_ROLLED_BACK && !(before.reason() == after.reason() && sameDesired)) {
            return SignalReason.ROLLBACK;
        }
        if (RETIREMENT.contains(after.reason()) && !RETIREMENT.contains(before.reason())) {
            return SignalReason.RETIRED;
        }
        if (after.action() == Action.UPDATE && after.urgent() && !(before.urgent() && sameDesired)) {
            return SignalReason.URGENT;
        }
        if (before.action() == Action.UPDATE && !(after.action() == Action.UPDATE && sameDesired)) {
            return SignalReason.WITHDRAWN;
        }
        return null;
    }
}
