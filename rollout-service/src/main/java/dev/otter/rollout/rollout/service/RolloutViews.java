package dev.otter.rollout.rollout.service;

import dev.otter.contract.rollout.GuardSettings;
import dev.otter.rollout.rollout.Stage;
import dev.otter.rollout.rollout.api.ChannelDefaultView;
import dev.otter.rollout.rollout.api.GuardDto;
import dev.otter.rollout.rollout.api.RolloutView;
import dev.otter.rollout.rollout.api.SignalDto;
import dev.otter.rollout.rollout.api.StageDto;
import dev.otter.rollout.rollout.api.StageView;
import dev.otter.rollout.rollout.api.TesterGroupView;
import dev.otter.rollout.rollout.repository.ChannelDefaultEntity;
import dev.otter.rollout.rollout.repository.RolloutEntity;
import dev.otter.rollout.rollout.repository.TesterGroupEntity;
import java.time.Duration;
import java.util.List;

/** Turns rollout-service entities into the records the API speaks. */
final class RolloutViews {
    private RolloutViews() {}

    static RolloutView rollout(RolloutEntity r) {
        return new RolloutView(
                r.id,
                r.family,
                r.channel.wireName(),
                r.name,
                r.description,
                r.status.name(),
                r.baselineVersion,
                r.variants,
                r.rules,
                r.stages.stream().map(RolloutViews::stage).toList(),
                currentStage(r),
                r.autoAdvance,
                Duration.ofSeconds(r.watchIntervalSeconds),
                RolloutDefinitions.percentage(r.percentageBasisPoints),
                guard(r.guard),
                List.copyOf(r.excludedSegments),
                r.salt,
                r.createdAt,
                r.createdBy,
                r.startedAt,
                r.endedAt,
                r.endReason,
                r.winner,
                r.revision);
    }

    private static StageView currentStage(RolloutEntity r) {
        if (r.stageStartedAt == null) {
            return null;
        }
        Stage s = r.stages.get(Math.min(r.currentStage, r.stages.size() - 1));
        return new StageView(
                r.currentStage,
                r.stages.size(),
                RolloutDefinitions.percentage(s.percentageBasisPoints()),
                Duration.ofSeconds(s.minBakeSeconds()),
                r.stageStartedAt,
                r.stageStartedAt.plusSeconds(s.minBakeSeconds()));
    }

    static StageDto stage(Stage s) {
        return new StageDto(
                RolloutDefinitions.percentage(s.percentageBasisPoints()), Duration.ofSeconds(s.minBakeSeconds()));
    }

    static GuardDto guard(GuardSettings g) {
        return new GuardDto(
                g.crashRateThreshold(),
                g.minSessions(),
                Duration.ofSeconds(g.windowSeconds()),
                g.baselineMargin(),
                g.signals().stream()
                        .map(s -> new SignalDto(
                                s.signal().wireName(),
                                s.threshold(),
                                s.baselineMargin(),
                                s.mode().name().toLowerCase(java.util.Locale.ROOT)))
                        .toList(),
                g.excludeSegments());
    }

    static TesterGroupView group(TesterGroupEntity g) {
        return new TesterGroupView(g.name, g.description, List.copyOf(g.installIds), g.updatedAt, g.updatedBy);
    }

    static ChannelDefaultView channelDefault(ChannelDefaultEntity d) {
        return new ChannelDefaultView(d.family, d.channel.wireName(), d.version, d.updatedAt, d.updatedBy);
    }
}
