package dev.otter.contract.rollout;

import java.util.List;

/**
 * Who a rollout targets. Every non-empty rule must hold; empty lists and null values do not
 * restrict. Members of the named tester groups are always in the cohort (before any other rule or
 * the percentage), so staff get the target first.
 *
 * @param regionsInclude ISO 3166-1 alpha-2 codes; empty: every region
 * @param regionsExclude ISO codes never included
 * @param appVersion inclusive app version range
 * @param runtimeVersion inclusive runtime (engine) version range
 * @param platforms allowed platforms with OS ranges; empty: every platform
 * @param deviceModelsAllow device models (case-insensitive, trailing {@code *} for a prefix); empty: all
 * @param deviceModelsDeny device models never included; wins over allow
 * @param minRamMb minimum RAM in MB
 * @param testerGroups names of tester groups whose members are always included
 */
public record CohortRules(
        List<String> regionsInclude,
        List<String> regionsExclude,
        VersionRange appVersion,
        VersionRange runtimeVersion,
        List<PlatformRange> platforms,
        List<String> deviceModelsAllow,
        List<String> deviceModelsDeny,
        Integer minRamMb,
        List<String> testerGroups) {

    /** No restriction: the percentage alone decides. */
    public static final CohortRules EVERYONE =
            new CohortRules(List.of(), List.of(), null, null, List.of(), List.of(), List.of(), null, List.of());

    public CohortRules {
        regionsInclude = copy(regionsInclude);
        regionsExclude = copy(regionsExclude);
        platforms = copy(platforms);
        deviceModelsAllow = copy(deviceModelsAllow);
        deviceModelsDeny = copy(deviceModelsDeny);
        testerGroups = copy(testerGroups);
    }

    private static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }
}
