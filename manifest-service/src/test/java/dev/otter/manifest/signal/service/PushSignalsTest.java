package dev.otter.manifest.signal.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.otter.contract.rollout.ActiveRollout;
import dev.otter.contract.rollout.ChannelState;
import dev.otter.contract.rollout.CohortRules;
import dev.otter.contract.rollout.FamilyRolloutState;
import dev.otter.contract.rollout.RolledBackRollout;
import dev.otter.contract.rollout.Variant;
import dev.otter.manifest.signal.SignalReason;
import dev.otter.manifest.signal.api.PushSignal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which rollout-state changes wake devices: rollbacks of rollouts and reverted release watches. */
class PushSignalsTest {
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    private static FamilyRolloutState state(long version, ChannelState channel) {
        return new FamilyRolloutState("fam", version, NOW, List.of(channel));
    }

    private static RolledBackRollout watch(String id) {
        return new RolledBackRollout(
                id, "2.0.0", List.of("2.1.0"), "crash rate 6%", NOW, RolledBackRollout.Kind.RELEASE_WATCH);
    }

    @Test
    void aRevertedReleaseWatchWakesTheDevicesOnItsVersion() {
        FamilyRolloutState before = state(1, new ChannelState("stable", "2.1.0", null, List.of()));
        FamilyRolloutState after = state(2, new ChannelState("stable", "2.0.0", null, List.of(watch("w-1"))));

        List<PushSignal> signals = PushSignals.ofRollout(before, after, NOW);

        assertThat(signals).hasSize(1);
        PushSignal s = signals.get(0);
        assertThat(s.id()).isEqualTo("rollback:w-1");
        assertThat(s.reason()).isEqualTo(SignalReason.ROLLBACK);
        assertThat(s.versions()).containsExactly("2.1.0");
        assertThat(s.rolloutId()).isNull();
        assertThat(s.message()).isEqualTo("release watch w-1 reverted 2.1.0: crash rate 6%; go back to 2.0.0");
        // the same state again (a republish) wakes nobody
        assertThat(PushSignals.ofRollout(after, state(3, after.channels().get(0)), NOW))
                .isEmpty();
    }

    @Test
    void aRolledBackRolloutStillWakesItsDevicesAsBefore() {
        ActiveRollout active = new ActiveRollout(
                "r-1",
                ActiveRollout.RUNNING,
                "salt",
                "2.0.0",
                1000,
                List.of(new Variant("target", "2.1.0", 1)),
                CohortRules.EVERYONE,
                List.of(),
                600);
        FamilyRolloutState before = state(1, new ChannelState("stable", "2.0.0", active, List.of()));
        RolledBackRollout r = new RolledBackRollout("r-1", "2.0.0", List.of("2.1.0"), "crash rate 5%", NOW);
        FamilyRolloutState after = state(2, new ChannelState("stable", "2.0.0", null, List.of(r)));

        List<PushSignal> signals = PushSignals.ofRollout(before, after, NOW);

        assertThat(signals).extracting(PushSignal::id).containsExactly("rollback:r-1");
        assertThat(signals.get(0).rolloutId()).isEqualTo("r-1");
        assertThat(signals.get(0).message()).isEqualTo("rollout r-1 was rolled back: crash rate 5%; go back to 2.0.0");
    }
}
