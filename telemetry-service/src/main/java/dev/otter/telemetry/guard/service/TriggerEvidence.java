package dev.otter.telemetry.guard.service;

import dev.otter.contract.telemetry.GuardTrigger;
import dev.otter.contract.telemetry.Verdict;
import dev.otter.telemetry.guard.api.RolloutHealthView;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;

/** Builds a guard trigger and its evidence from the health view that decided it. */
final class TriggerEvidence {
    private TriggerEvidence() {}

    /** A segment to exclude, and the variant it was found in. */
    record Exclusion(RolloutHealthView.VariantHealth variant, RolloutHealthView.SegmentHealth segment) {}

    /**
     * The segment to exclude, if any: UNHEALTHY alone while the rest of its variant is HEALTHY; of
     * several, the one furthest past its boundary.
     */
    static Optional<Exclusion> exclusion(RolloutHealthView view) {
        return view.variants().stream()
                .flatMap(v -> v.segments().stream()
                        .filter(s -> s.verdict() == Verdict.UNHEALTHY && s.rest() == Verdict.HEALTHY)
                        .map(s -> new Exclusion(v, s)))
                .max(Comparator.comparingDouble(e -> e.segment().evidence().statistic()
                        / e.segment().evidence().boundary()));
    }

    /** A rollback (or revert) of {@code bad}, or — {@code segment} not null — the exclusion of that segment. */
    static GuardTrigger trigger(
            String triggerId,
            String rolloutId,
            String watchId,
            RolloutHealthView view,
            RolloutHealthView.VariantHealth bad,
            RolloutHealthView.SegmentHealth segment) {
        RolloutHealthView.Baseline b = view.baseline();
        RolloutHealthView.Evidence decided = segment != null ? segment.evidence() : bad.evidence();
        String reason = segment != null
                ? bad.variant() + " " + bad.version() + ": "
                        + segment.dimension().toLowerCase(java.util.Locale.ROOT) + " " + segment.value() + ": "
                        + segment.reason() + "; the rest is healthy"
                : bad.variant() + " " + bad.version() + ": " + bad.reason();
        return new GuardTrigger(
                triggerId,
                rolloutId,
                watchId,
                bad.variant(),
                bad.version(),
                reason,
                new GuardTrigger.Evidence(
                        segment != null ? segment.sessions() : bad.sessions(),
                        segment != null ? segment.crashes() : bad.crashes(),
                        bad.rate(),
                        bad.lowerBound(),
                        bad.upperBound(),
                        view.guard().crashRateThreshold(),
                        b.sessions(),
                        b.crashes(),
                        b.rate(),
                        view.guard().baselineMargin(),
                        view.windowSeconds(),
                        decided.statistic(),
                        decided.boundary(),
                        decided.testedAgainst(),
                        decided.trials(),
                        decided.events(),
                        decided.minutes(),
                        segment != null ? segment.decidedBy() : bad.decidedBy(),
                        bad.signals().stream().map(TriggerEvidence::signal).toList(),
                        bad.segments().stream().map(TriggerEvidence::segment).toList()),
                Instant.now(),
                segment == null ? null : new GuardTrigger.Segment(segment.dimension(), segment.value()));
    }

    private static GuardTrigger.SignalEvidence signal(RolloutHealthView.SignalHealth s) {
        return new GuardTrigger.SignalEvidence(
                s.signal(),
                s.mode(),
                s.verdict(),
                s.events(),
                s.trials(),
                s.threshold(),
                s.evidence().testedAgainst(),
                s.evidence().statistic(),
                s.evidence().boundary(),
                s.evidence().events(),
                s.evidence().trials(),
                s.evidence().minutes());
    }

    private static GuardTrigger.SegmentEvidence segment(RolloutHealthView.SegmentHealth s) {
        return new GuardTrigger.SegmentEvidence(
                s.dimension(),
                s.value(),
                s.verdict(),
                s.decidedBy(),
                s.crashes(),
                s.sessions(),
                s.evidence().statistic(),
                s.evidence().boundary(),
                s.rest());
    }
}
