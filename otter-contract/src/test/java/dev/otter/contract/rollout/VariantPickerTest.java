package dev.otter.contract.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class VariantPickerTest {

    @Test
    void bucketRangesFollowTheWeightsInOrder() {
        VariantPicker p = new VariantPicker(List.of(new Variant("a", "1.0.0", 1), new Variant("b", "2.0.0", 3)));
        assertThat(p.pick(0).name()).isEqualTo("a");
        assertThat(p.pick(2_499).name()).isEqualTo("a");
        assertThat(p.pick(2_500).name()).isEqualTo("b");
        assertThat(p.pick(9_999).name()).isEqualTo("b");
    }

    @Test
    void zeroWeightVariantIsNeverPicked() {
        VariantPicker p = new VariantPicker(List.of(new Variant("off", "1.0.0", 0), new Variant("on", "2.0.0", 1)));
        for (int b = 0; b < Bucketing.BUCKETS; b += 7) {
            assertThat(p.pick(b).name()).isEqualTo("on");
        }
    }

    @Test
    void invalidWeightsAreRefused() {
        assertThatThrownBy(() -> new VariantPicker(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new VariantPicker(List.of(new Variant("a", "1.0.0", 0))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(
                        () -> new VariantPicker(List.of(new Variant("a", "1.0.0", -1), new Variant("b", "1.0.0", 2))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
