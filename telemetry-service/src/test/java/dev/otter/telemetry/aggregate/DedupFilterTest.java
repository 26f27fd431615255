package dev.otter.telemetry.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.otter.telemetry.aggregate.service.DedupFilter;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DedupFilterTest {

    @Test
    void usesTheFewestBitsPerEventThatReachTheRate() {
        DedupFilter filter = new DedupFilter(1_000_000, 0.001);
        assertThat(filter.bits()).isEqualTo(24_000_000L); // 24 bits per event (23 would miss 0.1 %)
        assertThat(filter.hashes()).isEqualTo(8);
        assertThat(filter.falseDropRateAt(1_000_000)).isLessThanOrEqualTo(0.001).isGreaterThan(0.0008);
        assertThat(new DedupFilter(1_000_000, 0.01).bits())
                .as("a looser rate, fewer bits")
                .isLessThan(filter.bits());
        assertThat(filter.falseDropRateAt(10_000)).as("far below capacity").isLessThan(1e-6);
        assertThat(filter.falseDropRateAt(4_000_000)).as("far above capacity").isGreaterThan(0.05);
    }

    @Test
    void anIdAlwaysProbesTheSameKBitsOfOneBlock() {
        DedupFilter filter = new DedupFilter(1_000, 0.001);
        String id = UUID.randomUUID().toString();
        DedupFilter.Probe probe = filter.probe(id);
        assertThat(filter.probe(id)).isEqualTo(probe);
        long block = Long.parseLong(probe.word0().substring(1)) / 2;
        assertThat(block).isBetween(0L, filter.bits() / 64 - 1);
        assertThat(probe.word1()).isEqualTo("#" + (2 * block + 1));
        assertThat(Long.bitCount(probe.mask0()) + Long.bitCount(probe.mask1())).isEqualTo(filter.hashes());
        assertThat(probe.mask0()).isLessThan(1L << 32);
        assertThat(probe.mask1()).isLessThan(1L << 32);
        assertThat(filter.probe(UUID.randomUUID().toString())).isNotEqualTo(probe);
    }

    @Test
    void refusesFiltersRedisCannotHold() {
        assertThatThrownBy(() -> new DedupFilter(400_000_000, 0.001)).hasMessageContaining("2^32");
        assertThatThrownBy(() -> new DedupFilter(1_000, 0.7)).hasMessageContaining("false-drop rate");
        assertThatThrownBy(() -> new DedupFilter(0, 0.001)).hasMessageContaining("capacity");
    }
}
