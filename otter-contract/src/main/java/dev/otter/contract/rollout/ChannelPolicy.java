package dev.otter.contract.rollout;

import dev.otter.contract.version.SemVer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A {@link ChannelState} compiled once (versions parsed, cohort compiled) and evaluated per device:
 *
 * <ul>
 *   <li>active rollout, device in a segment the guard excluded → ceiling = the baseline, and the
 *       rollout's variant versions are to be left (devices there on them go back);
 *   <li>active RUNNING rollout, device in the cohort → ceiling = its variant's version, assigned;
 *   <li>active rollout, device outside (or rollout PAUSED) → ceiling = the rollout's baseline;
 *   <li>no active rollout → ceiling = the channel default (null: newest published);
 *   <li>versions of rolled-back rollouts (except those the active rollout or the default use again)
 *       are to be left, with the rollback's reason.
 * </ul>
 */
public final class ChannelPolicy {
    private final ActiveRollout active;
    private final Cohort cohort;
    private final VariantPicker variants;
    private final Map<String, SemVer> variantVersions = new HashMap<>();
    private final SemVer ceilingOutside;
    private final Map<SemVer, String> rolledBack;
    private final Set<String> testers;

    private ChannelPolicy(ChannelState state) {
        this.active = state.active();
        this.testers = active == null ? Set.of() : Set.copyOf(active.testerInstallIds());
        SemVer defaultVersion = parse(state.defaultVersion());
        Set<SemVer> inUse = new HashSet<>();
        if (active != null) {
            cohort = Cohort.compile(active.rules(), testers);
            variants = new VariantPicker(active.variants());
            active.variants().forEach(v -> variantVersions.put(v.name(), SemVer.parse(v.version())));
            inUse.addAll(variantVersions.values());
            ceilingOutside = SemVer.parse(active.baselineVersion());
        } else {
            cohort = null;
            variants = null;
            ceilingOutside = defaultVersion;
        }
        if (ceilingOutside != null) {
            inUse.add(ceilingOutside);
        }
        Map<SemVer, String> bad = new HashMap<>();
        for (RolledBackRollout r : state.rolledBack()) {
            for (String v : r.versions()) {
                SemVer version = SemVer.parse(v);
                if (!inUse.contains(version)) {
                    bad.putIfAbsent(version, r.describe());
                }
            }
        }
        this.rolledBack = Map.copyOf(bad);
    }

    /** Compiles a channel's state; throws {@link IllegalArgumentException} when it is malformed. */
    public static ChannelPolicy compile(ChannelState state) {
        return new ChannelPolicy(state);
    }

    /** What a device outside any cohort gets (the same for every such device). */
    /** Whether the install is a named tester of the active rollout (asked on every update check: a set). */
    public boolean isTester(String installId) {
        return installId != null && testers.contains(installId);
    }

    public PolicyOutcome outsideCohort() {
        return new PolicyOutcome(ceilingOutside, null, null, null, false, null, rolledBack);
    }

    public PolicyOutcome evaluate(DeviceAttributes device) {
        if (active == null) {
            return outsideCohort();
        }
        PolicyOutcome excluded = excluded(device);
        if (excluded != null) {
            return excluded;
        }
        CohortMatch match = cohort.match(device, active.salt(), active.percentageBasisPoints());
        if (!match.inCohort()) {
            return new PolicyOutcome(ceilingOutside, null, null, null, false, match, rolledBack);
        }
        Variant variant = variants.pick(Bucketing.variantBucket(active.salt(), device.installId()));
        SemVer version = variantVersions.get(variant.name());
        boolean paused = ActiveRollout.PAUSED.equals(active.status());
        return new PolicyOutcome(
                paused ? ceilingOutside : version, active.id(), variant.name(), version, paused, match, rolledBack);
    }

    // A device in a segment the guard took out: the baseline, and the rollout's variant versions to
    // be left (its devices there go back). Checked before the cohort rules, which exclude a region
    // too but have no rule for the other dimensions.
    private PolicyOutcome excluded(DeviceAttributes device) {
        for (ExcludedSegment segment : active.excludedSegments()) {
            if (segment.contains(device)) {
                Map<SemVer, String> leave = new HashMap<>(rolledBack);
                String why = "rollout " + active.id() + " excluded "
                        + segment.dimension().name().toLowerCase(java.util.Locale.ROOT) + " " + segment.value() + ": "
                        + segment.reason();
                variantVersions.values().stream()
                        .filter(v -> !v.equals(ceilingOutside))
                        .forEach(v -> leave.putIfAbsent(v, why));
                return new PolicyOutcome(ceilingOutside, null, null, null, false, null, Map.copyOf(leave));
            }
        }
        return null;
    }

    /**
     * The active rollout's watch interval for a device with this outcome that runs {@code installed}:
     * in the cohort, or on one of the rollout's variants (a paused or narrowed rollout still watches
     * the devices that took it). 0: not watched.
     */
    public int watchSeconds(PolicyOutcome outcome, SemVer installed) {
        if (active == null) {
            return 0;
        }
        boolean watched = outcome.assigned() || (installed != null && variantVersions.containsValue(installed));
        return watched ? active.watchIntervalSeconds() : 0;
    }

    private static SemVer parse(String version) {
        return version == null ? null : SemVer.parse(version);
    }
}
