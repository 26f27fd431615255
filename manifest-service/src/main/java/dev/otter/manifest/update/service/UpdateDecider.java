package dev.otter.manifest.update.service;

import dev.otter.contract.version.SemVer;
import dev.otter.manifest.catalog.FamilyKind;
import dev.otter.manifest.catalog.VersionStatus;
import dev.otter.manifest.catalog.snapshot.ArtifactEntry;
import dev.otter.manifest.catalog.snapshot.FamilyCatalog;
import dev.otter.manifest.catalog.snapshot.VersionEntry;
import dev.otter.manifest.update.api.Action;
import dev.otter.manifest.update.api.AdapterOffer;
import dev.otter.manifest.update.api.ArtifactOffer;
import dev.otter.manifest.update.api.DownloadConditions;
import dev.otter.manifest.update.api.FamilyDecision;
import dev.otter.manifest.update.api.Missing;
import dev.otter.manifest.update.api.PatchOffer;
import dev.otter.manifest.update.api.Reason;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Decides, for one device and one model family, what to do: UPDATE, NO_UPDATE, ROLLBACK,
 * UNINSTALL or INCOMPATIBLE. Pure and allocation-light: it reads an immutable catalog snapshot and
 * a {@link Directive} from release policy, and never touches a database.
 *
 * <p>The target is the newest PUBLISHED version on the device's channel, at or below the
 * directive's ceiling and not one to leave, whose artifact (the preferred tier, or the most
 * capable that fits) the device can run. A device is never offered what it cannot run; a newer
 * version it cannot run is explained in {@code missing}. A device on a version whose rollout was
 * rolled back is sent back (ROLLBACK) unless its target is newer.
 */
public final class UpdateDecider {
    private static final long MIB = 1024L * 1024L;

    private final long wifiOnlyAboveBytes;
    private final UnaryOperator<String> links;

    /** @param links turns a catalog URL into the one a device downloads from (e.g. an expiring link) */
    public UpdateDecider(long wifiOnlyAboveBytes, UnaryOperator<String> links) {
        this.wifiOnlyAboveBytes = wifiOnlyAboveBytes;
        this.links = links;
    }

    /** With catalog URLs as they are. */
    public UpdateDecider(long wifiOnlyAboveBytes) {
        this(wifiOnlyAboveBytes, UnaryOperator.identity());
    }

    /** The newest runnable candidate, and the newest candidate at all ({@code top}) with what it lacks. */
    private record Choice(
            VersionEntry chosen,
            ArtifactEntry artifact,
            ArtifactEntry adapter,
            VersionEntry top,
            List<Missing> topMissing) {}

    /** An artifact of a version that fits the device (with the adapter its app needs), or what the best one lacks. */
    private record Pick(ArtifactEntry artifact, ArtifactEntry adapter, List<Missing> missing) {

        static Pick none(List<Missing> missing) {
            return new Pick(null, null, missing);
        }
    }

    public FamilyDecision decide(DecisionInput input) {
        FamilyQuery query = input.query();
        FamilyCatalog family = input.family();
        if (family == null) {
            return noUpdate(
                    input, Reason.UNKNOWN_FAMILY, "the catalog has no model family '" + query.family() + "'", null);
        }
        if (query.requestedVersion() != null) {
            Requested requested = requested(input);
            if (requested.decision() != null) {
                return requested.decision();
            }
            return withNote(decideByPolicy(input), requested.refusal());
        }
        return decideByPolicy(input);
    }

    // The decision release policy makes, without a version asked for by name.
    private FamilyDecision decideByPolicy(DecisionInput input) {
        FamilyQuery query = input.query();
        FamilyCatalog family = input.family();
        VersionEntry installed = query.installedVersion() == null
                ? null
                : family.find(query.installedVersion()).orElse(null);
        boolean retired = installed != null && installed.status() == VersionStatus.RETIRED;
        Choice choice = choose(input, input.directive().ceiling());
        String leaveReason = query.installedVersion() == null
                ? null
                : input.directive().leave().get(query.installedVersion());
        if (leaveReason != null
                && choice.chosen() != null
                && !choice.chosen().version().isNewerThan(query.installedVersion())) {
            return offer(
                    input,
                    Action.ROLLBACK,
                    Reason.ROLLOUT_ROLLED_BACK,
                    leaveReason + "; go back to " + choice.chosen().version(),
                    choice);
        }
        String unloadable = installed == null ? null : EngineCheck.unloadable(installed, input.engines());
        if (unloadable != null
                && choice.chosen() != null
                && choice.chosen().version().isOlderThan(query.installedVersion())) {
            return offer(
                    input,
                    Action.ROLLBACK,
                    Reason.ENGINE_CHANGED,
                    unloadable + "; go back to " + choice.chosen().version(),
                    choice);
        }
        if (choice.chosen() == null) {
            return noneFits(input, choice, installed, retired);
        }
        if (query.installedVersion() == null) {
            return offer(
                    input,
                    Action.UPDATE,
                    Reason.FIRST_INSTALL,
                    "install " + choice.chosen().version(),
                    choice);
        }
        int cmp = choice.chosen().version().compareTo(query.installedVersion());
        if (cmp > 0) {
            return retired
                    ? offer(
                            input,
                            Action.UPDATE,
                            Reason.REPLACES_RETIRED,
                            retiredMessage(installed) + "; update to "
                                    + choice.chosen().version(),
                            choice)
                    : offer(
                            input,
                            Action.UPDATE,
                            Reason.NEWER_VERSION,
                            "update to " + choice.chosen().version(),
                            choice);
        }
        if (cmp == 0) {
            return sameVersion(input, choice, installed);
        }
        if (retired) {
            return offer(
                    input,
                    Action.ROLLBACK,
                    Reason.INSTALLED_RETIRED,
                    retiredMessage(installed) + "; go back to "
                            + choice.chosen().version(),
                    choice);
        }
        return noUpdate(
                input,
                Reason.AHEAD_OF_TARGET,
                "keep " + query.installedVersion() + ", newer than the offered "
                        + choice.chosen().version(),
                choice.topMissing());
    }

    private Choice choose(DecisionInput input, SemVer ceiling) {
        DeviceProfile device = input.device();
        VersionEntry top = null;
        List<Missing> topMissing = List.of();
        for (VersionEntry v : input.family().versionsNewestFirst()) {
            if (!v.isPublished()
                    || !device.channel().sees(v.channel())
                    || ceiling != null && v.version().isNewerThan(ceiling)
                    || input.directive().leave().containsKey(v.version())) {
                continue;
            }
            Pick pick = pick(v, input);
            if (top == null) {
                top = v;
                topMissing = pick.missing();
            }
            if (pick.artifact() != null) {
                return new Choice(v, pick.artifact(), pick.adapter(), top, v == top ? List.of() : topMissing);
            }
        }
        return new Choice(null, null, null, top, topMissing);
    }

    // First what the version as a whole needs (the engine that loads it, an interface the app can
    // use, or an adapter to it); then one of its artifacts (an engine's: the device's ABI).
    private static Pick pick(VersionEntry version, DecisionInput input) {
        DeviceProfile device = input.device();
        List<Missing> missing = EngineCheck.missing(version, input.engines());
        ArtifactEntry adapter = null;
        String iface = version.modelInterface();
        if (iface != null && device.interfaces() != null && !device.interfaces().contains(iface)) {
            adapter = version.adapterFor(device.interfaces()).orElse(null);
            if (adapter == null) {
                missing = EngineCheck.plus(missing, interfaceMissing(version, device));
            }
        }
        if (!missing.isEmpty()) {
            return Pick.none(missing);
        }
        String tier = input.query().preferredTier();
        // An engine's artifact is the device's ABI's: a tier the app prefers for its models does not apply.
        if (input.family().kind() == FamilyKind.ENGINE && (device.abi() != null || tier == null)) {
            if (device.abi() == null) {
                return Pick.none(List.of(new Missing(
                        "abi", "one of " + tiers(version), "-", "tell the device's abi to be offered an engine")));
            }
            tier = device.abi();
        }
        Pick pick = pickArtifact(version, tier, device);
        return new Pick(pick.artifact(), pick.artifact() == null ? null : adapter, pick.missing());
    }

    private static Missing interfaceMissing(VersionEntry version, DeviceProfile device) {
        String supported =
                String.join(", ", device.interfaces().stream().sorted().toList());
        return new Missing(
                "interface",
                version.modelInterface(),
                supported.isEmpty() ? "-" : supported,
                version.version() + " implements " + version.modelInterface() + "; the app uses "
                        + (supported.isEmpty() ? "no interface" : supported) + " and no adapter for it is attached");
    }

    private static String tiers(VersionEntry version) {
        return String.join(
                ", ", version.artifacts().stream().map(ArtifactEntry::tier).toList());
    }

    // With a preferred tier, only that tier counts. Without one, the most capable artifact that fits
    // (highest RAM need, then largest); if none fits, report what the least demanding one lacks.
    private static Pick pickArtifact(VersionEntry version, String tier, DeviceProfile device) {
        if (tier != null) {
            ArtifactEntry artifact = version.artifact(tier).orElse(null);
            if (artifact == null) {
                return Pick.none(
                        List.of(new Missing("tier", tier, "-", version.version() + " has no " + tier + " tier")));
            }
            List<Missing> missing = Compatibility.missing(artifact, device);
            return new Pick(missing.isEmpty() ? artifact : null, null, missing);
        }
        ArtifactEntry best = null;
        ArtifactEntry leastDemanding = null;
        for (ArtifactEntry a : version.artifacts()) {
            if (leastDemanding == null
                    || a.requirements().minRamMb()
                            < leastDemanding.requirements().minRamMb()) {
                leastDemanding = a;
            }
            if (Compatibility.missing(a, device).isEmpty() && (best == null || moreCapable(a, best))) {
                best = a;
            }
        }
        if (best != null) {
            return new Pick(best, null, List.of());
        }
        return Pick.none(leastDemanding == null ? List.of() : Compatibility.missing(leastDemanding, device));
    }

    private static boolean moreCapable(ArtifactEntry a, ArtifactEntry b) {
        int ram = Integer.compare(a.requirements().minRamMb(), b.requirements().minRamMb());
        return ram != 0 ? ram > 0 : a.sizeBytes() > b.sizeBytes();
    }

    private FamilyDecision noneFits(DecisionInput input, Choice choice, VersionEntry installed, boolean retired) {
        FamilyQuery query = input.query();
        String family = query.family();
        String channel = input.device().channel().wireName();
        if (retired) {
            return decision(
                    input,
                    Action.UNINSTALL,
                    Reason.RETIRED,
                    retiredMessage(installed) + "; no compatible version replaces it",
                    null,
                    null,
                    null,
                    choice.topMissing());
        }
        if (choice.top() == null) {
            return noUpdate(
                    input, Reason.NOTHING_PUBLISHED, "no published version of " + family + " on " + channel, null);
        }
        if (query.installedVersion() == null) {
            return decision(
                    input,
                    Action.INCOMPATIBLE,
                    incompatibility(choice.topMissing()),
                    "no version of " + family + " runs on this device: " + join(choice.topMissing()),
                    null,
                    null,
                    null,
                    choice.topMissing());
        }
        if (choice.top().version().isNewerThan(query.installedVersion())) {
            return noUpdate(
                    input,
                    Reason.NEWER_INCOMPATIBLE,
                    choice.top().version() + " does not run on this device: " + join(choice.topMissing()),
                    choice.topMissing());
        }
        return noUpdate(input, Reason.UP_TO_DATE, "keep " + query.installedVersion(), choice.topMissing());
    }

    // The INCOMPATIBLE reason: the app's interface or the engine when that is all that is missing.
    private static Reason incompatibility(List<Missing> missing) {
        if (!missing.isEmpty() && missing.stream().allMatch(m -> m.requirement().equals("interface"))) {
            return Reason.INTERFACE_UNSUPPORTED;
        }
        if (!missing.isEmpty() && missing.stream().allMatch(m -> m.requirement().equals("engine"))) {
            return Reason.ENGINE_UNSUPPORTED;
        }
        return Reason.DEVICE_REQUIREMENTS;
    }

    private FamilyDecision sameVersion(DecisionInput input, Choice choice, VersionEntry installed) {
        String sha = input.query().installedSha256();
        if (sha == null || sha.equalsIgnoreCase(choice.artifact().sha256())) {
            return noUpdate(input, Reason.UP_TO_DATE, "keep " + choice.chosen().version(), choice.topMissing());
        }
        boolean otherTier =
                installed != null && installed.artifactWithSha256(sha).isPresent();
        return otherTier
                ? offer(
                        input,
                        Action.UPDATE,
                        Reason.SWITCH_TIER,
                        "switch to the " + choice.artifact().tier() + " tier",
                        choice)
                : offer(
                        input,
                        Action.UPDATE,
                        Reason.REPAIR,
                        "the installed file matches no published file of "
                                + choice.chosen().version() + "; download it again",
                        choice);
    }

    /** A version asked for by name: granted (the decision), or why not (the normal decision says it). */
    private record Requested(FamilyDecision decision, String refusal) {}

    // Granted only to a tester or the internal channel, for a published version the device's channel
    // sees, that it must not leave, and that has a file the device can run.
    private Requested requested(DecisionInput input) {
        SemVer wanted = input.query().requestedVersion();
        String refused = "requested " + wanted + " not granted: ";
        if (!input.directive().mayRequest()) {
            return new Requested(null, refused + "only testers and the internal channel may ask for a version");
        }
        VersionEntry version = input.family().find(wanted).orElse(null);
        if (version == null
                || !version.isPublished()
                || !input.device().channel().sees(version.channel())) {
            return new Requested(
                    null,
                    refused + "not published on " + input.device().channel().wireName());
        }
        if (input.directive().leave().containsKey(wanted)) {
            return new Requested(null, refused + input.directive().leave().get(wanted));
        }
        Pick pick = pick(version, input);
        if (pick.artifact() == null) {
            return new Requested(null, refused + "this device cannot run it (" + join(pick.missing()) + ")");
        }
        Choice choice = new Choice(version, pick.artifact(), pick.adapter(), version, List.of());
        SemVer installed = input.query().installedVersion();
        int cmp = installed == null ? 1 : wanted.compareTo(installed);
        if (cmp == 0) {
            return new Requested(
                    noUpdate(input, Reason.REQUESTED_VERSION, "keep " + wanted + ", as requested", List.of()), null);
        }
        return new Requested(
                offer(
                        input,
                        cmp > 0 ? Action.UPDATE : Action.ROLLBACK,
                        Reason.REQUESTED_VERSION,
                        (cmp > 0 ? "update to " : "go back to ") + wanted + ", as requested",
                        choice),
                null);
    }

    private static FamilyDecision withNote(FamilyDecision d, String note) {
        return new FamilyDecision(
                d.family(),
                d.action(),
                d.reason(),
                d.message() == null ? note : d.message() + "; " + note,
                d.installedVersion(),
                d.version(),
                d.artifact(),
                d.releaseNotes(),
                d.changeSummary(),
                d.urgent(),
                d.urgentReason(),
                d.download(),
                d.missing(),
                d.assignment(),
                d.engine(),
                d.modelInterface(),
                d.adapter(),
                d.applyAfter(),
                d.sameSession());
    }

    /** NO_UPDATE with this reason and message: the device keeps what it runs. */
    public FamilyDecision keep(DecisionInput input, Reason reason, String message) {
        return noUpdate(input, reason, message, null);
    }

    private FamilyDecision offer(DecisionInput input, Action action, Reason reason, String message, Choice choice) {
        return decision(
                input,
                action,
                reason,
                message,
                choice.chosen(),
                choice.artifact(),
                choice.adapter(),
                choice.topMissing());
    }

    private FamilyDecision noUpdate(DecisionInput input, Reason reason, String message, List<Missing> missing) {
        return decision(input, Action.NO_UPDATE, reason, message, null, null, null, missing);
    }

    private FamilyDecision decision(
            DecisionInput input,
            Action action,
            Reason reason,
            String message,
            VersionEntry version,
            ArtifactEntry artifact,
            ArtifactEntry adapter,
            List<Missing> missing) {
        FamilyQuery query = input.query();
        String installed = query.installedVersion() == null
                ? null
                : query.installedVersion().toString();
        List<Missing> explained = missing == null || missing.isEmpty() ? null : missing;
        if (version == null) {
            return new FamilyDecision(
                    query.family(),
                    action,
                    reason,
                    message,
                    installed,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    explained,
                    input.directive().assignment(),
                    null,
                    null,
                    null,
                    null,
                    null);
        }
        return new FamilyDecision(
                query.family(),
                action,
                reason,
                message,
                installed,
                version.version().toString(),
                new ArtifactOffer(
                        artifact.tier(),
                        links.apply(artifact.url()),
                        artifact.urls().subList(1, artifact.urls().size()).stream()
                                .map(links)
                                .toList(),
                        artifact.sizeBytes(),
                        artifact.sha256(),
                        artifact.format(),
                        artifact.quantization(),
                        action == Action.UPDATE
                                ? artifact.patchFrom(query.installedSha256())
                                        .map(p -> new PatchOffer(
                                                links.apply(p.url()), p.sizeBytes(), p.sha256(), p.baseSha256()))
                                        .orElse(null)
                                : null),
                artifact.releaseNotes() != null ? artifact.releaseNotes() : version.releaseNotes(),
                version.changeSummary(),
                version.urgent(),
                version.urgentReason(),
                conditions(artifact, input.device()),
                explained,
                input.directive().assignment(),
                EngineCheck.required(version),
                version.modelInterface(),
                adapter == null
                        ? null
                        : new AdapterOffer(
                                adapter.adaptsInterface(),
                                links.apply(adapter.url()),
                                adapter.sizeBytes(),
                                adapter.sha256(),
                                adapter.format()),
                null,
                null);
    }

    private DownloadConditions conditions(ArtifactEntry artifact, DeviceProfile device) {
        long sizeMb = (artifact.sizeBytes() + MIB - 1) / MIB;
        long needed = Math.max(sizeMb, artifact.requirements().minFreeStorageMb());
        boolean enough = device.freeStorageMb() == null || device.freeStorageMb() >= needed;
        return new DownloadConditions(artifact.sizeBytes() > wifiOnlyAboveBytes, needed, enough, true);
    }

    private static String retiredMessage(VersionEntry installed) {
        String why = installed.statusReason() == null ? "" : " (" + installed.statusReason() + ")";
        return installed.version() + " reached end of service" + why;
    }

    private static String join(List<Missing> missing) {
        return String.join("; ", missing.stream().map(Missing::message).toList());
    }
}
