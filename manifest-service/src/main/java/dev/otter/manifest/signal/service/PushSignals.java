package dev.otter.manifest.signal.service;

import dev.otter.contract.rollout.ActiveRollout;
import dev.otter.contract.rollout.ChannelState;
import dev.otter.contract.rollout.FamilyRolloutState;
import dev.otter.contract.rollout.RolledBackRollout;
import dev.otter.contract.rollout.Variant;
import dev.otter.manifest.catalog.VersionStatus;
import dev.otter.manifest.catalog.snapshot.CatalogSnapshot;
import dev.otter.manifest.catalog.snapshot.FamilyCatalog;
import dev.otter.manifest.catalog.snapshot.VersionEntry;
import dev.otter.manifest.signal.SignalReason;
import dev.otter.manifest.signal.api.CheckNow;
import dev.otter.manifest.signal.api.PushSignal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The push-gateway signals a change calls for, one per rollout or version: a rollout rolled back or
 * paused, a version retired, an urgent version published. Pure: the same change gives every
 * instance the same signals with the same ids.
 */
public final class PushSignals {
    private PushSignals() {}

    /** Signals for a family's new rollout state; none for the first state an instance reads. */
    public static List<PushSignal> ofRollout(FamilyRolloutState before, FamilyRolloutState after, Instant now) {
        List<PushSignal> signals = new ArrayList<>();
        if (before == null) {
            return signals;
        }
        Map<String, ChannelState> old = byChannel(before);
        for (ChannelState channel : after.channels()) {
            ChannelState was = old.get(channel.channel());
            rolledBack(after, channel, was, now).ifPresent(signals::add);
            ActiveRollout wasActive = was == null ? null : was.active();
            if (wasActive != null
                    && channel.active() != null
                    && channel.active().id().equals(wasActive.id())
                    && ActiveRollout.RUNNING.equals(wasActive.status())
                    && ActiveRollout.PAUSED.equals(channel.active().status())) {
                signals.add(new PushSignal(
                        "paused:" + wasActive.id() + ":" + after.version(),
                        CheckNow.EVENT,
                        SignalReason.WITHDRAWN,
                        after.family(),
                        channel.channel(),
                        wasActive.id(),
                        wasActive.variants().stream()
                                .map(Variant::version)
                                .distinct()
                                .toList(),
                        "rollout " + wasActive.id() + " was paused: stop downloads that have not finished",
                        now));
            }
        }
        return signals;
    }

    /** Signals for a new catalog: versions retired, urgent versions published; none at the first load. */
    public static List<PushSignal> ofCatalog(CatalogSnapshot before, CatalogSnapshot after, Instant now) {
        List<PushSignal> signals = new ArrayList<>();
        if (!before.isLoaded()) {
            return signals;
        }
        for (FamilyCatalog family : after.families().values()) {
            FamilyCatalog was = before.family(family.name()).orElse(null);
            for (VersionEntry v : family.versionsNewestFirst()) {
                VersionEntry old = was == null ? null : was.find(v.version()).orElse(null);
                String version = v.version().toString();
                if (v.status() == VersionStatus.RETIRED && old != null && old.status() != VersionStatus.RETIRED) {
                    signals.add(new PushSignal(
                            "retired:" + family.name() + ":" + version,
                            CheckNow.EVENT,
                            SignalReason.RETIRED,
                            family.name(),
                            v.channel().wireName(),
                            null,
                            List.of(version),
                            "version " + version + " reached end of service",
                            now));
                } else if (v.urgent()
                        && v.status() == VersionStatus.PUBLISHED
                        && (old == null || old.status() != VersionStatus.PUBLISHED)) {
                    signals.add(new PushSignal(
                            "urgent:" + family.name() + ":" + version,
                            CheckNow.EVENT,
                            SignalReason.URGENT,
                            family.name(),
                            v.channel().wireName(),
                            null,
                            List.of(version),
                            v.urgentReason(),
                            now));
                }
            }
        }
        return signals;
    }

    // A rollback new in this state — a rollout rolled back, or a release watch that reverted the
    // channel's default (no rollout was active for it) — asks its devices to check now.
    private static Optional<PushSignal> rolledBack(
            FamilyRolloutState after, ChannelState channel, ChannelState was, Instant now) {
        Set<String> known = new HashSet<>();
        if (was != null) {
            was.rolledBack().forEach(r -> known.add(r.id()));
        }
        return channel.rolledBack().stream()
                .filter(r -> !known.contains(r.id()))
                .filter(r -> r.kind() == RolledBackRollout.Kind.RELEASE_WATCH
                        || (was != null
                                && was.active() != null
                                && was.active().id().equals(r.id())))
                .findFirst()
                .map(r -> new PushSignal(
                        "rollback:" + r.id(),
                        CheckNow.EVENT,
                        SignalReason.ROLLBACK,
                        after.family(),
                        channel.channel(),
                        r.kind() == RolledBackRollout.Kind.ROLLOUT ? r.id() : null,
                        r.versions(),
                        r.describe() + "; go back to " + r.baselineVersion(),
                        now));
    }

    private static Map<String, ChannelState> byChannel(FamilyRolloutState state) {
        Map<String, ChannelState> map = new HashMap<>();
        state.channels().forEach(c -> map.put(c.channel(), c));
        return map;
    }
}
