package dev.otter.manifest.signal.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.otter.manifest.signal.SignalReason;
import dev.otter.manifest.update.api.Action;
import dev.otter.manifest.update.api.Reason;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which changes of a device's outcome wake it, and how the cursor moves. */
class DeviceOutcomesTest {
    private static final Outcome ON_TARGET = new Outcome(Action.NO_UPDATE, Reason.AHEAD_OF_TARGET, "2.1.0", false);
    private static final Outcome OFFERED = new Outcome(Action.UPDATE, Reason.NEWER_VERSION, "2.1.0", false);
    private static final Outcome UP_TO_DATE = new Outcome(Action.NO_UPDATE, Reason.UP_TO_DATE, "2.0.0", false);
    private static final Outcome ROLLED_BACK = new Outcome(Action.ROLLBACK, Reason.ROLLOUT_ROLLED_BACK, "2.0.0", false);

    @Test
    void aRollbackOfTheInstalledVersionIsTheMostPressingReason() {
        var signal = DeviceOutcomes.signal(
                outcomes("a", ON_TARGET, "b", OFFERED), outcomes("a", ROLLED_BACK, "b", UP_TO_DATE));
        assertThat(signal).hasValueSatisfying(s -> {
            assertThat(s.reason()).isEqualTo(SignalReason.ROLLBACK);
            assertThat(s.families()).containsExactly("a", "b");
        });
    }

    @Test
    void aWithdrawnOfferRetirementAndUrgentReleaseWakeTheDevice() {
        assertThat(DeviceOutcomes.signal(outcomes("a", OFFERED), outcomes("a", UP_TO_DATE)))
                .hasValueSatisfying(s -> assertThat(s.reason()).isEqualTo(SignalReason.WITHDRAWN));
        Outcome retired = new Outcome(Action.UNINSTALL, Reason.RETIRED, "-", false);
        assertThat(DeviceOutcomes.signal(outcomes("a", UP_TO_DATE), outcomes("a", retired)))
                .hasValueSatisfying(s -> assertThat(s.reason()).isEqualTo(SignalReason.RETIRED));
        Outcome urgent = new Outcome(Action.UPDATE, Reason.NEWER_VERSION, "2.2.0", true);
        assertThat(DeviceOutcomes.signal(outcomes("a", UP_TO_DATE), outcomes("a", urgent)))
                .hasValueSatisfying(s -> assertThat(s.reason()).isEqualTo(SignalReason.URGENT));
    }

    @Test
    void anOrdinaryNewOfferOrNoChangeWaitsForTheNextCheck() {
        assertThat(DeviceOutcomes.signal(outcomes("a", UP_TO_DATE), outcomes("a", OFFERED)))
                .isEmpty();
        assertThat(DeviceOutcomes.signal(outcomes("a", ROLLED_BACK), outcomes("a", ROLLED_BACK)))
                .isEmpty();
    }

    @Test
    void theCursorFollowsTheVersionsToEndUpOnNotTheDevicesOwnProgress() {
        String offered = DeviceOutcomes.cursor(outcomes("a", OFFERED));
        assertThat(DeviceOutcomes.cursor(outcomes("a", ON_TARGET)))
                .as("installing the offered version does not move the cursor")
                .isEqualTo(offered);
        assertThat(DeviceOutcomes.cursor(outcomes("a", ROLLED_BACK))).isNotEqualTo(offered);
    }

    private static Map<String, Outcome> outcomes(Object... familyAndOutcome) {
        Map<String, Outcome> map = new LinkedHashMap<>();
        for (int i = 0; i < familyAndOutcome.length; i += 2) {
            map.put((String) familyAndOutcome[i], (Outcome) familyAndOutcome[i + 1]);
        }
        return map;
    }
}
