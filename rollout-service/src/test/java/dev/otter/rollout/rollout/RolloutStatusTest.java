package dev.otter.rollout.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RolloutStatusTest {
    private static final Map<RolloutStatus, Set<RolloutStatus>> DOCUMENTED = Map.of(
            RolloutStatus.DRAFT, EnumSet.of(RolloutStatus.RUNNING),
            RolloutStatus.RUNNING, EnumSet.of(RolloutStatus.PAUSED, RolloutStatus.COMPLETED, RolloutStatus.ROLLED_BACK),
            RolloutStatus.PAUSED, EnumSet.of(RolloutStatus.RUNNING, RolloutStatus.COMPLETED, RolloutStatus.ROLLED_BACK),
            RolloutStatus.COMPLETED, EnumSet.noneOf(RolloutStatus.class),
            RolloutStatus.ROLLED_BACK, EnumSet.noneOf(RolloutStatus.class));

    @Test
    void everyPairIsLegalExactlyWhenTheTableSaysSo() {
        int legal = 0;
        for (RolloutStatus from : RolloutStatus.values()) {
            for (RolloutStatus to : RolloutStatus.values()) {
                boolean expected = DOCUMENTED.get(from).contains(to);
                assertThat(from.canMoveTo(to)).as(from + " -> " + to).isEqualTo(expected);
                legal += expected ? 1 : 0;
            }
        }
        assertThat(legal).isEqualTo(7);
    }

    @Test
    void activeAndEditableStatuses() {
        assertThat(EnumSet.allOf(RolloutStatus.class).stream().filter(RolloutStatus::isActive))
                .containsExactlyInAnyOrder(RolloutStatus.RUNNING, RolloutStatus.PAUSED);
        assertThat(EnumSet.allOf(RolloutStatus.class).stream().filter(RolloutStatus::isEditable))
                .containsExactlyInAnyOrder(RolloutStatus.DRAFT, RolloutStatus.RUNNING, RolloutStatus.PAUSED);
    }
}
