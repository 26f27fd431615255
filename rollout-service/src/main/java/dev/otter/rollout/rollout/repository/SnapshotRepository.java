package dev.otter.rollout.rollout.repository;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.otter.contract.Channel;
import dev.otter.contract.rollout.ActiveRollout;
import dev.otter.contract.rollout.ChannelState;
import dev.otter.contract.rollout.CohortRules;
import dev.otter.contract.rollout.ExcludedSegment;
import dev.otter.contract.rollout.FamilyRolloutState;
import dev.otter.contract.rollout.GuardSettings;
import dev.otter.contract.rollout.ReleaseWatch;
import dev.otter.contract.rollout.RolledBackRollout;
import dev.otter.contract.rollout.RolloutGuard;
import dev.otter.contract.rollout.SegmentDimension;
import dev.otter.contract.rollout.Variant;
import dev.otter.rollout.config.RolloutConfig;
import dev.otter.rollout.rollout.WatchStatus;
import dev.otter.support.persistence.StoredJson;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds a family's compiled rollout state in one repeatable-read transaction. The snapshot version
 * is taken from a sequence as the transaction's first statement, so a snapshot with a higher
 * version always reflects at least as recent a state.
 */
@ApplicationScoped
public class SnapshotRepository {
    private final Pool pool;
    private final int rolledBackKept;

    public SnapshotRepository(Pool pool, RolloutConfig config) {
        this.pool = pool;
        this.rolledBackKept = config.snapshot().rolledBackKept();
    }

    /** Every family that has rollouts or channel defaults. */
    public Uni<List<String>> families() {
        return pool.query("SELECT family FROM rollout UNION SELECT family FROM channel_default ORDER BY 1")
                .execute()
                .map(rows -> {
                    List<String> families = new ArrayList<>();
                    rows.forEach(r -> families.add(r.getString(0)));
                    return families;
                });
    }

    public Uni<SnapshotBundle> build(String family) {
        // Not READ ONLY: nextval() writes the sequence.
        return pool.withTransaction(conn -> conn.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                .execute()
                .chain(() ->
                        conn.query("SELECT nextval('snapshot_version_seq')").execute())
                .map(rows -> rows.iterator().next().getLong(0))
                .chain(version -> read(conn, family, version)));
    }

    private Uni<SnapshotBundle> read(SqlConnection conn, String family, long version) {
        Map<Channel, String> defaults = new EnumMap<>(Channel.class);
        List<RolloutGuard> guards = new ArrayList<>();
        List<String> inactive = new ArrayList<>();
        List<ReleaseWatch> watches = new ArrayList<>();
        List<String> closedWatches = new ArrayList<>();
        Map<Channel, ActiveRollout> active = new EnumMap<>(Channel.class);
        Map<Channel, List<RolledBackRollout>> rolledBack = new EnumMap<>(Channel.class);
        Map<Channel, List<String>> testerGroups = new EnumMap<>(Channel.class);
        return conn.preparedQuery("SELECT channel, version FROM channel_default WHERE family = $1")
                .execute(Tuple.of(family))
                .invoke(rows -> rows.forEach(r -> defaults.put(Channel.valueOf(r.getString(0)), r.getString(1))))
                .chain(() -> conn.preparedQuery(
                                "SELECT id, channel, status, salt, baseline_version, variants, rules::text, percentage_bp,"
                                        + " watch_interval_seconds, end_reason, ended_at, excluded_segments FROM rollout"
                                        + " WHERE family = $1"
                                        + " AND status IN ('RUNNING', 'PAUSED', 'ROLLED_BACK') ORDER BY ended_at DESC NULLS FIRST")
                        .execute(Tuple.of(family)))
                .invoke(rows -> rows.forEach(r -> collect(r, active, rolledBack, testerGroups)))
                .chain(() -> conn.preparedQuery(
                                "SELECT id, family, channel, status, baseline_version, variants, guard::text,"
                                        + " excluded_segments FROM rollout"
                                        + " WHERE family = $1")
                        .execute(Tuple.of(family)))
                .invoke(rows -> rows.forEach(r -> guard(r, guards, inactive)))
                .chain(() -> conn.preparedQuery(
                                "SELECT id, channel, version, previous_version, cause, status, guard::text, started_at,"
                                        + " ends_at, end_reason, ended_at FROM release_watch WHERE family = $1")
                        .execute(Tuple.of(family)))
                .invoke(rows -> rows.forEach(r -> watch(family, r, watches, closedWatches, rolledBack)))
                .chain(() -> testers(conn, testerGroups))
                .map(testers -> new SnapshotBundle(
                        assemble(family, version, defaults, active, newestFirst(rolledBack), testerGroups, testers),
                        guards,
                        inactive,
                        watches,
                        closedWatches));
    }

    private static void guard(Row r, List<RolloutGuard> guards, List<String> inactive) {
        String status = r.getString("status");
        if (!"RUNNING".equals(status) && !"PAUSED".equals(status)) {
            inactive.add(r.getString("id"));
            return;
        }
        GuardSettings g = StoredJson.read(r.getString("guard"), GuardSettings.class);
        guards.add(new RolloutGuard(
                r.getString("id"),
                family(r),
                Channel.valueOf(r.getString("channel")).wireName(),
                status,
                r.getString("baseline_version"),
                StoredJson.read(r.getString("variants"), new TypeReference<List<Variant>>() {}),
                g.crashRateThreshold(),
                g.minSessions(),
                g.windowSeconds(),
                g.baselineMargin(),
                g.signals(),
                g.excludeSegments(),
                regions(excluded(r)),
                excluded(r)));
    }

    // The excluded regions again, for telemetry from before other dimensions could be excluded.
    private static List<String> regions(List<ExcludedSegment> excluded) {
        return excluded.stream()
                .filter(x -> x.dimension() == SegmentDimension.REGION)
                .map(ExcludedSegment::value)
                .toList();
    }

    // An open watch is published for telemetry; a reverted one sends devices on its version back,
    // like a rolled-back rollout; every closed one's published copy must go.
    private static void watch(
            String family,
            Row r,
            List<ReleaseWatch> watches,
            List<String> closed,
            Map<Channel, List<RolledBackRollout>> rolledBack) {
        Channel channel = Channel.valueOf(r.getString("channel"));
        String status = r.getString("status");
        if (WatchStatus.WATCHING.name().equals(status)) {
            watches.add(new ReleaseWatch(
                    r.getString("id"),
                    family,
                    channel.wireName(),
                    r.getString("version"),
                    r.getString("previous_version"),
                    ReleaseWatch.Cause.valueOf(r.getString("cause")),
                    r.getOffsetDateTime("started_at").toInstant(),
                    r.getOffsetDateTime("ends_at").toInstant(),
                    StoredJson.read(r.getString("guard"), GuardSettings.class)));
            return;
        }
        closed.add(r.getString("id"));
        if (WatchStatus.REVERTED.name().equals(status)) {
            rolledBack
                    .computeIfAbsent(channel, c -> new ArrayList<>())
                    .add(new RolledBackRollout(
                            r.getString("id"),
                            r.getString("previous_version"),
                            List.of(r.getString("version")),
                            r.getString("end_reason"),
                            r.getOffsetDateTime("ended_at").toInstant(),
                            RolledBackRollout.Kind.RELEASE_WATCH));
        }
    }

    // Rollouts and reverted watches together, newest first, as many as a snapshot keeps.
    private Map<Channel, List<RolledBackRollout>> newestFirst(Map<Channel, List<RolledBackRollout>> rolledBack) {
        Map<Channel, List<RolledBackRollout>> kept = new EnumMap<>(Channel.class);
        rolledBack.forEach((channel, list) -> kept.put(
                channel,
                list.stream()
                        .sorted(Comparator.comparing(RolledBackRollout::rolledBackAt)
                                .reversed())
                        .limit(rolledBackKept)
                        .toList()));
        return kept;
    }

    private static List<ExcludedSegment> excluded(Row r) {
        return StoredJson.read(r.getString("excluded_segments"), new TypeReference<List<ExcludedSegment>>() {});
    }

    private static String family(Row r) {
        return r.getString("family");
    }

    private void collect(
            Row r,
            Map<Channel, ActiveRollout> active,
            Map<Channel, List<RolledBackRollout>> rolledBack,
            Map<Channel, List<String>> testerGroups) {
        Channel channel = Channel.valueOf(r.getString("channel"));
        List<Variant> variants = StoredJson.read(r.getString("variants"), new TypeReference<List<Variant>>() {});
        if ("ROLLED_BACK".equals(r.getString("status"))) {
            List<RolledBackRollout> list = rolledBack.computeIfAbsent(channel, c -> new ArrayList<>());
            if (list.size() < rolledBackKept) { // the rest are older: the query is newest first
                list.add(new RolledBackRollout(
                        r.getString("id"),
                        r.getString("baseline_version"),
                        variants.stream().map(Variant::version).toList(),
                        r.getString("end_reason"),
                        r.getOffsetDateTime("ended_at").toInstant()));
            }
            return;
        }
        CohortRules rules = StoredJson.read(r.getString("rules"), CohortRules.class);
        testerGroups.put(channel, rules.testerGroups());
        active.put(
                channel,
                new ActiveRollout(
                        r.getString("id"),
                        r.getString("status"),
                        r.getString("salt"),
                        r.getString("baseline_version"),
                        r.getInteger("percentage_bp"),
                        variants,
                        rules,
                        List.of(),
                        r.getInteger("watch_interval_seconds"),
                        excluded(r)));
    }

    private static Uni<Map<String, List<String>>> testers(SqlConnection conn, Map<Channel, List<String>> testerGroups) {
        Set<String> names = new LinkedHashSet<>();
        testerGroups.values().forEach(names::addAll);
        if (names.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return conn.preparedQuery("SELECT name, install_ids FROM tester_group WHERE name = ANY($1)")
                .execute(Tuple.of(names.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, List<String>> members = new java.util.HashMap<>();
                    rows.forEach(r -> members.put(
                            r.getString(0), StoredJson.read(r.getString(1), new TypeReference<List<String>>() {})));
                    return members;
                });
    }

    private static FamilyRolloutState assemble(
            String family,
            long version,
            Map<Channel, String> defaults,
            Map<Channel, ActiveRollout> active,
            Map<Channel, List<RolledBackRollout>> rolledBack,
            Map<Channel, List<String>> testerGroups,
            Map<String, List<String>> testers) {
        List<ChannelState> channels = new ArrayList<>();
        for (Channel channel : Channel.values()) {
            ActiveRollout a = active.get(channel);
            if (a != null) {
                Set<String> ids = new LinkedHashSet<>();
                testerGroups
                        .getOrDefault(channel, List.of())
                        .forEach(g -> ids.addAll(testers.getOrDefault(g, List.of())));
                a = new ActiveRollout(
                        a.id(),
                        a.status(),
                        a.salt(),
                        a.baselineVersion(),
                        a.percentageBasisPoints(),
                        a.variants(),
                        a.rules(),
                        List.copyOf(ids),
                        a.watchIntervalSeconds(),
                        a.excludedSegments());
            }
            if (defaults.containsKey(channel) || a != null || rolledBack.containsKey(channel)) {
                channels.add(new ChannelState(
                        channel.wireName(), defaults.get(channel), a, rolledBack.getOrDefault(channel, List.of())));
            }
        }
        return new FamilyRolloutState(family, version, Instant.now(), channels);
    }
}
