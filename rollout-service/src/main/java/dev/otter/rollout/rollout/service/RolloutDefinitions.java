package dev.otter.rollout.rollout.service;

import dev.otter.contract.Channel;
import dev.otter.contract.Identifiers;
import dev.otter.contract.rollout.ActiveRollout;
import dev.otter.contract.rollout.CohortRules;
import dev.otter.contract.rollout.GuardMode;
import dev.otter.contract.rollout.GuardSettings;
import dev.otter.contract.rollout.GuardSignal;
import dev.otter.contract.rollout.PlatformRange;
import dev.otter.contract.rollout.SignalGuard;
import dev.otter.contract.rollout.Variant;
import dev.otter.contract.rollout.VersionRange;
import dev.otter.contract.version.InvalidVersionException;
import dev.otter.contract.version.SemVer;
import dev.otter.rollout.rollout.Stage;
import dev.otter.rollout.rollout.api.CreateRolloutRequest;
import dev.otter.rollout.rollout.api.GuardDto;
import dev.otter.rollout.rollout.api.SignalDto;
import dev.otter.rollout.rollout.api.StageDto;
import dev.otter.support.error.ApiException;
import dev.otter.support.error.CommonError;
import dev.otter.support.error.FieldErrors;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Validates and normalises what operators send (rollouts, rules, stages, guards) into what is
 * stored; every problem is reported at once with its field, as a 400.
 */
public final class RolloutDefinitions {
    private static final Pattern NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$");
    private static final Set<String> REGIONS = Set.of(Locale.getISOCountries());
    private static final Duration MAX_BAKE = Duration.ofDays(30);
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** The default plan: 1 % → 5 % → 25 % → 100 %, an hour of bake each. */
    public static final List<Stage> DEFAULT_STAGES =
            List.of(new Stage(100, 3600), new Stage(500, 3600), new Stage(2_500, 3600), new Stage(10_000, 3600));

    private RolloutDefinitions() {}

    /** A validated new rollout. */
    public record Definition(
            String family,
            Channel channel,
            String name,
            String description,
            String baselineVersion,
            List<Variant> variants,
            CohortRules rules,
            List<Stage> stages,
            GuardSettings guard,
            boolean autoAdvance,
            Duration watchInterval) {}

    public static Definition definition(CreateRolloutRequest r) {
        if (r == null) {
            throw new ApiException(CommonError.VALIDATION_FAILED, "request body is required");
        }
        FieldErrors errors = new FieldErrors();
        if (!Identifiers.isFamily(r.family())) {
            errors.add("family", Identifiers.FAMILY_MESSAGE);
        }
        Channel channel = null;
        try {
            channel = Channel.parse(r.channel() == null ? "stable" : r.channel());
        } catch (IllegalArgumentException e) {
            errors.add("channel", Identifiers.CHANNEL_MESSAGE);
        }
        if (r.name() == null || r.name().isBlank() || r.name().length() > 200) {
            errors.add("name", "must be 1-200 characters");
        }
        if (r.description() != null && r.description().length() > 4000) {
            errors.add("description", "must be at most 4000 characters");
        }
        String baseline = strictVersion(r.baselineVersion(), "baseline_version", errors);
        List<Variant> variants = variants(r, baseline, errors);
        CohortRules rules = rules(r.rules(), "rules", errors);
        List<Stage> stages = r.stages() == null ? DEFAULT_STAGES : stages(r.stages(), errors);
        GuardSettings guard = guard(r.guard(), errors);
        Duration watch = watchInterval(r.watchInterval(), errors);
        errors.throwIfAny();
        return new Definition(
                r.family(),
                channel,
                r.name().strip(),
                r.description(),
                baseline,
                variants,
                rules,
                stages,
                guard,
                Boolean.TRUE.equals(r.autoAdvance()),
                watch);
    }

    private static Duration watchInterval(Duration requested, FieldErrors errors) {
        if (requested == null) {
            return ActiveRollout.DEFAULT_WATCH_INTERVAL;
        }
        if (requested.compareTo(ActiveRollout.MIN_WATCH_INTERVAL) < 0
                || requested.compareTo(ActiveRollout.MAX_WATCH_INTERVAL) > 0
                || requested.toNanosPart() != 0) {
            errors.add(
                    "watch_interval",
                    "must be whole seconds between " + ActiveRollout.MIN_WATCH_INTERVAL + " and "
                            + ActiveRollout.MAX_WATCH_INTERVAL
                            + " (a rollback must reach polling devices within 5 minutes)");
        }
        return requested;
    }

    private static List<Variant> variants(CreateRolloutRequest r, String baseline, FieldErrors errors) {
        boolean hasTarget = r.targetVersion() != null;
        boolean hasVariants = r.variants() != null && !r.variants().isEmpty();
        if (hasTarget == hasVariants) {
            errors.add("target_version", "give either target_version or variants (for A/B), not both and not neither");
            return List.of();
        }
        if (hasTarget) {
            String target = strictVersion(r.targetVersion(), "target_version", errors);
            if (target != null && target.equals(baseline)) {
                errors.add("target_version", "must differ from baseline_version");
            }
            return List.of(new Variant("target", target, 100));
        }
        List<Variant> variants = r.variants();
        if (variants.size() > 10) {
            errors.add("variants", "at most 10 variants");
        }
        Set<String> names = new HashSet<>();
        boolean anyNew = false;
        List<Variant> normalised = new ArrayList<>();
        for (int i = 0; i < variants.size(); i++) {
            Variant v = variants.get(i);
            String at = "variants[" + i + "]";
            if (v == null) {
                errors.add(at, "must not be null");
                continue;
            }
            if (v.name() == null || !NAME.matcher(v.name()).matches()) {
                errors.add(at + ".name", "must be 1-32 letters, digits, dashes or underscores");
            } else if (!names.add(v.name())) {
                errors.add(at + ".name", "used twice: " + v.name());
            }
            String version = strictVersion(v.version(), at + ".version", errors);
            anyNew |= version != null && !version.equals(baseline);
            if (v.weight() < 1 || v.weight() > 10_000) {
                errors.add(at + ".weight", "must be 1-10000");
            }
            normalised.add(new Variant(v.name(), version, v.weight()));
        }
        if (!anyNew && baseline != null) {
            errors.add("variants", "at least one variant must differ from baseline_version");
        }
        return normalised;
    }

    /** Validated, normalised cohort rules (null means everyone). */
    public static CohortRules rules(CohortRules r, String field) {
        FieldErrors errors = new FieldErrors();
        CohortRules rules = rules(r, field, errors);
        errors.throwIfAny();
        return rules;
    }

    private static CohortRules rules(CohortRules r, String field, FieldErrors errors) {
        if (r == null) {
            return CohortRules.EVERYONE;
        }
        List<String> include = regions(r.regionsInclude(), field + ".regions_include", errors);
        List<String> exclude = regions(r.regionsExclude(), field + ".regions_exclude", errors);
        VersionRange app = range(r.appVersion(), field + ".app_version", errors);
        VersionRange runtime = range(r.runtimeVersion(), field + ".runtime_version", errors);
        List<PlatformRange> platforms = new ArrayList<>();
        Set<String> seenPlatforms = new HashSet<>();
        for (int i = 0; i < r.platforms().size(); i++) {
            PlatformRange p = r.platforms().get(i);
            String at = field + ".platforms[" + i + "]";
            String platform =
                    p == null || p.platform() == null ? null : p.platform().toLowerCase(Locale.ROOT);
            if (platform == null
                    || !Identifiers.PLATFORM_PATTERN.matcher(platform).matches()) {
                errors.add(at + ".platform", Identifiers.PLATFORM_MESSAGE);
                continue;
            }
            if (!seenPlatforms.add(platform)) {
                errors.add(at + ".platform", "listed twice: " + platform);
            }
            VersionRange os = range(new VersionRange(p.minOs(), p.maxOs()), at, errors);
            platforms.add(new PlatformRange(platform, os == null ? null : os.min(), os == null ? null : os.max()));
        }
        List<String> allow = models(r.deviceModelsAllow(), field + ".device_models_allow", errors);
        List<String> deny = models(r.deviceModelsDeny(), field + ".device_models_deny", errors);
        if (r.minRamMb() != null && (r.minRamMb() < 0 || r.minRamMb() > 1_048_576)) {
            errors.add(field + ".min_ram_mb", "must be 0-1048576");
        }
        for (int i = 0; i < r.testerGroups().size(); i++) {
            String g = r.testerGroups().get(i);
            if (g == null || !Identifiers.GROUP_PATTERN.matcher(g).matches()) {
                errors.add(
                        field + ".tester_groups[" + i + "]",
                        "must be a tester group name: " + Identifiers.GROUP_MESSAGE);
            }
        }
        return new CohortRules(include, exclude, app, runtime, platforms, allow, deny, r.minRamMb(), r.testerGroups());
    }

    private static List<String> regions(List<String> regions, String field, FieldErrors errors) {
        List<String> upper = new ArrayList<>();
        for (int i = 0; i < regions.size(); i++) {
            String region = regions.get(i) == null ? "" : regions.get(i).strip().toUpperCase(Locale.ROOT);
            if (!REGIONS.contains(region)) {
                errors.add(field + "[" + i + "]", "must be an ISO 3166-1 alpha-2 code, e.g. DE");
            }
            upper.add(region);
        }
        return upper;
    }

    private static VersionRange range(VersionRange range, String field, FieldErrors errors) {
        if (range == null || range.min() == null && range.max() == null) {
            return null;
        }
        SemVer min = lenient(range.min(), field + ".min", errors);
        SemVer max = lenient(range.max(), field + ".max", errors);
        if (min != null && max != null && max.isOlderThan(min)) {
            errors.add(field + ".max", "must not be older than min " + min);
        }
        return new VersionRange(min == null ? null : min.toString(), max == null ? null : max.toString());
    }

    private static List<String> models(List<String> models, String field, FieldErrors errors) {
        for (int i = 0; i < models.size(); i++) {
            String m = models.get(i);
            if (m == null || m.isBlank() || m.length() > 128) {
                errors.add(field + "[" + i + "]", "must be 1-128 characters");
            }
        }
        if (models.size() > 1_000) {
            errors.add(field, "at most 1000 device models");
        }
        return models;
    }

    /** A validated stage plan. */
    public static List<Stage> stages(List<StageDto> stages) {
        FieldErrors errors = new FieldErrors();
        List<Stage> plan = stages(stages, errors);
        errors.throwIfAny();
        return plan;
    }

    private static List<Stage> stages(List<StageDto> stages, FieldErrors errors) {
        if (stages.isEmpty() || stages.size() > 20) {
            errors.add("stages", "must have 1-20 stages");
            return List.of();
        }
        List<Stage> plan = new ArrayList<>();
        int previous = 0;
        for (int i = 0; i < stages.size(); i++) {
            StageDto s = stages.get(i);
            String at = "stages[" + i + "]";
            if (s == null || s.percentage() == null) {
                errors.add(at + ".percentage", "is required");
                continue;
            }
            Integer bp = basisPoints(s.percentage(), at + ".percentage", errors);
            if (bp != null && bp == 0) {
                errors.add(at + ".percentage", "must be greater than 0");
            } else if (bp != null && bp <= previous) {
                errors.add(at + ".percentage", "must be larger than the previous stage's");
            }
            Duration bake = s.minBake() == null ? Duration.ZERO : s.minBake();
            if (bake.isNegative() || bake.compareTo(MAX_BAKE) > 0) {
                errors.add(at + ".min_bake", "must be between PT0S and P30D");
            }
            if (bp != null) {
                previous = bp;
                plan.add(new Stage(bp, bake.toSeconds()));
            }
        }
        return plan;
    }

    /** A validated guard, defaults filled in. */
    public static GuardSettings guard(GuardDto g) {
        FieldErrors errors = new FieldErrors();
        GuardSettings guard = guard(g, errors);
        errors.throwIfAny();
        return guard;
    }

    private static GuardSettings guard(GuardDto g, FieldErrors errors) {
        if (g == null) {
            return GuardSettings.DEFAULT;
        }
        double threshold =
                g.crashRateThreshold() == null ? GuardSettings.DEFAULT.crashRateThreshold() : g.crashRateThreshold();
        int minSessions = g.minSessions() == null ? GuardSettings.DEFAULT.minSessions() : g.minSessions();
        long window = g.window() == null
                ? GuardSettings.DEFAULT.windowSeconds()
                : g.window().toSeconds();
        double margin = g.baselineMargin() == null ? GuardSettings.DEFAULT.baselineMargin() : g.baselineMargin();
        if (!(threshold > 0 && threshold <= 1)) {
            errors.add("guard.crash_rate_threshold", "must be in (0, 1]");
        }
        if (minSessions < 1 || minSessions > 100_000_000) {
            errors.add("guard.min_sessions", "must be 1-100000000");
        }
        if (window < 60 || window > Duration.ofDays(7).toSeconds()) {
            errors.add("guard.window", "must be between PT1M and P7D");
        }
        if (!(margin >= 0 && margin <= 1)) {
            errors.add("guard.baseline_margin", "must be in [0, 1]");
        }
        return new GuardSettings(
                threshold,
                minSessions,
                window,
                margin,
                signals(g.signals(), errors),
                Boolean.TRUE.equals(g.excludeSegments()));
    }

    private static List<SignalGuard> signals(List<SignalDto> given, FieldErrors errors) {
        if (given == null) {
            return null;
        }
        List<SignalGuard> signals = new ArrayList<>();
        Set<GuardSignal> seen = EnumSet.noneOf(GuardSignal.class);
        for (int i = 0; i < given.size(); i++) {
            String field = "guard.signals[" + i + "]";
            SignalDto d = given.get(i);
            GuardSignal signal = d == null ? null : GuardSignal.fromWire(d.signal());
            if (signal == null) {
                errors.add(
                        field + ".signal",
                        "must be one of "
                                + Arrays.stream(GuardSignal.values())
                                        .map(GuardSignal::wireName)
                                        .collect(Collectors.joining(", ")));
                continue;
            }
            if (!seen.add(signal)) {
                errors.add(field + ".signal", signal.wireName() + " is listed twice");
            }
            SignalGuard byDefault = signal.byDefault();
            double threshold = d.threshold() == null ? byDefault.threshold() : d.threshold();
            double margin = d.baselineMargin() == null ? byDefault.baselineMargin() : d.baselineMargin();
            GuardMode mode = d.mode() == null ? byDefault.mode() : mode(d.mode());
            if (!(threshold > 0 && threshold < 1)) {
                errors.add(field + ".threshold", "must be in (0, 1)");
            }
            if (!(margin >= 0 && margin <= 1)) {
                errors.add(field + ".baseline_margin", "must be in [0, 1]");
            }
            if (mode == null) {
                errors.add(field + ".mode", "must be enforce or observe");
                continue;
            }
            signals.add(new SignalGuard(signal, threshold, margin, mode));
        }
        return signals;
    }

    private static GuardMode mode(String wire) {
        return switch (wire) {
            case "enforce" -> GuardMode.ENFORCE;
            case "observe" -> GuardMode.OBSERVE;
            default -> null;
        };
    }

    /** A percentage (0-100, at most two decimals) as basis points, or a 400. */
    public static int basisPoints(BigDecimal percentage, String field) {
        FieldErrors errors = new FieldErrors();
        Integer bp = basisPoints(percentage, field, errors);
        errors.throwIfAny();
        return bp;
    }

    private static Integer basisPoints(BigDecimal percentage, String field, FieldErrors errors) {
        if (percentage == null) {
            errors.add(field, "is required");
            return null;
        }
        if (percentage.signum() < 0
                || percentage.compareTo(HUNDRED) > 0
                || percentage.stripTrailingZeros().scale() > 2) {
            errors.add(field, "must be 0-100 with at most two decimals (0.01 % steps)");
            return null;
        }
        return percentage.movePointRight(2).intValue();
    }

    /** Basis points as a percentage. */
    public static BigDecimal percentage(int basisPoints) {
        BigDecimal p = BigDecimal.valueOf(basisPoints, 2).stripTrailingZeros();
        return p.scale() < 0 ? p.setScale(0) : p; // 10, not 1E+1
    }

    private static String strictVersion(String text, String field, FieldErrors errors) {
        if (text == null) {
            errors.add(field, "is required");
            return null;
        }
        try {
            return SemVer.parse(text).toString();
        } catch (InvalidVersionException e) {
            errors.add(field, e.getMessage());
            return null;
        }
    }

    /** A version as devices send it ("v1.2" too); null when absent, a field error when unreadable. */
    static SemVer lenient(String text, String field, FieldErrors errors) {
        if (text == null) {
            return null;
        }
        try {
            return SemVer.parseLenient(text);
        } catch (InvalidVersionException e) {
            errors.add(field, e.getMessage());
            return null;
        }
    }
}
