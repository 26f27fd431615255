package dev.otter.manifest.update.service;

import dev.otter.contract.version.SemVer;
import dev.otter.manifest.catalog.snapshot.ArtifactEntry;
import dev.otter.manifest.catalog.snapshot.PlatformRequirement;
import dev.otter.manifest.catalog.snapshot.Requirements;
import dev.otter.manifest.update.api.Missing;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whether a device can run an artifact, and if not, everything it lacks in words a user could read
 * ("needs 6144 MB RAM, has 4096"). Free storage is not here: lacking space is a reason to wait,
 * not an incompatibility, and the download conditions carry it.
 */
public final class Compatibility {
    private Compatibility() {}

    /** The unmet requirements; empty when the device can run the artifact. */
    public static List<Missing> missing(ArtifactEntry artifact, DeviceProfile device) {
        Requirements r = artifact.requirements();
        List<Missing> missing = null;
        missing = atLeast(missing, "app_version", "app version", r.minAppVersion(), device.appVersion());
        missing = atLeast(missing, "runtime_version", "runtime", r.minRuntimeVersion(), device.runtimeVersion());
        if (r.maxRuntimeVersion() != null
                && device.runtimeVersion() != null
                && device.runtimeVersion().isNewerThan(r.maxRuntimeVersion())) {
            missing = add(
                    missing,
                    "runtime_version",
                    "<= " + r.maxRuntimeVersion(),
                    device.runtimeVersion().toString(),
                    "needs runtime " + r.maxRuntimeVersion() + " or older, has " + device.runtimeVersion());
        }
        if (device.ramMb() != null && device.ramMb() < r.minRamMb()) {
            missing = add(
                    missing,
                    "ram_mb",
                    Integer.toString(r.minRamMb()),
                    device.ramMb().toString(),
                    "needs " + r.minRamMb() + " MB RAM, has " + device.ramMb());
        }
        missing = accelerator(missing, r.accelerator(), device);
        missing = platform(missing, r.platforms(), device);
        missing = deviceModel(missing, r.deviceModelDeny(), device.deviceModel());
        return missing == null ? List.of() : missing;
    }

    private static List<Missing> atLeast(List<Missing> missing, String key, String label, SemVer min, SemVer has) {
        if (min == null || has == null || !has.isOlderThan(min)) {
            return missing;
        }
        return add(missing, key, ">= " + min, has.toString(), "needs " + label + " " + min + " or newer, has " + has);
    }

    private static List<Missing> accelerator(List<Missing> missing, String needed, DeviceProfile device) {
        String has = device.accelerator();
        if (needed == null || has == null || has.equals(needed)) {
            return missing; // no requirement, or a legacy client that tells nothing about its hardware
        }
        return add(missing, "accelerator", needed, has, "needs accelerator " + needed + ", has " + has);
    }

    private static List<Missing> platform(
            List<Missing> missing, List<PlatformRequirement> platforms, DeviceProfile device) {
        if (platforms.isEmpty() || device.platform() == null) {
            return missing;
        }
        for (PlatformRequirement p : platforms) {
            if (p.platform().equals(device.platform())) {
                if (p.minOsVersion() != null
                        && device.osVersion() != null
                        && device.osVersion().isOlderThan(p.minOsVersion())) {
                    return add(
                            missing,
                            "os_version",
                            ">= " + p.minOsVersion(),
                            device.osVersion().toString(),
                            "needs " + p.platform() + " " + p.minOsVersion() + " or newer, has " + device.osVersion());
                }
                return missing;
            }
        }
        String supported = String.join(
                ", ", platforms.stream().map(PlatformRequirement::platform).toList());
        return add(
                missing,
                "platform",
                supported,
                device.platform(),
                "runs on " + supported + ", not " + device.platform());
    }

    private static List<Missing> deviceModel(List<Missing> missing, List<String> deny, String model) {
        if (model == null || deny.isEmpty()) {
            return missing;
        }
        String m = model.toLowerCase(Locale.ROOT);
        for (String entry : deny) {
            String e = entry.toLowerCase(Locale.ROOT);
            boolean hit = e.endsWith("*") ? m.startsWith(e.substring(0, e.length() - 1)) : m.equals(e);
            if (hit) {
                return add(
                        missing, "device_model", "not " + entry, model, "device model " + model + " is not supported");
            }
        }
        return missing;
    }

    private static List<Missing> add(List<Missing> missing, String key, String needed, String has, String message) {
        List<Missing> list = missing == null ? new ArrayList<>(2) : missing;
        list.add(new Missing(key, needed, has, message));
        return list;
    }
}
