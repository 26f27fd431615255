package dev.otter.contract.rollout;

import dev.otter.contract.version.SemVer;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Compiled cohort rules: versions parsed and names normalised once, so matching on the hot path is
 * cheap. Matching order: tester groups, then every attribute rule, then the percentage.
 */
public final class Cohort {
    private final Set<String> regionsInclude;
    private final Set<String> regionsExclude;
    private final SemVer appMin;
    private final SemVer appMax;
    private final SemVer runtimeMin;
    private final SemVer runtimeMax;
    private final List<CompiledPlatform> platforms;
    private final List<String> modelsAllow;
    private final List<String> modelsDeny;
    private final Integer minRamMb;
    private final Set<String> testers;

    private record CompiledPlatform(String platform, SemVer minOs, SemVer maxOs) {}

    /** The rule a device fails, and why. */
    private record Failure(String rule, String detail) {}

    private Cohort(CohortRules rules, Set<String> testerInstallIds) {
        regionsInclude = upper(rules.regionsInclude());
        regionsExclude = upper(rules.regionsExclude());
        appMin = rules.appVersion() == null ? null : version(rules.appVersion().min());
        appMax = rules.appVersion() == null ? null : version(rules.appVersion().max());
        runtimeMin = rules.runtimeVersion() == null
                ? null
                : version(rules.runtimeVersion().min());
        runtimeMax = rules.runtimeVersion() == null
                ? null
                : version(rules.runtimeVersion().max());
        platforms = rules.platforms().stream()
                .map(p -> new CompiledPlatform(
                        p.platform().toLowerCase(Locale.ROOT), version(p.minOs()), version(p.maxOs())))
                .toList();
        modelsAllow = lower(rules.deviceModelsAllow());
        modelsDeny = lower(rules.deviceModelsDeny());
        minRamMb = rules.minRamMb();
        testers = Set.copyOf(testerInstallIds);
    }

    /** Compiles rules; throws {@link IllegalArgumentException} on a malformed version. */
    public static Cohort compile(CohortRules rules, Set<String> testerInstallIds) {
        return new Cohort(rules, testerInstallIds);
    }

    /** Whether the device is in the cohort at this percentage (basis points), and why. */
    public CohortMatch match(DeviceAttributes d, String salt, int percentageBasisPoints) {
        int bucket = Bucketing.bucket(salt, d.installId());
        if (testers.contains(d.installId())) {
            return new CohortMatch(true, "tester", "member of a tester group", bucket);
        }
        Failure failed = failedRule(d);
        if (failed != null) {
            return new CohortMatch(false, failed.rule(), failed.detail(), bucket);
        }
        boolean in = bucket < percentageBasisPoints;
        String detail = "bucket " + bucket + (in ? " < " : " >= ") + percentageBasisPoints + " ("
                + percent(percentageBasisPoints) + ")";
        return new CohortMatch(in, "percentage", detail, bucket);
    }

    // The first rule the device fails, or null.
    private Failure failedRule(DeviceAttributes d) {
        if (!regionsExclude.isEmpty() || !regionsInclude.isEmpty()) {
            if (d.region() == null) {
                return new Failure("region", "region unknown");
            }
            String region = d.region().toUpperCase(Locale.ROOT);
            if (regionsExclude.contains(region)) {
                return new Failure("region", "region " + region + " is excluded");
            }
            if (!regionsInclude.isEmpty() && !regionsInclude.contains(region)) {
                return new Failure("region", "region " + region + " is not included");
            }
        }
        Failure app = range("app_version", "app version", d.appVersion(), appMin, appMax);
        if (app != null) {
            return app;
        }
        Failure runtime = range("runtime_version", "runtime", d.runtimeVersion(), runtimeMin, runtimeMax);
        if (runtime != null) {
            return runtime;
        }
        Failure platform = platform(d);
        if (platform != null) {
            return platform;
        }
        Failure model = deviceModel(d.deviceModel());
        if (model != null) {
            return model;
        }
        if (minRamMb != null && (d.ramMb() == null || d.ramMb() < minRamMb)) {
            return new Failure(
                    "ram_mb", "needs " + minRamMb + " MB RAM, has " + (d.ramMb() == null ? "unknown" : d.ramMb()));
        }
        return null;
    }

    private static Failure range(String rule, String label, SemVer has, SemVer min, SemVer max) {
        if (min == null && max == null) {
            return null;
        }
        if (has == null) {
            return new Failure(rule, label + " unknown");
        }
        if (min != null && has.isOlderThan(min) || max != null && has.isNewerThan(max)) {
            return new Failure(
                    rule,
                    label + " " + has + " outside " + (min == null ? "*" : min) + " .. " + (max == null ? "*" : max));
        }
        return null;
    }

    private Failure platform(DeviceAttributes d) {
        if (platforms.isEmpty()) {
            return null;
        }
        if (d.platform() == null) {
            return new Failure("platform", "platform unknown");
        }
        String platform = d.platform().toLowerCase(Locale.ROOT);
        for (CompiledPlatform p : platforms) {
            if (p.platform().equals(platform)) {
                return range("os_version", platform, d.osVersion(), p.minOs(), p.maxOs());
            }
        }
        return new Failure("platform", "platform " + platform + " is not targeted");
    }

    private Failure deviceModel(String model) {
        if (modelsAllow.isEmpty() && modelsDeny.isEmpty()) {
            return null;
        }
        if (model == null) {
            return new Failure("device_model", "device model unknown");
        }
        String m = model.toLowerCase(Locale.ROOT);
        if (matchesAny(m, modelsDeny)) {
            return new Failure("device_model", "device model " + model + " is denied");
        }
        if (!modelsAllow.isEmpty() && !matchesAny(m, modelsAllow)) {
            return new Failure("device_model", "device model " + model + " is not allowed");
        }
        return null;
    }

    private static boolean matchesAny(String model, List<String> patterns) {
        for (String p : patterns) {
            if (p.endsWith("*") ? model.startsWith(p.substring(0, p.length() - 1)) : model.equals(p)) {
                return true;
            }
        }
        return false;
    }

    private static SemVer version(String text) {
        return text == null ? null : SemVer.parseLenient(text);
    }

    private static Set<String> upper(List<String> values) {
        return Set.copyOf(values.stream().map(v -> v.toUpperCase(Locale.ROOT)).toList());
    }

    private static List<String> lower(List<String> values) {
        return values.stream().map(v -> v.toLowerCase(Locale.ROOT)).toList();
    }

    /** Basis points as a percentage, e.g. 550 → "5.5%". */
    public static String percent(int basisPoints) {
        return java.math.BigDecimal.valueOf(basisPoints, 2).stripTrailingZeros().toPlainString() + "%";
    }
}
