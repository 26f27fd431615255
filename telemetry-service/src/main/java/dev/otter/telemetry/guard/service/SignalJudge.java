package dev.otter.telemetry.guard.service;

import dev.otter.contract.rollout.GuardMode;
import dev.otter.contract.rollout.GuardSignal;
import dev.otter.contract.rollout.SignalGuard;
import dev.otter.contract.telemetry.Verdict;
import dev.otter.telemetry.guard.api.RolloutHealthView;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Judges every guard signal of one slice of devices (a variant, one of its segments, or the rest
 * without a segment) from its window totals and per-minute series against the baseline, with a
 * given boundary; the slice's verdict is its worst enforced signal's.
 */
final class SignalJudge {
    private final SequentialGuard sequential;
    private final double z;

    SignalJudge(SequentialGuard sequential, double z) {
        this.sequential = sequential;
        this.z = z;
    }

    /** Every signal as judged, and the one the verdict comes from (null: no enforced signal has data). */
    record Judged(List<RolloutHealthView.SignalHealth> signals, RolloutHealthView.SignalHealth decisive) {
        Verdict verdict() {
            return decisive == null ? Verdict.INSUFFICIENT_DATA : decisive.verdict();
        }

        /** The crash signal (always judged, first). */
        RolloutHealthView.SignalHealth crash() {
            return signals.get(GuardSignal.CRASH.ordinal());
        }
    }

    /** The boundary of {@code enforced} signals tested on each of {@code slices} slices at once. */
    double boundary(List<SignalGuard> signals, int slices) {
        int enforced = (int)
                signals.stream().filter(s -> s.mode() == GuardMode.ENFORCE).count();
        return sequential.boundary(Math.max(1, enforced) * Math.max(1, slices));
    }

    Judged judge(
            Map<String, Long> totals,
            WindowCounts.Series minutes,
            Map<String, Long> baselineTotals,
            List<SignalGuard> signals,
            int minSessions,
            double boundary) {
        List<RolloutHealthView.SignalHealth> judged = signals.stream()
                .map(s -> signal(s, totals, minutes, baselineTotals, boundary, minSessions))
                .toList();
        return new Judged(judged, decisive(signals, judged));
    }

    // The verdict is the worst enforced signal's; a signal other than the crash rate without enough
    // data yet (few devices switched or reported resources) does not hold it back.
    private static RolloutHealthView.SignalHealth decisive(
            List<SignalGuard> signals, List<RolloutHealthView.SignalHealth> judged) {
        RolloutHealthView.SignalHealth worst = null;
        for (int k = 0; k < signals.size(); k++) {
            RolloutHealthView.SignalHealth h = judged.get(k);
            boolean counts = signals.get(k).mode() == GuardMode.ENFORCE
                    && (signals.get(k).signal() == GuardSignal.CRASH || h.verdict() != Verdict.INSUFFICIENT_DATA);
            if (counts
                    && (worst == null || h.verdict().ordinal() < worst.verdict().ordinal())) {
                worst = h;
            }
        }
        return worst;
    }

    private RolloutHealthView.SignalHealth signal(
            SignalGuard guard,
            Map<String, Long> totals,
            WindowCounts.Series minutes,
            Map<String, Long> baselineTotals,
            double boundary,
            int minSessions) {
        GuardSignal signal = guard.signal();
        long events = totals.getOrDefault(signal.events(), 0L);
        long trials = signal.trials().stream()
                .mapToLong(m -> totals.getOrDefault(m, 0L))
                .sum();
        long baselineEvents = baselineTotals.getOrDefault(signal.events(), 0L);
        long baselineTrials = signal.trials().stream()
                .mapToLong(m -> baselineTotals.getOrDefault(m, 0L))
                .sum();
        GuardMath.Sequential sequentialFinding = GuardMath.sequential(
                sequential,
                boundary,
                minutes.sum(signal.trials()),
                minutes.sum(List.of(signal.events())),
                baselineTrials,
                baselineEvents,
                guard.threshold(),
                minSessions,
                guard.baselineMargin(),
                z);
        GuardMath.Judgement j = GuardMath.judge(
                signal,
                trials,
                events,
                baselineTrials,
                baselineEvents,
                guard.threshold(),
                minSessions,
                guard.baselineMargin(),
                z,
                sequentialFinding);
        GuardMath.Interval i = GuardMath.wilson(events, trials, z);
        return new RolloutHealthView.SignalHealth(
                signal.wireName(),
                guard.mode().name().toLowerCase(Locale.ROOT),
                events,
                trials,
                trials == 0 ? 0 : (double) events / trials,
                i.lower(),
                i.upper(),
                guard.threshold(),
                j.verdict(),
                j.reason(),
                new RolloutHealthView.Evidence(
                        j.finding().statistic(),
                        boundary,
                        j.reference(),
                        j.finding().events(),
                        j.finding().sessions(),
                        j.finding().minutes()));
    }
}
