package dev.otter.rollout.rollout.api;

import java.util.List;

/** Replaces a rollout's stage plan (and guard and automatic advance, when given). */
public record StagesRequest(List<StageDto> stages, GuardDto guard, Boolean autoAdvance) {}
