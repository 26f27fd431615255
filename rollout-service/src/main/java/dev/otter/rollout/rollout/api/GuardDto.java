package dev.otter.rollout.rollout.api;

import java.time.Duration;
import java.util.List;

/**
 * When telemetry rolls the rollout back by itself (defaults in brackets): crash rate threshold
 * [0.02], minimum sessions [500], window [PT30M], margin over the baseline's rate [0.01], and the
 * signals judged besides or instead of the defaults [every signal, crash and load and verify
 * failures enforced, the others observed]; in answers, every signal as it is judged; and whether a
 * breach confined to one region, the rest clearly healthy, excludes that region instead of rolling
 * everything back [false].
 */
public record GuardDto(
        Double crashRateThreshold,
        Integer minSessions,
        Duration window,
        Double baselineMargin,
        List<SignalDto> signals,
        Boolean excludeSegments) {}
